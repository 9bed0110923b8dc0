rule "propos-colereux" {
  title = "Propos colériques (v2)",
  severity = "high",
  check = function(post, ctx) end,
}
