-- Divulgation : ce qu'une personne de l'entreprise laisse filer, et les
-- comportements qui l'annoncent.
-- Source : seeds/002 (« Divulgation 2.0 ») : identifier a priori les
-- comportements à risque et détecter a posteriori les divulgations ; réduire
-- les occasions par la classification de l'information et des règles de
-- filtrage propres à chaque média social ; la confusion entre vie personnelle
-- et vie professionnelle ; l'entreprise devenue un sujet de diffusion.
plugin {
  name = "divulgation",
  version = "1.1.0",
  title = "Divulgation",
  description = "Détecte les informations classifiées publiées sur un canal qui ne les permet pas, l'entreprise prise pour sujet, les canaux non approuvés, les confidences annoncées (« c'est confidentiel, mais… »), et les signes avant-coureurs d'une divulgation compulsive.",
  provides = {
    rules = { "information-classifiee", "entreprise-sujet", "canal-non-approuve", "confidentialite-declaree" },
    indicators = { "rythme-inhabituel", "publication-nocturne", "identites-multiples", "confusion-perso-pro" },
  },
  parameters = {
    menaces = { type = "list", default = {}, description = "les menaces de la politique que ces règles atténuent" },
    facteur_rythme = { type = "number", default = 3, min = 1.5,
                       description = "combien de fois le rythme habituel d'une personne avant de le signaler" },
    publications_nocturnes = { type = "integer", default = 3, min = 1,
                               description = "nombre de publications de nuit (0 h – 5 h) dans une semaine avant de le signaler" },
    identites = { type = "integer", default = 3, min = 2,
                  description = "nombre d'identités (plateforme et compte) d'une même personne avant de le signaler" },
  },
}
