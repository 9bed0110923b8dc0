-- Les règles et indicateurs du plugin divulgation (voir plugin.lua) ; leurs
-- textes en français et en anglais.
local params = params
local menaces = params.menaces

local function kind_of(post) return post.actor and post.actor.kind or "stranger" end

local function employer(ctx)
  local org = ctx.org and ctx.org.organisation
  return org and org.name
end

-- Where the employer is named in the text (folded, whole words).
local function employer_mentions(post, ctx)
  local name = employer(ctx)
  if not name then return {} end
  return text.find(post.text, name)
end

-- Words of the inside of a company: what its people see and the public does not.
local inside = text.lexicon {
  "la direction", "mon patron", "ma patronne", "mon boss", "réunion interne", "restructuration", "licenciements",
  "plan social", "les chiffres du trimestre", "le comité de direction", "mes collègues", "au bureau",
  "the management", "my boss", "layoffs", "restructuring", "internal meeting", "quarterly numbers",
}

-- seeds/002, « réduire les opportunités de diffusion » : une information
-- classifiée sur un canal qui ne permet pas son niveau.
rule "information-classifiee" {
  title = { fr = "Information classifiée sur un canal non autorisé", en = "Classified information on a channel that does not allow it" },
  description = {
    fr = "Un marqueur de classification (nom de code, client, terme confidentiel) apparaît sur un canal qui ne permet pas ce niveau.",
    en = "A classification marker (a code name, a client, a confidential term) appears on a channel that does not allow its level.",
  },
  charter = {
    fr = "Chaque canal a son niveau : ce qui est interne ou confidentiel ne sort pas sur un média social public.",
    en = "Each channel has its level: what is internal or confidential does not go out on public social media.",
  },
  severity = "high",
  mitigates = menaces,
  advice = { fr = "Retirer la publication ; vérifier le niveau de l'information avant de la partager.",
             en = "Remove the post; check the information's level before sharing it." },
  check = function(post, ctx)
    local c = classify(post.text)
    if not c then return end
    local allowed, rank = allowed_level(post)
    if rank and c.rank > rank then
      ctx:flag { evidence = c.matches,
                 note = { fr = "niveau « " .. c.level .. " » sur un canal qui permet au plus « " .. allowed .. " »",
                          en = "level \"" .. c.level .. "\" on a channel that allows \"" .. allowed .. "\" at most" } }
    end
  end,
  -- What flags depends on the policy's classification: policies give the
  -- examples that flag (extend "information-classifiee" { examples = ... }).
  examples = {
    pass = { { text = "Belle journée d'équipe au bord du lac !", platform = "linkedin", visibility = "public", actor = "employee" } },
  },
}

