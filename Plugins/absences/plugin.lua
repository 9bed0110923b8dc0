-- Absences et habitudes : ce qui dit à un inconnu quand un lieu est vide.
-- Source : seeds/000, étape 1 (réflexion) : « ceux qui voudraient obtenir de
-- l'information sur mes dates de vacances ou celles de mes clients », et
-- l'enjeu « habitudes de vie de la clientèle ».
-- Les textes sont en français et en anglais : la langue de la politique
-- choisit. Chaque paramètre a aussi son nom anglais (en = ...).
plugin {
  name = "absences",
  version = "1.2.0",
  title = { fr = "Absences et habitudes", en = "Absences and routines" },
  description = {
    fr = "Repère les annonces d'absence (vacances, voyages, maison vide) et les habitudes ou les accès qui disent quand un lieu est vide ou comment y entrer.",
    en = "Finds announced absences (holidays, trips, an empty home) and the routines or ways in that tell when a place is empty or how to get in.",
  },
  provides = { rules = { "annonce-absence", "habitudes-et-acces" } },
  parameters = {
    analyse = { type = "enum", values = { "linguistique", "lexique" }, default = "linguistique", en = "analysis",
                description = { fr = "linguistique : aussi les annonces sans date ou en capitales, les maisons vides, les clés cachées et les codes ; pas les conseils, promotions, retours, questions ni messages privés reçus ; lexique : la lecture de la version 1.0",
                                en = "linguistique: also announcements without a date or in capitals, empty houses, hidden keys and codes; not advice, sales, returns, questions or private messages received; lexique: the reading of version 1.0" } },
    menaces = { type = "list", default = {}, en = "threats",
                description = { fr = "les menaces de la politique que ces règles atténuent",
                                en = "the policy's threats these rules mitigate" } },
    seulement_public = { type = "boolean", default = false, en = "public_only",
                         description = { fr = "ne signaler que les publications publiques",
                                         en = "flag public posts only" } },
    termes_acces = { type = "list", default = {}, en = "access_terms",
                     description = { fr = "des termes propres à l'organisation qui révèlent un accès (codes, cachettes, horaires)",
                                     en = "the organisation's own words that reveal a way in (codes, hiding places, schedules)" } },
  },
}
