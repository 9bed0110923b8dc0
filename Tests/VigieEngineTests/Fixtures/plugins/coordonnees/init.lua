local params = params
local util = require "coordonnees.util"

rule "telephone-personnel" {
  title = "Numéro de téléphone personnel publié",
  severity = params.severite,
  mitigates = params.menaces,
  advice = params.conseil,
  check = function(post, ctx)
    for _, m in ipairs(pii.phones(post.text)) do
      if util.digits(m.text) >= ctx.params.min_chiffres then
        ctx:flag { evidence = m }
      end
    end
  end,
  examples = {
    flag = { "Appelez-moi au 514 555-1234", "Call me: +33 6 12 34 56 78" },
    pass = { "Bonne journée à tous !" },
  },
}

rule "courriel-personnel" {
  title = "Courriel personnel publié",
  severity = "medium",
  mitigates = params.menaces,
  check = function(post, ctx)
    local found = pii.emails(post.text)
    if #found > 0 then ctx:flag { evidence = found } end
  end,
  examples = { flag = { "Écrivez à nadia.b@example.com" }, pass = { "Écrivez-nous sur la page" } },
}

return { digits = util.digits }
