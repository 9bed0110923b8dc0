-- Politique de Nordelia, firme d'ingénierie (exemple inventé), d'après
-- seeds/002 (« Divulgation 2.0 : approche comportementale »).
-- Les six risques de la divulgation deviennent des menaces ; les quatre
-- pistes de réflexion deviennent des indicateurs (a priori), des règles
-- (a posteriori), une classification avec ses règles de filtrage par canal,
-- et des plans correctifs. La correspondance est dans README.md.

policy {
  name = "nordelia",
  version = "1.0.0",
  language = "fr",
  title = "Nordelia — divulgation 2.0",
  description = "Anticiper les comportements à risque, détecter les divulgations, réduire les occasions de diffusion, redonner sa valeur à l'information.",
  uses = {
    divulgation = { version = "^1.0", facteur_rythme = 3, publications_nocturnes = 3, identites = 3 },
    ["donnees-personnelles"] = { version = "^1.0", menaces = { "diffusion-rapide-remanente" },
                                 domaines_publics = { "nordelia.example" } },
    reputation = { version = "^1.0", analyse = "lexique" },  -- réglée avec les expressions exactes de la 1.0
    crise = { version = "^1.0" },
  },
  disable = { "commentaire-negatif-client", "denigrement", "chantage", "menaces-intimidation" },
}

local echelles = require "crise.echelles"

-- ---------------------------------------------------------------------------
-- Les six risques de la divulgation 2.0
-- ---------------------------------------------------------------------------

threat "divulgation-compulsive" {
  title = "Comportements compulsifs de divulgation",
  description = "Un besoin à compenser (reconnaissance, écoute, injustice ressentie) pousse à publier ce qu'on sait de l'entreprise.",
  actors = { "employee" }, assets = { "projet-hermes", "resultats" },
  likelihood = 3, impact = 4,
}

threat "diffusion-rapide-remanente" {
  title = "Diffusion rapide, rémanente et anonyme",
  description = "Publiée, l'information se répand vite, ressurgit même supprimée, et circule sous pseudonyme.",
  actors = { "employee", "stranger" }, channels = { "linkedin", "mastodon", "twitter" },
  likelihood = 4, impact = 4,
}

threat "banalisation-information" {
  title = "Banalisation de l'information",
  description = "Noyé d'informations, on ne voit plus le risque d'en diffuser une ; les outils mobiles rendent le partage immédiat.",
  actors = { "employee" }, assets = { "projet-hermes", "resultats", "organisation-interne" },
  likelihood = 4, impact = 3,
}

threat "detachement-entreprise" {
  title = "Détachement vis-à-vis de l'entreprise",
  description = "La loyauté va à l'équipe et au projet plus qu'à l'entreprise ; on parle de l'entreprise comme d'un tiers.",
  actors = { "employee" },
  likelihood = 3, impact = 3,
}

threat "confusion-perso-pro" {
  title = "Confusion vie personnelle / vie professionnelle",
  description = "Les habitudes de publication personnelles s'étendent au travail ; les outils personnels servent au bureau.",
  actors = { "employee" },
  likelihood = 4, impact = 3,
}

threat "entreprise-sujet" {
  title = "L'entreprise devient un sujet de diffusion",
  description = "Commenter son entreprise en ligne compense un manque de reconnaissance, d'écoute ou un sentiment d'injustice.",
  actors = { "employee" },
  likelihood = 3, impact = 4,
}

-- ---------------------------------------------------------------------------
-- Piste 2 : réduire les opportunités — classification et filtrage par canal
-- ---------------------------------------------------------------------------

classification {
  title = "Classification de l'information de Nordelia",
  charter = "Chaque information a un niveau ; chaque canal en permet un au plus. Dans le doute, on demande à la gestionnaire de communauté.",
  levels = { "public", "internal", "confidential", "secret" },
  markers = {
    internal = { "comité de direction", "réunion interne", "plan de réorganisation" },
    confidential = { "appel d'offres en cours", "prix soumis", "chiffres du trimestre" },
    secret = { "projet Hermès", "Hermès", "Transports Boréal" },
  },
  channels = {
    public = "public",
    unlisted = "public",
    followers = "internal",
    ["linkedin:connections"] = "internal",
    direct = "confidential",
    ["*"] = "public",
  },
}

extend "information-classifiee" {
  add_mitigates = { "banalisation-information", "diffusion-rapide-remanente", "divulgation-compulsive" },
  examples = {
    flag = { { text = "Hâte de vous montrer le projet Hermès, on signe la semaine prochaine !", platform = "linkedin",
               visibility = "public", actor = "ines" },
             { text = "Les chiffres du trimestre sont excellents, avant même l'annonce !", platform = "mastodon",
               visibility = "public", actor = "theo" } },
    pass = { { text = "Le prix soumis pour l'appel d'offres en cours : on en parle demain.", kind = "direct-message",
               visibility = "direct", actor = "theo" },
             { text = "Belle conférence sur les tramways à Québec !", platform = "linkedin", visibility = "public", actor = "ines",
               good_practice = true } },
  },
}
extend "entreprise-sujet" {
  add_mitigates = { "entreprise-sujet", "detachement-entreprise" },
  examples = {
    flag = { { text = "Chez Nordelia, la direction annonce une restructuration demain, ambiance…", actor = "ines" } },
    pass = { { text = "Fière de travailler chez Nordelia !", actor = "ines", good_practice = true } },
  },
}
extend "canal-non-approuve" {
  add_mitigates = { "confusion-perso-pro" },
  examples = {
    flag = { { text = "Petite soirée des collègues de Nordelia 🎉", platform = "instagram", actor = "ines" } },
    pass = { { text = "Petite soirée des collègues de Nordelia 🎉", platform = "linkedin", actor = "ines" } },
  },
}

