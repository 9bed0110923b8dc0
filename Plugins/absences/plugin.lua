-- Absences et habitudes : ce qui dit à un inconnu quand une maison est vide.
-- Source : seeds/000, étape 1 (réflexion) : « ceux qui voudraient obtenir de
-- l'information sur mes dates de vacances ou celles de mes clients », et
-- l'enjeu « habitudes de vie de la clientèle ».
plugin {
  name = "absences",
  version = "1.1.0",
  title = "Absences et habitudes",
  description = "Repère les annonces d'absence (vacances, voyages, maison vide) et les habitudes qui disent quand un domicile est vide ou comment y entrer.",
  provides = { rules = { "annonce-absence", "habitudes-et-acces" } },
  parameters = {
    analyse = { type = "enum", values = { "linguistique", "lexique" }, default = "linguistique",
                description = "linguistique : aussi les annonces sans date ou en capitales, les maisons vides, les clés cachées et les codes ; pas les conseils, promotions, retours, questions ni messages privés reçus ; lexique : la lecture de la version 1.0" },
    menaces = { type = "list", default = {}, description = "les menaces de la politique que ces règles atténuent" },
    seulement_public = { type = "boolean", default = false,
                         description = "ne signaler que les publications publiques" },
    termes_acces = { type = "list", default = {},
                     description = "des termes propres au client qui révèlent un accès (codes, cachettes)" },
  },
}
