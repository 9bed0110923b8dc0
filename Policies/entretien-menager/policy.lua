-- Politique de sécurité humaine d'Éclat Net, entreprise d'entretien ménager
-- résidentiel (exemple inventé). Elle suit les trois étapes de seeds/000 :
--   1. analyser ses besoins sécuritaires (profile.yaml répond aux quatre
--      questions ; les menaces ci-dessous reprennent la réflexion) ;
--   2. établir des règles de base (les cinq règles, ci-dessous et dans les
--      plugins) ;
--   3. établir un processus de réaction en cas de crise (incidents,
--      réactions et scénarios à simuler avant la crise).
-- La correspondance entre le texte source et chaque déclaration est dans
-- README.md.

policy {
  name = "entretien-menager",
  version = "1.1.0",
  language = "fr",
  title = "Éclat Net — sécurité humaine sur les médias sociaux",
  description = "Les menaces, les règles de base et les réactions d'une petite entreprise d'entretien ménager qui se lance sur le Web (site et page Facebook).",
  uses = {
    ["donnees-personnelles"] = {
      version = "^1.0",
      menaces = { "predateurs-infos-clients" },
      numeros_publics = { "450 555-0100" },
      domaines_publics = { "eclatnet.example" },
    },
    absences = { version = "^1.0", menaces = { "dates-de-vacances" } },
    reputation = { version = "^1.0" },
    crise = { version = "^1.0" },
    -- seeds/002 : les confidences annoncées (« c'est confidentiel, mais… »).
    divulgation = { version = "^1.1", menaces = { "perte-de-confiance", "indiscretion-clients-prestigieux" } },
  },
  -- Les marqueurs de la classification (noms de clients, codes, absences) sont
  -- déjà lus, avec plus de finesse, par le registre des consentements
  -- (consentement-client), annonce-absence et habitudes-et-acces ; la
  -- classification sert la charte et les canaux. Du plugin divulgation, Éclat
  -- Net ne garde que les confidences annoncées : la vie interne d'une équipe
  -- de trois (entreprise-sujet) relève déjà d'emotions-frustrations ; les
  -- usages approuvés du profil (channels) servent au registre des
  -- consentements, pas à interdire aux employées de parler de l'entreprise
  -- ailleurs (canal-non-approuve) ; et les indicateurs de comportement de
  -- seeds/002 (rythme, nuit, identités, confusion perso-pro) ne font pas
  -- partie de ses besoins (seeds/000).
  disable = { "information-classifiee", "entreprise-sujet", "canal-non-approuve", "rythme-inhabituel",
              "publication-nocturne", "identites-multiples", "confusion-perso-pro" },
}

local echelles = require "crise.echelles"

-- ---------------------------------------------------------------------------
-- Étape 1 — Réflexion : les menaces
-- ---------------------------------------------------------------------------

threat "indiscretion-clients-prestigieux" {
  title = "Indiscrétion sur des clients connus",
  description = "Citer une personnalité publique chez qui on a travaillé (ministre, vedette) attire l'indiscrétion, les ragots et les journalistes.",
  actors = { "employee", "public-figure" }, assets = { "fichier-clients" }, channels = { "facebook", "website" },
  likelihood = 2, impact = 4,
  applies = function(org)
    return #org:people("public-figure") > 0, "des personnalités publiques figurent parmi les clients"
  end,
}

threat "predateurs-infos-clients" {
  title = "Cyberprédateurs en quête d'informations sur les clients",
  description = "Des personnes malveillantes cherchent les adresses, les habitudes et les secrets des clients (vol, chantage, enlèvement).",
  actors = { "stranger" }, assets = { "fichier-clients", "horaires" },
  likelihood = 3, impact = 5,
}

threat "corruption-infos-clients" {
  title = "Offre d'argent ou de contrat contre des informations",
  description = "Quelqu'un propose un contrat ou de l'argent en échange de renseignements sur les clients.",
  actors = { "stranger", "competitor" }, assets = { "fichier-clients" },
  likelihood = 2, impact = 4,
}

threat "dates-de-vacances" {
  title = "Dates de vacances révélées",
  description = "Les dates de vacances de l'équipe ou des clients disent à un voleur quand une maison est vide.",
  actors = { "employee", "stranger" }, assets = { "horaires" },
  likelihood = 4, impact = 4,
  applies = function(org)
    return org:has_issue("habitudes-clients") or org:has_issue("vols"), "les habitudes des clients et les vols sont des enjeux nommés"
  end,
}

threat "mauvais-commentaires-clients" {
  title = "Mauvais commentaires d'un client ou d'un ancien client",
  actors = { "client", "former-client" }, channels = { "facebook" },
  likelihood = 4, impact = 3,
  applies = function(org) return org:uses("facebook"), "la page Facebook sert au bouche-à-oreille" end,
}

threat "mauvaise-reputation-malveillance" {
  title = "Mauvaise réputation causée par un compétiteur ou une personne malveillante",
  actors = { "competitor", "stranger" }, channels = { "facebook" },
  likelihood = 3, impact = 4,
  applies = function(org) return org:has_issue("competiteurs"), "les compétiteurs sont un enjeu nommé" end,
}

threat "perte-de-confiance" {
  title = "Perte de confiance des clients",
  description = "Les clients nous laissent entrer dans leur intimité : une frustration affichée, un ragot ou un nom cité sans accord brise le lien de confiance.",
  actors = { "employee" }, assets = { "fichier-clients" },
  likelihood = 3, impact = 4,
}

-- ---------------------------------------------------------------------------
-- Étape 2 — Les règles de base
-- Règle 1 : ne pas dévoiler ses émotions ou frustrations  → plugin reputation
-- Règle 2 : des contacts professionnels, sans ragots      → plugin reputation
-- Règle 3 : se méfier des inconnus qui font parler des clients (ci-dessous)
-- Règle 4 : ni numéro ni adresse personnels          → plugin donnees-personnelles
-- Règle 5 : l'accord du client avant de le nommer (ci-dessous)
-- ---------------------------------------------------------------------------

extend "emotions-frustrations" { add_mitigates = { "perte-de-confiance" } }
extend "ragots-vie-privee" { add_mitigates = { "perte-de-confiance", "indiscretion-clients-prestigieux" } }
extend "propos-injurieux" { add_mitigates = { "perte-de-confiance" } }
extend "commentaire-negatif-client" { add_mitigates = { "mauvais-commentaires-clients" } }
extend "menaces-intimidation" { add_mitigates = { "mauvais-commentaires-clients", "mauvaise-reputation-malveillance" } }
extend "denigrement" { add_mitigates = { "mauvaise-reputation-malveillance" } }
extend "chantage" { add_mitigates = { "mauvaise-reputation-malveillance", "predateurs-infos-clients" } }
extend "habitudes-et-acces" { add_mitigates = { "predateurs-infos-clients" } }
extend "confidentialite-declaree" { add_mitigates = { "perte-de-confiance" } }

local OWN = { employee = true, organisation = true }
local audience = require "reputation.audience"
local langue = require "reputation.langue"
local V = require "vocabulaire"
local confidentialite = require "divulgation.confidentialite"

-- Le chantage, tel que le lit le plugin reputation (rien en mode lexique).
local function blackmail(s)
  local lire = plugins.reputation and plugins.reputation.lire
  return lire ~= nil and #lire.chantage(s) > 0
end

-- Les phrases qui demandent quelque chose : une question, ou une demande
-- (« dites-moi », « si vous me dites », « tell me »).
local function asking(s)
  local asked = langue.sentences(V.demande:matches(s))
  for i, sentence in ipairs(ling.sentences(s)) do
    if sentence.question then asked[i] = true end
  end
  return asked
end

-- Ce qu'une personne de l'extérieur cherche à savoir des clients : dans une
-- phrase qui demande, un tiers (clients, famille, voisins, « ils ») avec ce
-- qu'on n'a pas à savoir d'eux (où, quand, qui), ou un moyen d'entrer chez
-- eux (clés, codes, alarmes) ; ou la pêche sans détour (« chez qui »).
local function fishing(s)
  local asked = asking(s)
  local found = {}
  local by_sentence = {}
  local function bucket(m, field)
    local t = by_sentence[m.sentence]
    if t == nil then
      t = { tiers = {}, infos = {}, acces = {} }
      by_sentence[m.sentence] = t
    end
    local list = t[field]
    list[#list + 1] = m
  end
  for _, m in ipairs(langue.merge(V.tiers:matches(s), langue.personnalites:matches(s))) do bucket(m, "tiers") end
  for _, m in ipairs(V.renseignements:matches(s)) do bucket(m, "infos") end
  for _, m in ipairs(V.acces:matches(s)) do bucket(m, "acces") end
  for i, t in pairs(by_sentence) do
    if asked[i] then
      if #t.acces > 0 then
        for _, m in ipairs(t.acces) do found[#found + 1] = m end
        for _, m in ipairs(t.tiers) do found[#found + 1] = m end
      elseif #t.tiers > 0 and #t.infos > 0 then
        for _, m in ipairs(t.tiers) do found[#found + 1] = m end
        for _, m in ipairs(t.infos) do found[#found + 1] = m end
      end
    end
  end
  for _, m in ipairs(V.directe:matches(s)) do found[#found + 1] = m end
  return langue.distinct(found)
end

rule "mefiance-inconnus" {
  title = "Quelqu'un de l'extérieur cherche à faire parler des clients",
  description = "Une personne qui n'est ni de l'équipe ni une cliente connue pose des questions sur les clients : qui ils sont, où ils habitent, quand ils s'absentent, comment entrer chez eux.",
  charter = "On ne parle jamais des clients avec quelqu'un qu'on ne connaît pas, même gentiment, même en privé.",
  severity = "high",
  mitigates = { "predateurs-infos-clients", "corruption-infos-clients" },
  advice = "Ne rien répondre sur les clients ; bloquer la personne si elle insiste.",
  check = function(post, ctx)
    local kind, hypothesis = audience.of(post, ctx)
    if OWN[kind] or audience.CLIENTS[kind] then return end
    -- A demand under threat of disclosure is blackmail: the chantage rule takes it.
    if blackmail(post.text) then return end
    local found = fishing(post.text)
    if #found > 0 then ctx:flag { evidence = found, note = hypothesis } end
  end,
  examples = {
    flag = { { text = "Bonjour ! Vous faites le ménage chez les Tremblay ? Ils partent quand en vacances ?", kind = "direct-message" },
             { text = "Hi, who are your clients in Sainte-Rose?", kind = "direct-message" },
             { text = "Vous savez si les Lapointe sont au chalet cette semaine", kind = "direct-message" },
             { text = "Which streets do you work on, and when are the owners out?", kind = "direct-message" },
             { text = "Petite question discrète : vous avez le double des clés chez les Côté ?", kind = "direct-message" } },
    pass = { { text = "Bonjour, faites-vous des soumissions pour un condo ?", kind = "direct-message" },
             { text = "I'll be away next week, can you clean while I'm gone?", kind = "direct-message" },
             { text = "Vous desservez Sainte-Rose ? J'habite près du boulevard.", kind = "direct-message" },
             { text = "À quelle heure l'équipe passe chez moi jeudi ?", kind = "comment", actor = "client" } },
  },
}

-- Une offre d'argent ou de faveur en échange de renseignements sur les clients.
rule "offre-contre-informations" {
  title = "Offre d'argent ou de contrat contre des informations",
  charter = "Aucune offre, aucun contrat ne vaut une information sur un client : on refuse et on signale.",
  severity = "critical",
  mitigates = { "corruption-infos-clients" },
  advice = "Refuser, garder une copie du message, bloquer, signaler ; prévenir la police si l'offre insiste.",
  check = function(post, ctx)
    local kind, hypothesis = audience.of(post, ctx)
    if OWN[kind] then return end
    local s = post.text
    if blackmail(s) then return end
    local offers = langue.merge(V.offre:matches(s), ling.vocab("bribe"):matches(s, { negated = false }))
    if #offers == 0 then return end
    local about = langue.merge(fishing(s), V.acces:matches(s), V.directe:matches(s))
    if #about == 0 and #V.demande:matches(s) == 0 then return end
    ctx:flag { evidence = langue.distinct(langue.merge(offers, about)), note = hypothesis }
  end,
  examples = {
    flag = { { text = "Je vous donne 200 $ si vous me dites quand la maison des Côté est vide.", kind = "direct-message" },
             { text = "$200 if you tell me what time the cleaners leave the Morins' place.", kind = "direct-message" } },
    pass = { { text = "Combien pour un grand ménage de printemps ?", kind = "direct-message" },
             { text = "Je vous donne 5 étoiles, merci pour tout !", kind = "comment" } },
  },
}

-- Règle 5 : une cliente ou un client nommé hors de son accord — le registre
-- des consentements du profil (`consent` des personnes, avec sa portée —
-- plateformes, usages —, son début, son expiration et son retrait ; on
-- cherche le nom et les autres noms : prénom, surnom) —, et les familles
-- nommées comme clientes que le registre ne connaît pas.
local pourquoi = {
  none = "pas d'accord de %s au registre des consentements",
  withdrawn = "%s a retiré son accord",
  before = "l'accord de %s ne commence qu'après cette publication",
  expired = "l'accord de %s a expiré",
  platform = "l'accord de %s ne couvre pas cette plateforme",
  use = "l'accord de %s ne couvre pas cet usage",
}

-- Des mots à majuscule qui ne sont pas des noms de famille.
local NOT_NAMES = {}
for _, w in ipairs { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
                     "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
                     "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "fetes", "noel", "paques",
                     "christmas", "easter", "laval", "montreal", "quebec" } do
  NOT_NAMES[w] = true
end

-- The words of the naming patterns themselves (« Chez », « Mme », « The »).
local PATTERN_WORDS = {}
for _, w in ipairs { "chez", "les", "le", "la", "des", "famille", "familles", "mme", "m", "madame", "monsieur", "mrs", "mr",
                     "ms", "the", "at" } do
  PATTERN_WORDS[w] = true
end

rule "consentement-client" {
  title = "Client nommé sans son accord",
  description = "Une publication de l'entreprise nomme un client hors de ce qu'il a accepté (sans accord, avant, après ou ailleurs), ou une famille cliente que le registre des consentements ne connaît pas.",
  charter = "On ne met le nom d'un client sur le Web qu'avec son accord, là et pour l'usage qu'il a acceptés ; les références se demandent d'abord.",
  severity = "high",
  mitigates = { "perte-de-confiance", "indiscretion-clients-prestigieux" },
  advice = "Retirer le nom, ou demander l'accord du client avant de republier.",
  check = function(post, ctx)
    local kind = post.actor and post.actor.kind
    if not OWN[kind] then return end
    local consenting, known, flagged = {}, {}, false
    for _, kind_of_person in ipairs { "client", "former-client", "public-figure" } do
      for _, person in ipairs(ctx.org:people(kind_of_person)) do
        local ok, why = ctx.org:consent_covers(person, post)
        local names = ctx.org:names(person)
        for _, name in ipairs(names) do
          for word in name:gmatch("[^%s]+") do
            known[text.fold(word)] = true
            if ok then consenting[text.fold(word)] = true end
          end
        end
        if not ok then
          local found = {}
          for _, name in ipairs(names) do
            for _, m in ipairs(text.find(post.text, name)) do found[#found + 1] = m end
          end
          if #found > 0 then
            ctx:flag { evidence = found, note = string.format(pourquoi[why], person.name) }
            flagged = true
          end
        end
      end
    end
    -- One finding per name: a name the register knows is not also an unknown family.
    if flagged then return end
    -- A family or a person named as a client ("chez les Lapointe", "the
    -- Harrisons are…"), who is not in the register: no consent on record.
    local organisation = {}
    for word in (ctx.org.organisation and ctx.org.organisation.name or ""):gmatch("[^%s]+") do
      organisation[text.fold(word)] = true
    end
    local found = {}
    for _, m in ipairs(V.nom_client:matches(post.text)) do
      local named = false
      for _, part in ipairs(m.parts) do
        local word = text.fold(part.text)
        if consenting[word] or organisation[word] then named = nil break end
        if part.text:match("^[%u\128-\255]") and not known[word] and not NOT_NAMES[word] and text.length(part.text) > 1
          and not PATTERN_WORDS[word] then
          named = true
        end
      end
      if named then found[#found + 1] = m end
    end
    if #found > 0 then
      ctx:flag { evidence = found, note = "un nom de client qui n'est pas au registre des consentements : aucun accord connu" }
    end
  end,
  examples = {
    flag = { { text = "Merci à Mme Tremblay pour sa confiance depuis trois ans !", actor = "nadia" },
             { text = "Merci Sylvie pour ta confiance !", actor = "nadia" },
             { text = "Un grand merci à M. Gagnon, fidèle client depuis 2019 !", actor = "karine", platform = "twitter",
               time = "2026-03-02T12:00:00-05:00" },
             { text = "Les Lapointe sont partis au chalet, on en profite pour le grand ménage.", actor = "karine" } },
    pass = { { text = "Merci à M. Gagnon pour sa belle référence !", actor = "nadia", platform = "facebook",
               handle = "eclatnet.laval", time = "2026-03-02T12:00:00-05:00", good_practice = true },
             { text = "Merci à tous nos clients de Laval !", actor = "nadia", good_practice = true },
             { text = "Les Fêtes approchent : réservez tôt !", actor = "nadia" } },
  },
}

-- Une personnalité (ministre, juge, vedette…) reliée au travail de l'équipe :
-- qu'on la nomme ou non, on la reconnaît. Pas les nouvelles (« le ministre a annoncé »).
local lien_travail = ling.pattern {
  "chez", "client|cliente|clients|clientes|clientèle", "ménage|nettoyé|nettoyer|nettoie|lavé|laver|passé",
  "(on | nous) (a | avons | fait | faisons | travaille | travaillons | prépare | préparons)", "nous|notre|nos",
  "maison|salon|cuisine|frigo|bureau|chambre|garde-robe|désordre|désordres|saleté|propre|lit|poussière|sous-sol|cave",
  "clean|cleaned|cleaning|client|clients|customer|house|place|home|fridge|closet|office|kitchen|mess|messy|bed|dust|basement|cellar",
  "we|us|our",
}
-- Un lien direct avec la clientèle, qui l'emporte sur le contexte des nouvelles.
local lien_client = ling.pattern {
  "client|cliente|clients|clientes|clientèle", "chez (le|la|les|un|une)", "clean|cleaned|cleaning for", "our|my client|clients",
}

rule "indiscretion-celebrite" {
  title = "Indiscrétion sur un client connu",
  description = "Une publication de l'entreprise laisse reconnaître une cliente ou un client par sa fonction ou sa notoriété (ministre, juge, vedette, médecin du quartier).",
  charter = "On ne laisse jamais deviner chez quelle personnalité on travaille.",
  severity = "high",
  mitigates = { "indiscretion-clients-prestigieux" },
  advice = "Retirer toute allusion au client connu ; ne jamais s'en servir comme référence sans son accord écrit.",
  check = function(post, ctx)
    local kind = post.actor and post.actor.kind
    if not OWN[kind] then return end
    local s = post.text
    -- The news ("le ministre a annoncé", "à la radio") is not a client,
    -- unless the sentence says it is.
    local news = langue.sentences(langue.nouvelles:matches(s))
    for i in pairs(langue.sentences(lien_client:matches(s))) do news[i] = nil end
    local found = langue.outside(langue.personnalites:matches(s), news)
    local linked = #langue.outside(lien_travail:matches(s), news) > 0
    -- Someone recognisable without a name (« vous la voyez à la télé », « he
    -- has a Grammy ») in a post that hints at a client or keeps a secret.
    local recognisable = langue.reconnaissable:matches(s)
    if #recognisable > 0 and (linked or #confidentialite.confidences(s) > 0) then
      found = langue.merge(found, recognisable)
      linked = true
    end
    if #found == 0 or not linked then return end
    ctx:flag { evidence = langue.distinct(found) }
  end,
  examples = {
    flag = { { text = "Devinez chez quel ministre on a fait le grand ménage ce matin 😉", actor = "karine" },
             { text = "Cleaned the judge's place today. Let's just say he's not as strict about his own mess.", actor = "karine" } },
    pass = { { text = "Grand ménage ce matin chez une famille de Laval.", actor = "karine", good_practice = true },
             { text = "Le ministre des Finances a annoncé une baisse d'impôt pour les travailleurs autonomes.", actor = "karine" } },
  },
}

-- La classification des informations du profil (fichier des clients : secret ;
-- horaires : confidentiel) et ce que chaque canal peut porter.
classification {
  title = "Ce qui peut circuler, et où",
  charter = "Ce qui concerne un client ne circule jamais hors de l'entreprise ; la page publique ne porte que ce qui est public.",
  levels = { "public", "internal", "confidential", "secret" },
  channels = { public = "public", unlisted = "public", followers = "internal", direct = "confidential" },
}

-- ---------------------------------------------------------------------------
-- Étape 3 — Le processus de réaction en cas de crise
-- ---------------------------------------------------------------------------

incident "client-mecontent" {
  title = "Un client mécontent s'exprime publiquement",
  opened_by = { "commentaire-negatif-client", "menaces-intimidation" },
}

reaction "client-mecontent" {
  title = "Cas no 1 : un client dévoile sa frustration sur Facebook",
  on = "client-mecontent",
  answers = { "mauvais-commentaires-clients" },
  steps = echelles.dialogue_avertissement_exclusion {
    menaces = { "menaces-intimidation" },
    recidive = { "menaces-intimidation", "commentaire-negatif-client" },
  },
}

incident "malveillance" {
  title = "Dénigrement ou chantage",
  opened_by = { "denigrement", "chantage" },
}

reaction "malveillance" {
  title = "Un compétiteur ou une personne malveillante s'en prend à l'entreprise",
  on = "malveillance",
  answers = { "mauvaise-reputation-malveillance" },
  steps = echelles.malveillance { regles = { "denigrement", "chantage", "menaces-intimidation" } },
}

incident "fuite-informations" {
  title = "Une information sur une personne a circulé",
  opened_by = { "telephone-personnel", "courriel-personnel", "adresse-personnelle", "identifiant-officiel",
                "habitudes-et-acces", "annonce-absence", "consentement-client", "indiscretion-celebrite" },
}

reaction "fuite-informations" {
  title = "Retirer, prévenir, corriger",
  on = "fuite-informations",
  answers = { "predateurs-infos-clients", "dates-de-vacances", "indiscretion-clients-prestigieux", "perte-de-confiance" },
  steps = echelles.fuite {
    grave = { "adresse-personnelle", "habitudes-et-acces", "identifiant-officiel", "annonce-absence" },
    regles = { "telephone-personnel", "courriel-personnel", "adresse-personnelle", "identifiant-officiel",
               "habitudes-et-acces", "annonce-absence", "consentement-client", "indiscretion-celebrite" },
  },
}

incident "sollicitation-suspecte" {
  title = "Quelqu'un cherche des informations sur les clients",
  opened_by = { "mefiance-inconnus", "offre-contre-informations" },
}

reaction "sollicitation-suspecte" {
  title = "Ne rien dire, bloquer, prévenir",
  on = "sollicitation-suspecte",
  answers = { "predateurs-infos-clients", "corruption-infos-clients" },
  steps = echelles.sollicitation {
    regles = { "mefiance-inconnus", "offre-contre-informations" },
    graves = { "offre-contre-informations" },
  },
}

incident "propos-equipe" {
  title = "Une personne de l'équipe s'emporte ou bavarde en ligne",
  opened_by = { "emotions-frustrations", "ragots-vie-privee", "propos-injurieux", "confidentialite-declaree" },
}

reaction "propos-equipe" {
  title = "Recadrer avec bienveillance",
  on = "propos-equipe",
  answers = { "perte-de-confiance" },
  steps = {
    { id = "discussion", title = "Discussion privée",
      advice = "En parler en privé, sans reproche : ce qui s'est passé, l'effet sur les clients, retirer la publication." },
    { id = "rappel-ecrit", title = "Rappel écrit de la charte",
      when = { any = { "emotions-frustrations", "ragots-vie-privee", "propos-injurieux", "confidentialite-declaree" } },
      record_reasons = true, close = true,
      advice = "Remettre la charte d'utilisation et convenir d'une personne à qui parler avant de publier sous le coup de l'émotion." },
  },
}

-- ---------------------------------------------------------------------------
-- Scénarios à simuler avant la crise (seeds/000 : « établir quelques
-- scénarios ou faire quelques simulations »)
-- ---------------------------------------------------------------------------

scenario "client-fache" {
  title = "Cas no 1 : Mme Tremblay s'emporte sur la page Facebook",
  actor = "mme-tremblay",
  platform = "facebook",
  timeline = {
    { at = "2026-03-02T09:15:00-05:00", kind = "comment",
      text = "Service nul, je suis furieuse ! Plus jamais avec Éclat Net.", expect = "dialogue",
      note = "On appelle Mme Tremblay, calmement." },
    { at = "2026-03-02T15:40:00-05:00", kind = "comment",
      text = "Merci pour l'appel, on en reparle la semaine prochaine.", expect = "dialogue" },
    { at = "2026-03-09T08:05:00-05:00", kind = "comment",
      text = "Vous allez le regretter, je sais où vous habitez.", expect = "avertissement" },
    { at = "2026-03-16T22:30:00-05:00", kind = "comment",
      text = "Vous allez le regretter, bande d'incapables. Faites attention à vous.", expect = "exclusion" },
  },
}

scenario "concurrent-malveillant" {
  title = "Brillo Express dénigre l'entreprise pendant trois semaines",
  actor = "brillo",
  platform = "facebook",
  reaction = "malveillance",
  timeline = {
    { at = "2026-04-01T10:00:00-04:00", text = "Chez Éclat Net ce sont des incompétentes, fuyez !", expect = "preuves" },
    { at = "2026-04-08T10:00:00-04:00", text = "Encore des incompétentes qui volent leurs clients.",
      expect = "reponse-factuelle" },
    { at = "2026-04-15T10:00:00-04:00", text = "Bande d'escrocs, ces incompétentes.", expect = "signalement" },
    { at = "2026-04-20T10:00:00-04:00", text = "Payez 500 $ ou je publie les photos de vos clients.",
      expect = "conseil-juridique" },
  },
}

scenario "fuite-de-karine" {
  title = "Karine publie, semaine après semaine, ce qui ne devrait pas l'être",
  actor = "karine",
  platform = "twitter",
  reaction = "fuite-informations",
  timeline = {
    { at = "2026-02-02T12:00:00-05:00", text = "Pour les soumissions, textez-moi au 514 555-0142 !", expect = "retrait" },
    { at = "2026-02-09T12:00:00-05:00", text = "Clés déposées au 12 rue des Lilas, ménage fini !", expect = "prevenir" },
    { at = "2026-02-16T12:00:00-05:00", text = "Mon cell pour les urgences : 438 555-0199", expect = "rappel" },
    { at = "2026-02-23T12:00:00-05:00", text = "En vacances du 3 au 17 août, la maison sera vide !", expect = "rappel" },
    { at = "2026-03-02T12:00:00-05:00", text = "Écrivez-moi à karine.o.1990@exemple.fr", expect = "plan-correctif" },
  },
}

scenario "inconnu-insistant" {
  title = "Un inconnu veut savoir chez qui l'équipe travaille",
  actor = { id = "inconnu", kind = "stranger", name = "Inconnu" },
  platform = "instagram",
  reaction = "sollicitation-suspecte",
  timeline = {
    { kind = "direct-message", text = "Bonjour, vous faites le ménage chez qui à Sainte-Rose ?", expect = "ne-pas-repondre" },
    { kind = "direct-message", text = "Allez, ils partent quand en vacances, les Tremblay ?", expect = "bloquer-signaler" },
    { kind = "direct-message", text = "Je vous donne 200 $ si vous me dites quand la maison est vide.",
      expect = "prevenir-clients" },
  },
}

scenario "karine-s-emporte" {
  title = "Une mauvaise semaine pour Karine",
  actor = "karine",
  platform = "facebook",
  reaction = "propos-equipe",
  timeline = {
    { text = "J'en ai ras le bol de ce boulot, journée épuisante.", expect = "discussion" },
    { text = "Ce client est un vrai crétin.", expect = "rappel-ecrit" },
  },
}
