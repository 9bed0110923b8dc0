-- Données personnelles : coordonnées et identifiants publiés par erreur.
-- Source : seeds/000, étape 2, règle « ne pas donner son numéro de téléphone
-- à la maison ni son adresse, pour éviter d'être suivi chez nos clients ».
-- Les textes sont en français et en anglais : la langue de la politique
-- choisit. Chaque paramètre a aussi son nom anglais (en = ...).
plugin {
  name = "donnees-personnelles",
  version = "1.1.0",
  title = { fr = "Données personnelles", en = "Personal data" },
  description = {
    fr = "Repère les numéros de téléphone, courriels, adresses et identifiants officiels publiés.",
    en = "Finds phone numbers, email addresses, street addresses and official identifiers in posts.",
  },
  provides = { rules = { "telephone-personnel", "courriel-personnel", "adresse-personnelle", "identifiant-officiel" } },
  parameters = {
    menaces = { type = "list", default = {}, en = "threats",
                description = { fr = "les menaces de la politique que ces règles atténuent",
                                en = "the policy's threats these rules mitigate" } },
    numeros_publics = { type = "list", default = {}, en = "public_numbers",
                        description = { fr = "les numéros de l'organisation qu'on peut publier",
                                        en = "the organisation's numbers that may be posted" } },
    domaines_publics = { type = "list", default = {}, en = "public_domains",
                         description = { fr = "les domaines des courriels professionnels publiables",
                                         en = "the domains of work email addresses that may be posted" } },
    severite = { type = "enum", values = { "low", "medium", "high", "critical" }, default = "high", en = "severity",
                 description = { fr = "la gravité d'une coordonnée personnelle publiée",
                                 en = "how severe a personal phone number or address in a post is" } },
  },
}
