-- Le plancher : une seule règle, qui ne fait rien. Ce que coûte une
-- activité sans rien d'autre (lire la ligne JSONL, construire la
-- publication, un appel dans Lua, aucun constat) : scripts/bench-check.sh.
policy { name = "plancher", version = "1.0.0", language = "fr" }

threat "rien" { title = "Rien", likelihood = 1, impact = 1 }

rule "vide" {
  title = "Une règle vide",
  severity = "info",
  mitigates = { "rien" },
  check = function(post, ctx) end,
}
