-- Les règles du plugin absences (voir plugin.lua) ; leurs textes en français
-- et en anglais.
--
-- Paramètre « analyse » : « linguistique » (par défaut) ajoute aux dates les
-- annonces sans date ou en capitales (« on part deux semaines demain »,
-- « AWAY ALL OF AUGUST »), les maisons vides, les clés cachées et les codes,
-- et écarte les conseils, les promotions, les retours et les questions ;
-- une personne de l'extérieur qui écrit en privé à l'organisation ne
-- publie rien. « lexique » garde la lecture de la version 1.0.
local params = params
local menaces = params.menaces
local LINGUISTIQUE = params.analyse ~= "lexique"
local audience = require "reputation.audience"
local A = LINGUISTIQUE and require "absences.langue" or nil

local function visible(post)
  if not params.seulement_public then return true end
  return post.visibility == "public" or post.visibility == "unknown"
end

rule "annonce-absence" {
  title = { fr = "Annonce d'une absence", en = "Absence announced" },
  description = {
    fr = "Une publication dit quand une personne (ou quelqu'un qu'on sert) sera loin de chez elle.",
    en = "A post tells when someone (or someone the organisation serves) will be away from home.",
  },
  charter = {
    fr = "On ne publie pas ses dates d'absence ni celles des personnes qu'on sert : on raconte ses voyages au retour.",
    en = "Nobody posts dates of absence, theirs or those of the people we serve: trips are told after coming back.",
  },
  severity = "high",
  mitigates = menaces,
  advice = { fr = "Retirer les dates ou attendre le retour pour publier.",
             en = "Remove the dates, or post after coming back." },
  check = function(post, ctx)
    if not visible(post) then return end
    if not LINGUISTIQUE then
      local found = dates.absences(post.text, post)
      if #found > 0 then ctx:flag { evidence = found } end
      return
    end
    local kind, hypothesis = audience.of(post, ctx)
    -- Someone outside writing privately to the organisation publishes nothing.
    if post.kind == "direct-message" and audience.outside(kind) then return end
    local s = post.text
    local sentences = ling.sentences(s)
    local skip = {}
    for _, m in ipairs(A.pas_annonce:matches(s)) do skip[m.sentence] = true end
    for i, x in ipairs(sentences) do if x.question then skip[i] = true end end
    if kind == "organisation" then
      local others = {}
      for _, m in ipairs(A.tiers:matches(s)) do others[m.sentence] = true end
      for _, m in ipairs(A.nous:matches(s)) do
        if not others[m.sentence] then skip[m.sentence] = true end
      end
    end
    local found, weight = {}, 0
    for _, m in ipairs(dates.absences(s, post)) do
      local i = A.sentence_of(s, m, sentences)
      if not (i and skip[i]) then found[#found + 1] = m; weight = weight + 2 end
    end
    for _, list in ipairs { A.depart:matches(s, { negated = false }), A.maison_vide:matches(s) } do
      for _, m in ipairs(list) do
        if not skip[m.sentence] then found[#found + 1] = m; weight = weight + m.weight end
      end
    end
    if weight >= 2 then
      ctx:flag { evidence = found, note = audience.outside(kind) and hypothesis or nil }
    end
  end,
  examples = {
    flag = { "En vacances du 3 au 17 août, la maison sera vide !", "Out of office until July 20, the house will be empty." },
    pass = { "De retour de vacances, on a passé de belles semaines en Gaspésie.",
             "Les vacances scolaires commencent le 3 juillet.",
             "Conseil de pro : avant de partir en vacances, videz le frigo." },
  },
}

-- Des mots qui disent comment entrer chez quelqu'un, ou quand il n'y est pas.
local access = text.lexicon {
  { term = "code d'alarme", category = "acces" }, { term = "code de la porte", category = "acces" },
  { term = "code de porte", category = "acces" }, { term = "clé sous le paillasson", category = "acces" },
  { term = "clé sous le tapis", category = "acces" }, { term = "boîte à clés", category = "acces" },
  { term = "la clé est cachée", category = "acces" }, { term = "alarm code", category = "acces" },
  { term = "key under the mat", category = "acces" }, { term = "spare key", category = "acces" },
  { term = "tous les mardis", category = "routine" }, { term = "tous les lundis", category = "routine" },
  { term = "tous les mercredis", category = "routine" }, { term = "tous les jeudis", category = "routine" },
  { term = "tous les vendredis", category = "routine" }, { term = "chaque semaine chez", category = "routine" },
  { term = "personne à la maison", category = "routine" }, { term = "jamais là le", category = "routine" },
  { term = "every tuesday", category = "routine" }, { term = "nobody home", category = "routine" },
}
local extra = #params.termes_acces > 0 and text.lexicon(params.termes_acces) or nil

rule "habitudes-et-acces" {
  title = { fr = "Habitudes ou accès d'un lieu révélés", en = "Routines or ways in revealed" },
  description = {
    fr = "Les horaires de passage, les codes et les cachettes de clés disent à un voleur quand et comment entrer.",
    en = "Visiting times, door codes and hidden keys tell a thief when and how to get in.",
  },
  charter = {
    fr = "Les codes, les clés et les horaires, les nôtres comme ceux des personnes qu'on sert, ne sortent jamais de l'organisation.",
    en = "Codes, keys and schedules, ours and those of the people we serve, never leave the organisation.",
  },
  severity = "high",
  mitigates = menaces,
  advice = { fr = "Retirer la publication ; changer le code ou la cachette s'ils ont été révélés.",
             en = "Remove the post; change the code or the hiding place if they were revealed." },
  check = function(post, ctx)
    -- Someone outside asking for a code is another rule's business
    -- (mefiance-inconnus); this one is about revealing.
    local kind = post.actor and post.actor.kind or "stranger"
    if LINGUISTIQUE then kind = audience.of(post, ctx) end
    if kind == "stranger" or kind == "competitor" or kind == "public" then return end
    local found = access:matches(post.text)
    if extra then
      for _, m in ipairs(extra:matches(post.text)) do found[#found + 1] = m end
    end
    if LINGUISTIQUE then
      for _, m in ipairs(A.acces:matches(post.text, { negated = false, question = false })) do found[#found + 1] = m end
      found = require("reputation.langue").distinct(found)
    end
    if #found > 0 then ctx:flag { evidence = found } end
  end,
  examples = {
    flag = { { text = "Chez Mme G. tous les mardis, la clé sous le paillasson comme d'habitude 😅", actor = "employee" },
             { text = "Reminder: the Morins' alarm code is 2468, spare key in the garage.", actor = "employee" },
             { text = "Nobody home on Fridays, the spare key is in the usual place.", actor = "employee" } },
    pass = { { text = "Une belle routine pour le printemps : nos conseils.", actor = "employee" },
             { text = "C'est quoi le code de la porte ?", actor = "stranger" } },
  },
}
