-- Douze règles simples, des sortes qu'une politique rencontre souvent :
-- lexiques, téléphones et autres données personnelles, dates d'absence,
-- majuscules, publications de nuit, avalanches de mots-clics. La charge de
-- scripts/bench-check.sh à 33 % et 66 % d'activités signalées (le même
-- jeu de règles sur un corpus plus ou moins chargé en écarts). Les mêmes
-- règles en Lua seul : Benchmarks/workloads/douze-regles.lua.
policy { name = "douze-regles", version = "1.0.0", language = "fr" }

threat "divulgation" { title = "Divulgation", likelihood = 3, impact = 4 }
threat "reputation" { title = "Atteinte à la réputation", likelihood = 3, impact = 3 }
threat "signaux-faibles" { title = "Signaux faibles", likelihood = 2, impact = 2 }

local colere = vocab("venting")
local insultes = vocab("insult")
local vie_privee = text.lexicon { "ragots", "potins", "gossip", "rumeur", "rumor", "enceinte", "pregnant", "divorce",
                                  "ma blonde", "mon chum", "my girlfriend", "my boyfriend", whole_words = true }
local marqueurs = text.lexicon { "confidentiel", "confidential", "projet Hermès", "project Hermes", "restructuration",
                                 "restructuring", "trimestre", "quarter", "memo", "avant même l'annonce",
                                 whole_words = true }

-- Une constatation par règle et par activité, avec toutes ses preuves.
local function flag_all(ctx, found)
  if #found > 0 then ctx:flag { evidence = found } end
end

rule "colere" {
  title = "Colère ou frustration exprimée", severity = "low", mitigates = { "reputation" },
  check = function(post, ctx) flag_all(ctx, colere:matches(post.text)) end,
}

rule "insultes" {
  title = "Propos injurieux", severity = "medium", mitigates = { "reputation" },
  check = function(post, ctx) flag_all(ctx, insultes:matches(post.text)) end,
}

rule "vie-privee" {
  title = "Vie privée exposée", severity = "low", mitigates = { "reputation" },
  check = function(post, ctx) flag_all(ctx, vie_privee:matches(post.text)) end,
}

rule "marqueurs-confidentiels" {
  title = "Marqueur d'information confidentielle", severity = "high", mitigates = { "divulgation" },
  check = function(post, ctx) flag_all(ctx, marqueurs:matches(post.text)) end,
}

rule "telephone" {
  title = "Numéro de téléphone publié", severity = "high", mitigates = { "divulgation" },
  check = function(post, ctx) flag_all(ctx, pii.phones(post.text)) end,
}

rule "courriel" {
  title = "Courriel publié", severity = "medium", mitigates = { "divulgation" },
  check = function(post, ctx) flag_all(ctx, pii.emails(post.text)) end,
}

rule "adresse" {
  title = "Adresse publiée", severity = "high", mitigates = { "divulgation" },
  check = function(post, ctx) flag_all(ctx, pii.addresses(post.text)) end,
}

local absent = text.lexicon { "vacances", "absent", "absente", "absence", "congé", "on part", "part", "partons",
                              "off to", "out of office", "away", "personne à la maison", "maison sera vide",
                              "nobody home", "house will be empty", whole_words = true }
rule "absence-datee" {
  title = "Absence annoncée, avec une date", severity = "medium", mitigates = { "divulgation" },
  check = function(post, ctx)
    local t = post.text
    if not absent:contains(t) then return end
    flag_all(ctx, dates.find(t, post))
  end,
}

-- Crier : au moins 12 lettres, dont les deux tiers en capitales.
rule "majuscules" {
  title = "Texte crié en capitales", severity = "info", mitigates = { "reputation" },
  check = function(post, ctx)
    local t = post.text
    local letters = select(2, t:gsub("%a", ""))
    if letters >= 12 and select(2, t:gsub("%u", "")) * 3 >= letters * 2 then ctx:flag() end
  end,
}

-- Trois mots d'au moins quatre lettres entièrement en capitales.
rule "mots-en-capitales" {
  title = "Mots en capitales", severity = "info", mitigates = { "reputation" },
  check = function(post, ctx)
    local n = 0
    for w in post.text:gmatch("%f[%a]%u%u%u%u+%f[%A]") do n = n + 1 end
    if n >= 3 then ctx:flag() end
  end,
}

rule "publication-nocturne" {
  title = "Publication au milieu de la nuit", severity = "info", mitigates = { "signaux-faibles" },
  check = function(post, ctx)
    local h = post.hour
    if h >= 23 or h < 5 then ctx:flag() end
  end,
}

rule "avalanche-mots-clics" {
  title = "Avalanche de mots-clics", severity = "info", mitigates = { "reputation" },
  check = function(post, ctx)
    local n = #post.hashtags
    for _ in post.text:gmatch("#[%w_]+") do n = n + 1 end
    if n >= 6 then ctx:flag() end
  end,
}
