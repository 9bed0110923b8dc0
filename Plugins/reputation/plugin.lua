-- Réputation : émotions, ragots, insultes, menaces et chantage.
-- Sources : seeds/000, étape 2 (ne pas dévoiler ses émotions ou frustrations ;
-- des contacts professionnels, sans ragots ni bavardages trop personnels) et
-- étape 3 (commentaire négatif d'un client, personne malveillante ou
-- compétiteur, intimidation, chantage).
-- Les textes sont en français et en anglais : la langue de la politique
-- choisit. Chaque paramètre a aussi son nom anglais (en = ...).
plugin {
  name = "reputation",
  version = "1.2.0",
  title = { fr = "Réputation", en = "Reputation" },
  description = {
    fr = "Repère l'expression de frustrations, les ragots, les insultes, les menaces, l'intimidation et le chantage, en français et en anglais.",
    en = "Finds venting, gossip, insults, threats, intimidation and blackmail, in French and in English.",
  },
  provides = { rules = { "emotions-frustrations", "ragots-vie-privee", "propos-injurieux",
                         "commentaire-negatif-client", "denigrement", "menaces-intimidation", "chantage" } },
  parameters = {
    analyse = { type = "enum", values = { "linguistique", "lexique" }, default = "linguistique", en = "analysis",
                description = { fr = "linguistique : radicaux, tournures, négation et contexte (FR, EN), public qui s'adresse à l'organisation compté comme client possible ; lexique : les expressions exactes de la version 1.0",
                                en = "linguistique: stems, turns of phrase, negation and context (FR, EN), the public addressing the organisation counted as possible clients; lexique: the exact phrases of version 1.0" } },
    poids_minimal = { type = "number", default = 1, min = 0, en = "min_weight",
                      description = { fr = "le poids total des termes trouvés à partir duquel on signale (mode lexique)",
                                      en = "the total weight of the terms found from which a post is flagged (lexique mode)" } },
  },
}
