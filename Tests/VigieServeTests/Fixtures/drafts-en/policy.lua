-- An English test policy for `vigie serve` (Tests/VigieServeTests): a
-- stricter decision mapping (only critical blocks, medium warns).

policy {
  name = "drafts-en",
  version = "2.1.0",
  language = "en",
  title = "Test drafts",
  serve = { block = "critical", warn = "medium" },
}

threat "leak" { title = "Personal data leaks", likelihood = 3, impact = 4 }

rule "phone" {
  title = "Phone number posted",
  charter = "Never post a personal phone number.",
  severity = "high", mitigates = { "leak" },
  advice = "Remove the number.",
  check = function(post, ctx)
    local found = pii.phones(post.text)
    if #found > 0 then ctx:flag { evidence = found } end
  end,
  examples = { flag = { "Call me at 514 555-1234" }, pass = { "Have a nice day" } },
}

rule "mood" {
  title = "Venting",
  severity = "low", mitigates = { "leak" },
  advice = "Wait until you are calm.",
  check = function(post, ctx)
    local found = text.find(post.text, "fed up")
    if #found > 0 then ctx:flag { evidence = found } end
  end,
  examples = { flag = { "I am fed up with this" }, pass = { "Lovely day" } },
}
