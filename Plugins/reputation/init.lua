-- Les règles du plugin reputation (voir plugin.lua) ; leurs textes en français
-- et en anglais.
--
-- Deux façons de lire les textes (paramètre « analyse ») :
--   « linguistique » (par défaut) : les mots par leur radical, les tournures
--     avec leurs variantes (ling.*), la négation (« pas déçue du tout ») et le
--     contexte (une autre entreprise, une chanson, une blague) ; une personne
--     absente du profil qui s'adresse à l'organisation compte comme du public
--     qu'elle sert (reputation.audience) ;
--   « lexique » : les listes d'expressions exactes de la version 1.0, pour les
--     politiques qui ont été réglées avec elles.
local params = params
local LINGUISTIQUE = params.analyse ~= "lexique"
local audience = require "reputation.audience"
local L = LINGUISTIQUE and require "reputation.langue" or nil

local OWN = { employee = true, organisation = true }
local CLIENTS = { client = true, ["former-client"] = true }
local OTHERS = { competitor = true, stranger = true, ["public-figure"] = true }

local function kind_of(post)
  return post.actor and post.actor.kind or "stranger"
end

-- The matches of several built-in vocabularies, if their weight is enough.
local function matches(s, ...)
  local found, weight = {}, 0
  for i = 1, select("#", ...) do
    for _, m in ipairs(vocab((select(i, ...))):matches(s)) do
      found[#found + 1] = m
      weight = weight + (m.weight or 1)
    end
  end
  if weight >= params.poids_minimal then return found end
  return {}
end

-- What a competitor or a malicious person says to run a business down.
local disparage = text.lexicon {
  "incompétent", "incompétente", "incompétents", "incompétentes", "escroc", "escrocs", "arnaque", "arnaqueurs",
  "fuyez", "à éviter", "voleurs", "voleuses", "volent leurs clients", "travail bâclé",
  "incompetent", "scam", "scammers", "rip-off", "avoid them", "crooks",
}

local function flag_if(ctx, found, note)
  if #found > 0 then ctx:flag { evidence = found, note = note } end
end

-- ---------------------------------------------------------------------------
-- Mode linguistique : ce que chaque règle cherche.
-- ---------------------------------------------------------------------------
local lire = {}

if LINGUISTIQUE then
  local venting, insult = ling.vocab("venting"), ling.vocab("insult")
  local intimidation, threat, blackmail = ling.vocab("intimidation"), ling.vocab("threat"), ling.vocab("blackmail")
  -- Overlapping matches are all read: the heaviest of competing ones counts
  -- (L.distinct), so a short pattern never hides a weightier one.
  local NOT_NEGATED = { negated = false, overlapping = true }
  local ALL = { overlapping = true }

  -- Keeps the matches whose weight reaches `minimum`, without duplicates.
  local function enough(found, minimum)
    found = L.distinct(found)
    if L.weight(found) >= minimum then return found end
    return {}
  end

  -- The sentences that speak of something else (another company, a song…).
  local function elsewhere(s) return L.sentences(L.ailleurs:matches(s)) end

  -- Un avis qui dit qu'un service a déçu : des plaintes (non niées), des
  -- éloges niés (« pas satisfaite »), moins les éloges ; rien de ce qui
  -- parle d'une autre entreprise.
  function lire.avis_negatif(s)
    local other = elsewhere(s)
    local formulas = L.eloge_formules:matches(s, ALL)
    local praised = L.sentences(formulas)
    local not_service = L.sentences(L.hors_service:matches(s))
    local complaints = L.outside(L.merge(
      L.plainte:matches(s, NOT_NEGATED), L.complaint:matches(s, NOT_NEGATED),
      L.generique:matches(s, NOT_NEGATED), L.tournures:matches(s, ALL), venting:matches(s, NOT_NEGATED),
      L.outside(L.negatif_nu:matches(s, NOT_NEGATED), not_service)), other)
    local denied = L.outside(L.outside(L.merge(
      L.eloge:matches(s, { negated = true }), L.service:matches(s, { negated = true })), praised), other)
    local against = L.distinct(L.merge(complaints, denied))
    -- Praise inside a complaint ("used to love") is not praise.
    local praise = L.apart(L.merge(L.outside(L.eloge:matches(s, NOT_NEGATED), other), L.outside(formulas, other)), against)
    local w = L.weight(against)
    if w >= 1.5 and w - L.weight(praise) >= 1 then return against end
    return {}
  end

  -- Des menaces ou de l'intimidation, sauf citées (chanson, série), pour
  -- retrouver quelqu'un en ligne, ou pour rire.
  function lire.menaces(s)
    local laugh = L.rire:contains(s)
    local skip = L.sentences(L.merge(L.ailleurs:matches(s), L.retrouver_en_ligne:matches(s), L.figures:matches(s),
      laugh and L.hyperbole:matches(s) or {}))
    local found = L.distinct(L.outside(L.merge(
      L.menaces:matches(s, NOT_NEGATED), intimidation:matches(s, NOT_NEGATED), threat:matches(s, NOT_NEGATED)), skip))
    local w = L.weight(found)
    if laugh then w = w / 2 end
    if w >= 2 then return found end
    return {}
  end

  -- Une exigence et ce qui arrivera si elle n'est pas satisfaite.
  function lire.chantage(s)
    return enough(L.outside(L.merge(L.chantage:matches(s, ALL), blackmail:matches(s, NOT_NEGATED)), elsewhere(s)), 2.5)
  end

  -- Des accusations de vol, de fraude, de travail illégal… contre
  -- l'organisation ou son équipe : pas contre une autre entreprise, pas le
  -- récit d'une victime (sauf si le texte relie le vol au passage de l'équipe).
  -- Ce qu'un compétiteur dit pour démolir l'organisation, même sans accusation.
  local disparage_more = ling.lexicon {
    "incompétent", "incompétente", "=fuyez", "à éviter", "bande d'escrocs", "travail bâclé", "amateurs",
    "incompetent", "avoid them", "amateurs", "rip-off", language = nil, weight = 1.5,
  }
  function lire.denigrement_concurrent(s)
    return enough(L.merge(disparage_more:matches(s, NOT_NEGATED), insult:matches(s, NOT_NEGATED)), 1.5)
  end

  function lire.diffamation(s)
    local other = elsewhere(s)
    local victims = L.sentences(L.victime:matches(s, ALL))
    local link = L.lien_passage:matches(s, ALL)
    local found = {}
    for _, m in ipairs(L.merge(L.accusations:matches(s, NOT_NEGATED), L.accusations_tournures:matches(s, NOT_NEGATED))) do
      if not other[m.sentence] and (not victims[m.sentence] or #link > 0) then found[#found + 1] = m end
    end
    if #found > 0 then
      for _, m in ipairs(link) do found[#found + 1] = m end
    end
    -- A text that praises the organisation and accuses someone else weakly.
    local minimum = L.weight(L.outside(L.eloge:matches(s, NOT_NEGATED), other)) >= 1 and 3 or 2
    return enough(found, minimum)
  end

  -- Le ras-le-bol d'une personne de l'organisation, sauf le rire, la fierté
  -- et la publicité qui demande au client s'il en a assez.
  local SECOND_PERSON = ling.lexicon { "=vous", "=tu", "=you", "=your", "=votre", "=vos" }
  -- The organisation's call to action: its page sells, it does not vent.
  local CALL_TO_ACTION = ling.pattern {
    "confiez-nous|laissez-nous|appelez-nous|écrivez-nous|contactez-nous|réservez|réserver", "let us|call us|book|contact us",
  }
  function lire.exasperation(s, kind)
    local skip = L.sentences(L.merge(L.pas_exasperation:matches(s), L.figures:matches(s)))
    if kind == "organisation" and CALL_TO_ACTION:contains(s) then return {} end
    local asking = {}
    for _, q in ipairs(ling.sentences(s)) do
      if q.question and (kind == "organisation" or SECOND_PERSON:contains(q.text)) then asking[#asking + 1] = q end
    end
    local found = {}
    for _, m in ipairs(L.merge(L.exasperation:matches(s, NOT_NEGATED), venting:matches(s, NOT_NEGATED))) do
      local marketing = false
      for _, q in ipairs(asking) do
        if m.start >= q.start and m.stop <= q.stop then marketing = true end
      end
      if not skip[m.sentence] and not marketing then found[#found + 1] = m end
    end
    return enough(found, 1.5)
  end

  function lire.injures(s)
    local skip = L.sentences(L.figures:matches(s))
    return enough(L.outside(L.merge(L.injures:matches(s, NOT_NEGATED), insult:matches(s, NOT_NEGATED)), skip), 1.5)
  end

  -- La vie privée d'une cliente ou d'un client (santé, couple, argent…),
  -- dans une phrase qui la relie à la clientèle ou à une personnalité.
  function lire.ragots(s)
    local linked = L.sentences(L.merge(L.client_vise:matches(s), L.personnalites:matches(s)))
    local found = {}
    for _, m in ipairs(L.vie_privee:matches(s, NOT_NEGATED)) do
      if linked[m.sentence] then found[#found + 1] = m end
    end
    return enough(found, 2)
  end
end

-- ---------------------------------------------------------------------------
-- Les règles
-- ---------------------------------------------------------------------------

rule "emotions-frustrations" {
  title = { fr = "Émotions ou frustrations dévoilées", en = "Emotions or frustrations aired" },
  description = {
    fr = "Une personne de l'organisation exprime publiquement sa colère ou sa lassitude.",
    en = "Someone of the organisation airs their anger or weariness in public.",
  },
  charter = {
    fr = "On ne dévoile pas ses émotions ni ses frustrations sur les médias sociaux de l'organisation : on en parle à quelqu'un.",
    en = "Emotions and frustrations stay off the organisation's social media: talk to someone instead.",
  },
  severity = "medium",
  advice = { fr = "Retirer la publication et en parler à une personne de confiance plutôt qu'en ligne.",
             en = "Remove the post and talk to someone you trust rather than online." },
  check = function(post, ctx)
    if not OWN[kind_of(post)] then return end
    if LINGUISTIQUE then flag_if(ctx, lire.exasperation(post.text, kind_of(post))) else flag_if(ctx, matches(post.text, "venting")) end
  end,
  examples = {
    flag = { { text = "J'en ai ras le bol de ce boulot, journée épuisante.", actor = "employee" },
             { text = "So fed up with clients who cancel at 7 a.m.", actor = "employee" } },
    pass = { { text = "Belle journée de travail, merci à l'équipe !", actor = "employee" },
             { text = "J'en ai ras le bol de ce boulot.", actor = "stranger" } },
  },
}

rule "ragots-vie-privee" {
  title = { fr = "Ragots ou vie trop personnelle", en = "Gossip or too personal" },
  description = {
    fr = "Bavardages sur des personnes, ou détails trop personnels, qui entament la confiance qu'on nous accorde.",
    en = "Gossip about people, or details too personal, that wear down the trust placed in us.",
  },
  charter = {
    fr = "Les médias sociaux de l'organisation servent aux contacts professionnels : pas de ragots, pas de vie privée.",
    en = "The organisation's social media are for work contacts: no gossip, no private life.",
  },
  severity = "medium",
  advice = { fr = "Garder la page pour le professionnel ; les personnes qu'on sert attendent de la discrétion.",
             en = "Keep the page for work; the people we serve expect discretion." },
  check = function(post, ctx)
    if not OWN[kind_of(post)] then return end
    if LINGUISTIQUE then flag_if(ctx, lire.ragots(post.text)) else flag_if(ctx, matches(post.text, "gossip", "personal-life")) end
  end,
  examples = {
    flag = { { text = "Notre cliente de Sainte-Rose est en plein divorce, devinez qui… 😉", actor = "employee" } },
    pass = { { text = "Nos conseils de la semaine, en trois minutes.", actor = "employee" } },
  },
}

rule "propos-injurieux" {
  title = { fr = "Propos injurieux d'une personne de l'organisation", en = "Insults by someone of the organisation" },
  charter = { fr = "Aucune insulte, envers personne, même pour rire.", en = "No insults, against anyone, not even as a joke." },
  severity = "high",
  advice = { fr = "Retirer la publication et présenter des excuses si quelqu'un est visé.",
             en = "Remove the post and apologise if someone was targeted." },
  check = function(post, ctx)
    if not OWN[kind_of(post)] then return end
    if LINGUISTIQUE then flag_if(ctx, lire.injures(post.text)) else flag_if(ctx, matches(post.text, "insult")) end
  end,
  examples = {
    flag = { { text = "Ce client est un vrai crétin.", actor = "employee" } },
    pass = { { text = "Ce client est vraiment exigeant, mais on y arrive.", actor = "employee" } },
  },
}

rule "commentaire-negatif-client" {
  title = { fr = "Commentaire négatif d'un client", en = "A client complains in public" },
  description = {
    fr = "Un client, un ancien client ou une personne du public qui s'adresse à l'organisation exprime son mécontentement.",
    en = "A client, a former client or someone of the public addressing the organisation voices their discontent.",
  },
  charter = {
    fr = "Un client mécontent est contacté en privé, calmement : on rétablit les faits et on cherche une solution.",
    en = "An unhappy client is contacted in private, calmly: restore the facts and look for a solution.",
  },
  severity = "medium",
  advice = { fr = "Contacter le client en privé, calmement ; rétablir les faits, s'excuser si nécessaire, chercher une solution.",
             en = "Contact them in private, calmly; restore the facts, apologise if needed, look for a solution." },
  check = function(post, ctx)
    if LINGUISTIQUE then
      local kind, hypothesis = audience.of(post, ctx)
      if audience.client_like(kind) then flag_if(ctx, lire.avis_negatif(post.text), hypothesis) end
    elseif CLIENTS[kind_of(post)] then
      flag_if(ctx, matches(post.text, "venting", "insult"))
    end
  end,
  examples = {
    flag = { { text = "Service nul, je suis furieuse !", actor = "client" },
             { text = "Terrible service, I'm furious.", actor = "client" } },
    pass = { { text = "Merci pour le beau travail !", actor = "client" } },
  },
}

rule "denigrement" {
  title = { fr = "Dénigrement ou accusation par une personne de l'extérieur", en = "Disparagement or accusation from outside" },
  description = {
    fr = "Quelqu'un de l'extérieur accuse l'organisation ou son équipe (vol, fraude, travail au noir…) ou la dénigre.",
    en = "Someone from outside accuses the organisation or its team (theft, fraud, undeclared work…) or runs it down.",
  },
  charter = {
    fr = "Face au dénigrement, on garde les preuves et on répond une seule fois, par les faits.",
    en = "Against disparagement, keep the evidence and answer once, with the facts.",
  },
  severity = "medium",
  advice = { fr = "Garder une copie datée de la publication ; répondre une fois, par les faits ; signaler si cela continue.",
             en = "Keep a dated copy of the post; answer once, with the facts; report it if it goes on." },
  check = function(post, ctx)
    if LINGUISTIQUE then
      local kind, hypothesis = audience.of(post, ctx)
      if not audience.outside(kind) then return end
      local found = lire.diffamation(post.text)
      if #found == 0 and kind == "competitor" then found = lire.denigrement_concurrent(post.text) end
      flag_if(ctx, found, hypothesis)
      return
    end
    if not OTHERS[kind_of(post)] then return end
    local found = matches(post.text, "insult", "venting", "gossip")
    for _, m in ipairs(disparage:matches(post.text)) do found[#found + 1] = m end
    flag_if(ctx, found)
  end,
  examples = {
    flag = { { text = "Ces incompétentes volent leurs clients, fuyez !", actor = "competitor" } },
    pass = { { text = "Belle initiative pour l'environnement.", actor = "competitor" } },
  },
}

rule "menaces-intimidation" {
  title = { fr = "Menaces ou intimidation", en = "Threats or intimidation" },
  charter = {
    fr = "Les menaces et l'intimidation sortent du cadre : on prévient poliment mais fermement, et on garde les preuves.",
    en = "Threats and intimidation are out of bounds: warn politely but firmly, and keep the evidence.",
  },
  severity = "high",
  advice = { fr = "Prévenir poliment mais fermement que ces propos sortent des règles ; garder une copie datée.",
             en = "Warn politely but firmly that this breaks the rules; keep a dated copy." },
  check = function(post, ctx)
    if LINGUISTIQUE then
      local kind, hypothesis = audience.of(post, ctx)
      if audience.outside(kind) then flag_if(ctx, lire.menaces(post.text), hypothesis) end
    elseif not OWN[kind_of(post)] then
      flag_if(ctx, matches(post.text, "intimidation", "threat"))
    end
  end,
  examples = {
    flag = { "Vous allez le regretter, je sais où vous habitez.", "You'll regret this, watch your back." },
    pass = { "Vous allez adorer le résultat !" },
  },
}

rule "chantage" {
  title = { fr = "Chantage", en = "Blackmail" },
  charter = {
    fr = "Au chantage, on ne répond pas : on garde les preuves et on alerte la police.",
    en = "Blackmail is never answered: keep the evidence and call the police.",
  },
  severity = "critical",
  advice = { fr = "Ne pas répondre ; garder les preuves ; signaler à la plateforme et à la police.",
             en = "Do not answer; keep the evidence; report to the platform and the police." },
  check = function(post, ctx)
    if LINGUISTIQUE then
      local kind, hypothesis = audience.of(post, ctx)
      if audience.outside(kind) then flag_if(ctx, lire.chantage(post.text), hypothesis) end
    elseif not OWN[kind_of(post)] then
      flag_if(ctx, matches(post.text, "blackmail"))
    end
  end,
  examples = {
    flag = { "Payez 500 $ ou je publie les photos de vos clients.", "Pay me or I publish everything about you." },
    pass = { "Payez en ligne ou par chèque, au choix." },
  },
}

-- What policies may reuse (plugins.reputation): the readings of the
-- linguistic mode (nil in the lexicon mode).
return { lire = LINGUISTIQUE and lire or nil, audience = audience }
