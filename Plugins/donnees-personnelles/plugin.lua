-- Données personnelles : coordonnées et identifiants publiés par erreur.
-- Source : seeds/000, étape 2, règle « ne pas donner son numéro de téléphone
-- à la maison ni son adresse, pour éviter d'être suivi chez nos clients ».
plugin {
  name = "donnees-personnelles",
  version = "1.1.0",
  title = "Données personnelles",
  description = "Repère les numéros de téléphone, courriels, adresses et identifiants officiels publiés.",
  provides = { rules = { "telephone-personnel", "courriel-personnel", "adresse-personnelle", "identifiant-officiel" } },
  parameters = {
    analyse = { type = "enum", values = { "linguistique", "lexique" }, default = "linguistique",
                description = "linguistique : aussi les identifiants annoncés par leur nom (NAS, carte, NIP, permis…), quelle que soit leur clé de contrôle ; pas les coordonnées reçues en privé de l'extérieur ; lexique : la lecture de la version 1.0" },
    menaces = { type = "list", default = {},
                description = "les menaces de la politique que ces règles atténuent" },
    numeros_publics = { type = "list", default = {},
                        description = "les numéros de l'organisation qu'on peut publier" },
    domaines_publics = { type = "list", default = {},
                         description = "les domaines des courriels professionnels publiables" },
    severite = { type = "enum", values = { "low", "medium", "high", "critical" }, default = "high",
                 description = "la gravité d'une coordonnée personnelle publiée" },
  },
}
