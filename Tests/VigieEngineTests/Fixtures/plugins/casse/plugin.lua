plugin { name = "casse", version = "1.0.0", parameters = { seuil = { type = "integer" } } }
