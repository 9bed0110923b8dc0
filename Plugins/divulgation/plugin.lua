-- Divulgation : ce qu'une personne de l'entreprise laisse filer, et les
-- comportements qui l'annoncent.
-- Source : seeds/002 (« Divulgation 2.0 ») : identifier a priori les
-- comportements à risque et détecter a posteriori les divulgations ; réduire
-- les occasions par la classification de l'information et des règles de
-- filtrage propres à chaque média social ; la confusion entre vie personnelle
-- et vie professionnelle ; l'entreprise devenue un sujet de diffusion.
-- Les textes sont en français et en anglais : la langue de la politique
-- choisit. Chaque paramètre a aussi son nom anglais (en = ...).
plugin {
  name = "divulgation",
  version = "1.2.0",
  title = { fr = "Divulgation", en = "Disclosure" },
  description = {
    fr = "Détecte les informations classifiées publiées sur un canal qui ne les permet pas, l'organisation prise pour sujet, les canaux non approuvés, les confidences annoncées (« c'est confidentiel, mais… »), et les signes avant-coureurs d'une divulgation compulsive.",
    en = "Finds classified information posted on a channel that does not allow it, the organisation made a topic, unapproved channels, announced confidences (\"this is confidential, but…\"), and the early signs of compulsive disclosure.",
  },
  provides = {
    rules = { "information-classifiee", "entreprise-sujet", "canal-non-approuve", "confidentialite-declaree" },
    indicators = { "rythme-inhabituel", "publication-nocturne", "identites-multiples", "confusion-perso-pro" },
  },
  parameters = {
    menaces = { type = "list", default = {}, en = "threats",
                description = { fr = "les menaces de la politique que ces règles atténuent",
                                en = "the policy's threats these rules mitigate" } },
    facteur_rythme = { type = "number", default = 3, min = 1.5, en = "pace_factor",
                       description = { fr = "combien de fois le rythme habituel d'une personne avant de le signaler",
                                       en = "how many times a person's usual pace before it is flagged" } },
    publications_nocturnes = { type = "integer", default = 3, min = 1, en = "night_posts",
                               description = { fr = "nombre de publications de nuit (0 h – 5 h) dans une semaine avant de le signaler",
                                               en = "posts at night (midnight to 5 a.m.) in a week before it is flagged" } },
    identites = { type = "integer", default = 3, min = 2, en = "identities",
                  description = { fr = "nombre d'identités (plateforme et compte) d'une même personne avant de le signaler",
                                  en = "identities (platform and account) of one person before it is flagged" } },
  },
}
