-- Réputation : émotions, ragots, insultes, menaces et chantage.
-- Sources : seeds/000, étape 2 (ne pas dévoiler ses émotions ou frustrations ;
-- des contacts professionnels, sans ragots ni bavardages trop personnels) et
-- étape 3 (commentaire négatif d'un client, personne malveillante ou
-- compétiteur, intimidation, chantage).
plugin {
  name = "reputation",
  version = "1.1.0",
  title = "Réputation",
  description = "Repère l'expression de frustrations, les ragots, les insultes, les menaces, l'intimidation et le chantage, en français et en anglais.",
  provides = { rules = { "emotions-frustrations", "ragots-vie-privee", "propos-injurieux",
                         "commentaire-negatif-client", "denigrement", "menaces-intimidation", "chantage" } },
  parameters = {
    analyse = { type = "enum", values = { "linguistique", "lexique" }, default = "linguistique",
                description = "linguistique : radicaux, tournures, négation et contexte (FR, EN), public qui s'adresse à l'organisation compté comme client possible ; lexique : les expressions exactes de la version 1.0" },
    poids_minimal = { type = "number", default = 1, min = 0,
                      description = "le poids total des termes trouvés à partir duquel on signale (mode lexique)" },
  },
}
