-- Politique d'essai de `vigie serve` (Tests/VigieServeTests) : quelques
-- règles simples, une règle qui boucle sans fin et une règle lente, pour
-- éprouver le serveur.

policy {
  name = "brouillons",
  version = "1.0.0",
  language = "fr",
  title = "Brouillons d'essai",
  -- Ce qui bloque et ce qui avertit (lu par `vigie serve`).
  serve = { block = "high", warn = "low" },
}

threat "fuite" { title = "Une information personnelle circule", likelihood = 3, impact = 4 }

rule "telephone" {
  title = "Numéro de téléphone publié",
  charter = "On ne publie jamais de numéro de téléphone personnel.",
  severity = "high", mitigates = { "fuite" },
  advice = "Retirer le numéro ; donner celui de l'entreprise.",
  check = function(post, ctx)
    local found = pii.phones(post.text)
    if #found > 0 then ctx:flag { evidence = found } end
  end,
  examples = { flag = { "Appelez-moi au 514 555-1234" }, pass = { "Bonne journée !" } },
}

local humeur = text.lexicon { "ras le bol", "j'en ai marre", "épuisante" }

rule "humeur" {
  title = "Frustration affichée",
  charter = "On garde ses frustrations pour soi ; on en parle à quelqu'un avant de publier.",
  severity = "low", mitigates = { "fuite" },
  advice = "Attendre d'être calme pour publier.",
  check = function(post, ctx)
    local found = humeur:matches(post.text)
    if #found > 0 then ctx:flag { evidence = found } end
  end,
  examples = { flag = { "J'en ai ras le bol de cette journée" }, pass = { "Belle journée !" } },
}

-- Une règle qui ne finit jamais quand le brouillon le demande : le bac à
-- sable l'arrête, les autres règles et les autres requêtes continuent.
rule "boucle" {
  title = "Règle qui boucle",
  severity = "info", mitigates = { "fuite" },
  check = function(post, ctx)
    if post.text:find("boucle infinie", 1, true) then
      local n = 0
      while true do n = n + 1 end
    end
  end,
  examples = { pass = { "Rien à voir" } },
}

-- Une règle lente (une seconde de calcul) : pour l'arrêt en douceur.
rule "lente" {
  title = "Règle lente",
  severity = "info", mitigates = { "fuite" },
  check = function(post, ctx)
    if post.text:find("lentement", 1, true) then
      local start = os.clock()
      while os.clock() - start < 1.0 do end
    end
  end,
  examples = { pass = { "Rien à voir" } },
}
