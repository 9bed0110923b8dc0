-- Réputation : émotions, ragots, insultes, menaces et chantage.
-- Sources : seeds/000, étape 2 (ne pas dévoiler ses émotions ou frustrations ;
-- des contacts professionnels, sans ragots ni bavardages trop personnels) et
-- étape 3 (commentaire négatif d'un client, personne malveillante ou
-- compétiteur, intimidation, chantage).
-- Les textes sont en français et en anglais : la langue de la politique
-- choisit. Chaque paramètre a aussi son nom anglais (en = ...).
plugin {
  name = "reputation",
  version = "1.1.0",
  title = { fr = "Réputation", en = "Reputation" },
  description = {
    fr = "Repère l'expression de frustrations, les ragots, les insultes, les menaces, l'intimidation et le chantage, en français et en anglais.",
    en = "Finds venting, gossip, insults, threats, intimidation and blackmail, in French and in English.",
  },
  provides = { rules = { "emotions-frustrations", "ragots-vie-privee", "propos-injurieux",
                         "commentaire-negatif-client", "denigrement", "menaces-intimidation", "chantage" } },
  parameters = {
    poids_minimal = { type = "number", default = 1, min = 0, en = "min_weight",
                      description = { fr = "le poids total des termes trouvés à partir duquel on signale",
                                      en = "the total weight of the terms found from which a post is flagged" } },
  },
}
