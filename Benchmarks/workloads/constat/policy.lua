-- Une constatation par activité : la règle vide du plancher, qui signale
-- chaque publication avec une preuve (ses cinq premiers caractères). Le
-- coût d'une constatation, de ctx:flag à sa ligne dans la sortie JSON,
-- masquage compris, est la différence avec le plancher (scripts/bench-check.sh).
policy { name = "constat", version = "1.0.0", language = "fr" }

threat "rien" { title = "Rien", likelihood = 1, impact = 1 }

rule "chaque-publication" {
  title = "Chaque publication",
  severity = "info",
  mitigates = { "rien" },
  check = function(post, ctx) ctx:flag { evidence = { start = 0, stop = 5, label = "debut" } } end,
}
