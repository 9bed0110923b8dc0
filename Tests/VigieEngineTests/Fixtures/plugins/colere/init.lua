rule "propos-colereux" {
  title = "Propos colériques",
  severity = "medium",
  check = function(post, ctx)
    local m = vocab("venting"):matches(post.text)
    if #m > 0 then ctx:flag { evidence = m } end
  end,
}
