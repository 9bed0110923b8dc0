-- La politique d'essai du plugin divulgation : une entreprise fictive, une
-- classification et des canaux, pour exercer les règles qui en dépendent.
policy { name = "essai-divulgation", version = "0.0.0", language = "fr", uses = { divulgation = {} } }

classification {
  levels = { "public", "internal", "confidential", "secret" },
  markers = { secret = { "projet Atlas" }, confidential = { "prix soumis" } },
  channels = { public = "public", direct = "confidential", ["*"] = "public" },
}
