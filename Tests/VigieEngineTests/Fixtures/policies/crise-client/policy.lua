-- Politique d'essai : le cas de crise no 1 de l'étape 3 de seeds/000
-- (un client dévoile sa frustration sur Facebook → dialogue ; menaces ou
-- intimidation → avertissement poli mais ferme ; récidive → exclusion en
-- mentionnant les raisons).
policy {
  name = "eclat-net-crise",
  version = "1.0.0",
  language = "fr",
  title = "Éclat Net — réaction aux crises",
  uses = { coordonnees = { version = "^1.0", severite = "high", menaces = { "suivi-chez-clients" } } },
}

threat "mauvais-commentaires" {
  title = "Mauvais commentaires d'un client sur la page Facebook",
  actors = { "client", "former-client" }, channels = { "facebook" },
  likelihood = 4, impact = 3,
  applies = function(org) return org:uses("facebook"), "la page Facebook est le bouche-à-oreille de l'entreprise" end,
  charter = "Un client mécontent est d'abord contacté en privé, calmement.",
}

threat "suivi-chez-clients" {
  title = "Être suivi jusque chez les clients",
  actors = { "stranger" }, assets = { "fichier-clients" },
  likelihood = 2, impact = 5,
}

threat "intimidation" {
  title = "Intimidation ou chantage envers l'entreprise",
  likelihood = function(org) return org:has_issue("vols") and 3 or 1 end,
  impact = 4,
}

threat "concurrents-sur-linkedin" {
  title = "Dénigrement par un compétiteur sur LinkedIn",
  applies = function(org) return org:uses("linkedin") end,
  likelihood = 2, impact = 2,
}

rule "client-s-emporte" {
  title = "Un client exprime sa frustration publiquement",
  severity = "medium",
  mitigates = { "mauvais-commentaires" },
  advice = "Aller parler au client, en privé, calmement et respectueusement.",
  check = function(post, ctx)
    if post.actor == nil or (post.actor.kind ~= "client" and post.actor.kind ~= "former-client") then return end
    local m = vocab("venting"):matches(post.text)
    local i = vocab("insult"):matches(post.text)
    if #m + #i > 0 then ctx:flag { evidence = { m, i } } end
  end,
  examples = {
    flag = { { text = "Service nul, je suis furieuse !", actor = "mme-tremblay" } },
    pass = { "Merci pour le beau travail" },
  },
}

rule "menaces-intimidation" {
  title = "Menaces ou intimidation",
  severity = "high",
  mitigates = { "intimidation", "mauvais-commentaires" },
  advice = "Prévenir la personne, poliment mais fermement, que ses propos sortent du cadre.",
  check = function(post, ctx)
    local m = vocab("intimidation"):matches(post.text)
    local t = vocab("threat"):matches(post.text)
    if #m + #t > 0 then ctx:flag { evidence = { m, t } } end
  end,
  examples = { flag = { "Vous allez le regretter." }, pass = { "À la semaine prochaine" } },
}

incident "client-mecontent" {
  title = "Client mécontent sur Facebook",
  opened_by = { "client-s-emporte", "menaces-intimidation" },
}

reaction "client-mecontent" {
  title = "Processus de réaction : client mécontent",
  on = "client-mecontent",
  answers = { "mauvais-commentaires", "intimidation" },
  steps = {
    { id = "dialogue", title = "Dialogue",
      advice = "Parler calmement : rétablir les faits, poser des questions, s'excuser si nécessaire, chercher une solution." },
    { id = "avertissement", title = "Avertissement",
      when = "menaces-intimidation",
      advice = "Prévenir poliment, mais de façon stricte, que les menaces sortent des règles d'utilisation.",
      reasons = "Menaces ou intimidation après le dialogue" },
    { id = "exclusion", title = "Exclusion",
      when = { any = { "menaces-intimidation", "client-s-emporte" } },
      record_reasons = true,
      advice = "Exclure la personne de la page en lui mentionnant les raisons.",
      reasons = function(incident, events)
        return "Récidive après l'avertissement (" .. #events .. " publication(s))"
      end },
  },
}

scenario "client-fache" {
  title = "Une cliente mécontente s'emporte sur la page Facebook",
  actor = "mme-tremblay",
  platform = "facebook",
  timeline = {
    { at = "2026-03-02T09:15:00-05:00", text = "Service nul, je suis furieuse ! Plus jamais avec Éclat Net.",
      expect = "dialogue" },
    { at = "2026-03-02T15:40:00-05:00", text = "Merci pour l'appel, on en reparle.", expect = "dialogue" },
    { at = "2026-03-03T08:05:00-05:00", text = "Vous allez le regretter, je sais où vous habitez.",
      expect = "avertissement" },
    { at = "2026-03-04T22:30:00-05:00", text = "Bande d'incompétentes, faites attention à vous.",
      expect = "exclusion" },
  },
}
