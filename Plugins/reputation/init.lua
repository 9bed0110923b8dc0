-- Les règles du plugin reputation (voir plugin.lua).
local params = params

local OWN = { employee = true, organisation = true }
local CLIENTS = { client = true, ["former-client"] = true }
local OTHERS = { competitor = true, stranger = true, ["public-figure"] = true }

local function kind_of(post)
  return post.actor and post.actor.kind or "stranger"
end

-- The matches of several built-in vocabularies, if their weight is enough.
local function matches(s, ...)
  local found, weight = {}, 0
  for i = 1, select("#", ...) do
    for _, m in ipairs(vocab((select(i, ...))):matches(s)) do
      found[#found + 1] = m
      weight = weight + (m.weight or 1)
    end
  end
  if weight >= params.poids_minimal then return found end
  return {}
end

-- What a competitor or a malicious person says to run a business down.
local disparage = text.lexicon {
  "incompétent", "incompétente", "incompétents", "incompétentes", "escroc", "escrocs", "arnaque", "arnaqueurs",
  "fuyez", "à éviter", "voleurs", "voleuses", "volent leurs clients", "travail bâclé",
  "incompetent", "scam", "scammers", "rip-off", "avoid them", "crooks",
}

local function flag_if(ctx, found)
  if #found > 0 then ctx:flag { evidence = found } end
end

rule "emotions-frustrations" {
  title = "Émotions ou frustrations dévoilées",
  description = "Une personne de l'organisation exprime publiquement sa colère ou sa lassitude.",
  charter = "On ne dévoile pas ses émotions ni ses frustrations sur les médias sociaux de l'entreprise : on en parle à quelqu'un.",
  severity = "medium",
  advice = "Retirer la publication et en parler à une personne de confiance plutôt qu'en ligne.",
  check = function(post, ctx)
    if OWN[kind_of(post)] then flag_if(ctx, matches(post.text, "venting")) end
  end,
  examples = {
    flag = { { text = "J'en ai ras le bol de ce boulot, journée épuisante.", actor = "employee" } },
    pass = { { text = "Belle journée de travail, merci à l'équipe !", actor = "employee" } },
  },
}

rule "ragots-vie-privee" {
  title = "Ragots ou vie trop personnelle",
  description = "Bavardages sur des personnes, ou détails trop personnels, qui entament la confiance des clients.",
  charter = "Les médias sociaux de l'entreprise servent aux contacts professionnels : pas de ragots, pas de vie privée.",
  severity = "medium",
  advice = "Garder la page pour le professionnel ; les clients qui nous ouvrent leur maison attendent de la discrétion.",
  check = function(post, ctx)
    if OWN[kind_of(post)] then flag_if(ctx, matches(post.text, "gossip", "personal-life")) end
  end,
  examples = {
    flag = { { text = "Devinez qui divorce dans la rue des Érables… je ne dis rien mais 😉", actor = "employee" } },
    pass = { { text = "Nos conseils pour l'entretien des planchers de bois.", actor = "employee" } },
  },
}

rule "propos-injurieux" {
  title = "Propos injurieux d'une personne de l'organisation",
  charter = "Aucune insulte, envers personne, même pour rire.",
  severity = "high",
  advice = "Retirer la publication et présenter des excuses si quelqu'un est visé.",
  check = function(post, ctx)
    if OWN[kind_of(post)] then flag_if(ctx, matches(post.text, "insult")) end
  end,
  examples = {
    flag = { { text = "Ce client est un vrai crétin.", actor = "employee" } },
    pass = { { text = "Ce client est vraiment exigeant, mais on y arrive.", actor = "employee" } },
  },
}

rule "commentaire-negatif-client" {
  title = "Commentaire négatif d'un client",
  description = "Un client ou un ancien client exprime publiquement son mécontentement.",
  charter = "Un client mécontent est contacté en privé, calmement : on rétablit les faits et on cherche une solution.",
  severity = "medium",
  advice = "Contacter le client en privé, calmement ; rétablir les faits, s'excuser si nécessaire, chercher une solution.",
  check = function(post, ctx)
    if CLIENTS[kind_of(post)] then flag_if(ctx, matches(post.text, "venting", "insult")) end
  end,
  examples = {
    flag = { { text = "Service nul, je suis furieuse !", actor = "client" } },
    pass = { { text = "Merci pour le beau travail !", actor = "client" } },
  },
}

rule "denigrement" {
  title = "Dénigrement par un compétiteur ou un inconnu",
  charter = "Face au dénigrement, on garde les preuves et on répond une seule fois, par les faits.",
  severity = "medium",
  advice = "Garder une copie datée de la publication ; répondre une fois, par les faits ; signaler si cela continue.",
  check = function(post, ctx)
    if not OTHERS[kind_of(post)] then return end
    local found = matches(post.text, "insult", "venting", "gossip")
    for _, m in ipairs(disparage:matches(post.text)) do found[#found + 1] = m end
    flag_if(ctx, found)
  end,
  examples = {
    flag = { { text = "Ces incompétentes volent leurs clients, fuyez !", actor = "competitor" } },
    pass = { { text = "Belle initiative pour l'environnement.", actor = "competitor" } },
  },
}

rule "menaces-intimidation" {
  title = "Menaces ou intimidation",
  charter = "Les menaces et l'intimidation sortent du cadre : on prévient poliment mais fermement, et on garde les preuves.",
  severity = "high",
  advice = "Prévenir poliment mais fermement que ces propos sortent des règles ; garder une copie datée.",
  check = function(post, ctx)
    if not OWN[kind_of(post)] then flag_if(ctx, matches(post.text, "intimidation", "threat")) end
  end,
  examples = {
    flag = { "Vous allez le regretter, je sais où vous habitez.", "You'll regret this, watch your back." },
    pass = { "Vous allez adorer le résultat !" },
  },
}

rule "chantage" {
  title = "Chantage",
  charter = "Au chantage, on ne répond pas : on garde les preuves et on alerte la police.",
  severity = "critical",
  advice = "Ne pas répondre ; garder les preuves ; signaler à la plateforme et à la police.",
  check = function(post, ctx)
    if not OWN[kind_of(post)] then flag_if(ctx, matches(post.text, "blackmail")) end
  end,
  examples = {
    flag = { "Payez 500 $ ou je publie les photos de vos clients." },
    pass = { "Payez en ligne ou par chèque, au choix." },
  },
}
