-- Données personnelles : coordonnées et identifiants publiés par erreur.
-- Source : seeds/000, étape 2, règle « ne pas donner son numéro de téléphone
-- à la maison ni son adresse, pour éviter d'être suivi chez nos clients ».
-- Les textes sont en français et en anglais : la langue de la politique
-- choisit. Chaque paramètre a aussi son nom anglais (en = ...).
plugin {
  name = "donnees-personnelles",
  version = "1.2.0",
  title = { fr = "Données personnelles", en = "Personal data" },
  description = {
    fr = "Repère les numéros de téléphone, courriels, adresses et identifiants officiels publiés.",
    en = "Finds phone numbers, email addresses, street addresses and official identifiers in posts.",
  },
  provides = { rules = { "telephone-personnel", "courriel-personnel", "adresse-personnelle", "identifiant-officiel" } },
  parameters = {
    analyse = { type = "enum", values = { "linguistique", "lexique" }, default = "linguistique", en = "analysis",
                description = { fr = "linguistique : aussi les identifiants annoncés par leur nom (NAS, carte, NIP, permis…), quelle que soit leur clé de contrôle ; pas les coordonnées reçues en privé de l'extérieur ; lexique : la lecture de la version 1.0",
                                en = "linguistique: also identifiers announced by name (SIN, card, PIN, licence…), whatever their checksum; not contact details received in private from outside; lexique: the reading of version 1.0" } },
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
