plugin {
  name = "coordonnees",
  version = "1.2.0",
  title = "Coordonnées personnelles",
  description = "Repère les numéros de téléphone et les courriels personnels dans les publications.",
  provides = { rules = { "telephone-personnel", "courriel-personnel" } },
  parameters = {
    severite = { type = "enum", values = { "low", "medium", "high" }, default = "high",
                 description = "la gravité des constats" },
    min_chiffres = { type = "integer", default = 10, min = 7, max = 15,
                     description = "nombre minimal de chiffres d'un numéro" },
    conseil = { type = "string", default = "Retirer la coordonnée personnelle de la publication." },
    menaces = { type = "list", default = {}, description = "les menaces de la politique que ces règles atténuent" },
  },
}