-- ---------------------------------------------------------------------------
-- Piste 1 : identifier a priori les comportements à risque (indicateurs)
-- ---------------------------------------------------------------------------

extend "rythme-inhabituel" { add_mitigates = { "divulgation-compulsive" } }
extend "publication-nocturne" { add_mitigates = { "divulgation-compulsive" } }
extend "identites-multiples" { add_mitigates = { "diffusion-rapide-remanente" } }
extend "confusion-perso-pro" { add_mitigates = { "confusion-perso-pro" } }

-- Piste 3 (redonner de la valeur à l'information) : les textes `charter`
-- ci-dessus et dans les plugins font la politique d'usage ; la réputation
-- personnelle compte aussi pour l'entreprise.
extend "emotions-frustrations" { add_mitigates = { "entreprise-sujet" } }
extend "propos-injurieux" { add_mitigates = { "detachement-entreprise" } }
extend "ragots-vie-privee" { add_mitigates = { "confusion-perso-pro" } }

-- ---------------------------------------------------------------------------
-- Plans correctifs (seeds/002 : analyser les impacts, élaborer des plans)
-- ---------------------------------------------------------------------------

incident "divulgation" {
  title = "Une information de l'entreprise a été divulguée",
  opened_by = { "information-classifiee", "entreprise-sujet", "canal-non-approuve",
                "telephone-personnel", "courriel-personnel", "adresse-personnelle", "identifiant-officiel" },
}

reaction "plan-correctif" {
  title = "Retirer, mesurer, corriger",
  on = "divulgation",
  answers = { "banalisation-information", "diffusion-rapide-remanente", "entreprise-sujet", "confusion-perso-pro",
              "detachement-entreprise" },
  steps = echelles.fuite {
    grave = { "information-classifiee" },
    regles = { "information-classifiee", "entreprise-sujet", "canal-non-approuve" },
  },
}

incident "signaux-faibles" {
  title = "Des signes avant-coureurs chez une personne",
  opened_by = { "rythme-inhabituel", "publication-nocturne", "identites-multiples", "confusion-perso-pro",
                "emotions-frustrations" },
}

reaction "cellule-risque-humain" {
  title = "La cellule de gestion du risque humain prend des nouvelles",
  on = "signaux-faibles",
  answers = { "divulgation-compulsive", "entreprise-sujet", "detachement-entreprise" },
  steps = {
    { id = "attention", title = "Porter attention",
      advice = "La cellule note le signal ; le gestionnaire prend des nouvelles de la personne, sans parler de surveillance." },
    { id = "entretien", title = "Entretien bienveillant",
      when = { any = { "rythme-inhabituel", "publication-nocturne", "confusion-perso-pro", "emotions-frustrations" }, count = 2 },
      advice = "Un entretien pour écouter : reconnaissance, charge de travail, sentiment d'injustice ; rappeler la charte." },
    { id = "accompagnement", title = "Accompagnement et sensibilisation",
      when = { any = { "information-classifiee", "entreprise-sujet" } },
      record_reasons = true, close = true,
      advice = "Proposer un accompagnement et une formation sur la valeur de l'information ; associer la personne à la communication de la firme (engagement digital)." },
  },
}

-- ---------------------------------------------------------------------------
-- Un scénario à simuler : des signaux faibles, puis la fuite
-- ---------------------------------------------------------------------------

scenario "signaux-faibles-ines" {
  title = "Inès, épuisée : des nuits blanches, puis la fuite",
  actor = "ines",
  platform = "linkedin",
  reaction = "cellule-risque-humain",
  timeline = {
    { at = "2026-05-04T02:10:00-04:00", text = "Encore réveillée à 2 h, trop de choses en tête.", expect = "none" },
    { at = "2026-05-05T02:40:00-04:00", text = "Nuit blanche, le dossier avance.", expect = "none" },
    { at = "2026-05-06T01:55:00-04:00", text = "3e nuit de suite au bureau virtuel…", expect = "attention" },
    { at = "2026-05-08T23:30:00-04:00", text = "J'en ai ras le bol, je n'en peux plus de ce rythme.", expect = "attention" },
    { at = "2026-05-09T23:45:00-04:00", text = "Journée épuisante, j'en ai marre.", expect = "entretien" },
    { at = "2026-05-12T22:00:00-04:00", text = "Hâte de vous montrer le projet Hermès pour Transports Boréal, on signe bientôt !",
      expect = "accompagnement" },
  },
}

scenario "hermes-fuite" {
  title = "Le projet Hermès fuit, publication après publication",
  actor = "ines",
  platform = "linkedin",
  reaction = "plan-correctif",
  timeline = {
    { at = "2026-05-12T12:00:00-04:00", visibility = "public",
      text = "Hâte de vous montrer le projet Hermès pour Transports Boréal, on signe bientôt !", expect = "retrait" },
    { at = "2026-05-13T12:00:00-04:00", visibility = "public", text = "Hermès : les maquettes sont superbes.",
      expect = "prevenir" },
    { at = "2026-05-14T12:00:00-04:00", visibility = "public",
      text = "Chez Nordelia, la direction annonce une restructuration demain, ambiance…", expect = "rappel" },
    { at = "2026-05-15T12:00:00-04:00", visibility = "public", text = "Les chiffres du trimestre sont excellents !",
      expect = "rappel" },
    { at = "2026-05-16T12:00:00-04:00", visibility = "public", text = "Encore Hermès : on a gagné, je crois !",
      expect = "plan-correctif" },
  },
}