-- seeds/002, risque 6 : l'entreprise devient un sujet de diffusion (besoin
-- de reconnaissance, d'écoute, sentiment d'injustice).
rule "entreprise-sujet" {
  title = { fr = "L'entreprise prise pour sujet", en = "The organisation made a topic" },
  description = {
    fr = "Une personne de l'organisation la nomme en parlant de ce qui s'y passe à l'interne, ou de ce qu'elle en ressent.",
    en = "Someone of the organisation names it while telling what goes on inside, or how they feel about it.",
  },
  charter = {
    fr = "On ne raconte pas la vie interne de l'organisation sur ses comptes personnels ; on en parle à l'interne.",
    en = "The organisation's inner life is not told on personal accounts; it is talked about inside.",
  },
  severity = "medium",
  mitigates = menaces,
  advice = { fr = "En parler à son gestionnaire ou à la cellule de gestion du risque humain plutôt qu'en ligne.",
             en = "Talk to your manager or to the people in charge of human risk rather than online." },
  check = function(post, ctx)
    if kind_of(post) ~= "employee" then return end
    local named = employer_mentions(post, ctx)
    if #named == 0 then return end
    local found = inside:matches(post.text)
    for _, m in ipairs(vocab("venting"):matches(post.text)) do found[#found + 1] = m end
    if #found > 0 then
      for _, m in ipairs(named) do found[#found + 1] = m end
      ctx:flag { evidence = found }
    end
  end,
  -- The employer's name comes from the profile: policies give the examples.
}

-- seeds/002, risque 1 (la divulgation compulsive) : la personne sait qu'elle
-- ne devrait pas en parler, le dit, et en parle quand même.
local confidentialite = require "divulgation.confidentialite"

rule "confidentialite-declaree" {
  title = { fr = "Confidence annoncée", en = "A confidence announced" },
  description = {
    fr = "Une personne de l'organisation annonce elle-même qu'une information est confidentielle, secrète ou qu'elle ne devrait pas en parler… et la publie.",
    en = "Someone of the organisation says themselves that a piece of information is confidential, secret or not to be told… and posts it.",
  },
  charter = {
    fr = "« C'est confidentiel » ne se publie pas : ce qu'on n'a pas le droit de dire, on ne l'écrit ni en clair, ni à demi-mot.",
    en = "\"This is confidential\" is not posted: what may not be told is written neither plainly nor by hints.",
  },
  severity = "high",
  mitigates = menaces,
  advice = {
    fr = "Retirer la publication ; en parler avec la personne : ce qu'on sait ne devoir pas dire ne se dit pas à demi-mot non plus.",
    en = "Remove the post; talk it over with the person: what one knows not to tell is not told by hints either.",
  },
  check = function(post, ctx)
    local kind = kind_of(post)
    if kind ~= "employee" and kind ~= "organisation" then return end
    local found = confidentialite.confidences(post.text)
    if #found > 0 then ctx:flag { evidence = found } end
  end,
  examples = {
    flag = { { text = "C'est confidentiel, mais on vient de décrocher le ménage de tout un hôtel 🤫", actor = "employee" },
             { text = "Je n'ai pas le droit d'en dire plus 😉 mais une grosse nouvelle s'en vient !", actor = "employee" },
             { text = "I'm not supposed to say this, but we just landed a huge contract.", actor = "employee" } },
    pass = { { text = "Vos informations restent confidentielles : nous ne les partageons avec personne.", actor = "organisation" },
             { text = "Ce film, je ne vous dis rien pour ne pas vous le gâcher !", actor = "employee" },
             { text = "C'est confidentiel, mais on vient de décrocher un contrat.", actor = "stranger" } },
  },
}

-- seeds/002 : des règles de filtrage propres à chaque média social, selon
-- les usages approuvés (profile.yaml : channels).
rule "canal-non-approuve" {
  title = { fr = "Sujet professionnel sur un canal non approuvé", en = "Work topic on an unapproved channel" },
  description = {
    fr = "Une personne de l'organisation en parle sur une plateforme qu'aucun usage approuvé ne prévoit.",
    en = "Someone of the organisation talks about it on a platform no approved use provides for.",
  },
  charter = {
    fr = "Chaque usage a ses canaux approuvés ; ailleurs, on ne parle pas de l'organisation.",
    en = "Each use has its approved channels; elsewhere, the organisation is not talked about.",
  },
  severity = "low",
  mitigates = menaces,
  advice = { fr = "Publier sur le canal approuvé pour cet usage, ou ne pas publier.",
             en = "Post on the channel approved for this use, or do not post." },
  check = function(post, ctx)
    if kind_of(post) ~= "employee" then return end
    local channels = ctx.org and ctx.org.channels
    if not channels or #channels == 0 then return end
    for _, ch in ipairs(channels) do
      for _, p in ipairs(ch.platforms or {}) do
        if p == post.platform then return end
      end
    end
    local named = employer_mentions(post, ctx)
    if #named > 0 then ctx:flag { evidence = named } end
  end,
  -- The approved channels come from the profile: policies give the examples.
}

-- ---------------------------------------------------------------------------
-- Indicateurs a priori (seeds/002 : « identifier a priori les comportements
-- compulsifs » ; une cellule de gestion du risque humain les examine).
-- ---------------------------------------------------------------------------

local DAY = 86400

indicator "rythme-inhabituel" {
  title = { fr = "Rythme de publication inhabituel", en = "Unusual posting pace" },
  description = {
    fr = "Une personne publie beaucoup plus que d'habitude en une journée (comparée à sa propre moyenne).",
    en = "Someone posts far more than usual in a day (compared with their own average).",
  },
  charter = {
    fr = "Une rafale de publications est un signal : on prend des nouvelles de la personne.",
    en = "A burst of posts is a signal: check in with the person.",
  },
  severity = "low",
  mitigates = menaces,
  advice = { fr = "Prendre des nouvelles de la personne ; rappeler les bonnes pratiques sans reproche.",
             en = "Check in with the person; go over the good practices without blame." },
  state = function() return { day = nil, count = 0, days = 0, total = 0, signalled = nil } end,
  observe = function(post, s, ctx)
    local day = post.time // DAY
    if s.day ~= day then
      if s.day then s.days = s.days + 1; s.total = s.total + s.count end
      s.day, s.count = day, 0
    end
    s.count = s.count + 1
    if s.days < 3 then return end
    local baseline = s.total / s.days
    if s.count >= 5 and s.count >= params.facteur_rythme * baseline and s.signalled ~= day then
      s.signalled = day
      ctx:signal { note = { fr = string.format("%d publications aujourd'hui, %.1f par jour d'habitude", s.count, baseline),
                            en = string.format("%d posts today, %.1f a day usually", s.count, baseline) } }
    end
  end,
}

indicator "publication-nocturne" {
  title = { fr = "Publications nocturnes répétées", en = "Repeated posts at night" },
  description = {
    fr = "Plusieurs publications entre minuit et 5 h dans la même semaine.",
    en = "Several posts between midnight and 5 a.m. in the same week.",
  },
  severity = "low",
  mitigates = menaces,
  advice = { fr = "Prendre des nouvelles de la personne : la fatigue et l'isolement favorisent les publications impulsives.",
             en = "Check in with the person: tiredness and isolation breed impulsive posts." },
  state = function() return { times = {}, last = -1e18 } end,
  observe = function(post, s, ctx)
    if post.hour >= 5 then return end
    local t = s.times
    t[#t + 1] = post.time
    while #t > 0 and t[1] < post.time - 7 * DAY do table.remove(t, 1) end
    if #t >= params.publications_nocturnes and post.time - s.last > 7 * DAY then
      s.last = post.time
      ctx:signal { note = { fr = #t .. " publications de nuit en 7 jours", en = #t .. " posts at night in 7 days" } }
    end
  end,
}

indicator "identites-multiples" {
  title = { fr = "Plusieurs identités", en = "Several identities" },
  description = {
    fr = "La même personne publie sous plusieurs comptes ou plateformes (seeds/002 : multiplication des identités, multiplication des comportements).",
    en = "The same person posts under several accounts or platforms (seeds/002: more identities, more behaviours).",
  },
  severity = "info",
  mitigates = menaces,
  advice = { fr = "Vérifier que chaque identité respecte la charte ; rappeler que le pseudonyme ne protège pas l'information.",
             en = "Check that each identity follows the charter; recall that a pseudonym does not protect information." },
  state = function() return { seen = {}, n = 0 } end,
  observe = function(post, s, ctx)
    local key = post.platform .. ":" .. (post.author.handle or post.author.name or post.author.id or "?")
    if s.seen[key] then return end
    s.seen[key] = true
    s.n = s.n + 1
    if s.n == params.identites then ctx:signal { note = { fr = s.n .. " identités", en = s.n .. " identities" } } end
  end,
}

indicator "confusion-perso-pro" {
  title = { fr = "Confusion vie personnelle et vie professionnelle", en = "Personal and work life mixed up" },
  description = {
    fr = "Une part croissante des publications personnelles mêle l'organisation (seeds/002 : la vie personnelle s'immerge dans l'entreprise).",
    en = "A growing share of personal posts brings in the organisation (seeds/002: personal life sinks into the company).",
  },
  severity = "low",
  mitigates = menaces,
  advice = { fr = "Rappeler la frontière entre comptes personnels et sujets professionnels.",
             en = "Recall the line between personal accounts and work topics." },
  state = function() return { window = {}, mixed = 0, signalled = false } end,
  observe = function(post, s, ctx)
    if kind_of(post) ~= "employee" then return end
    local personal = #vocab("personal-life"):matches(post.text) > 0
    local work = #employer_mentions(post, ctx) > 0 or classify(post.text) ~= nil
    local w = s.window
    w[#w + 1] = (personal and work) and 1 or 0
    if #w > 20 then table.remove(w, 1) end
    local n = 0
    for _, x in ipairs(w) do n = n + x end
    if n >= 3 and n / #w >= 0.3 and not s.signalled then
      s.signalled = true
      ctx:signal { note = { fr = string.format("%d publications sur %d mêlent vie personnelle et entreprise", n, #w),
                            en = string.format("%d posts out of %d mix personal life and work", n, #w) } }
    end
  end,
}
