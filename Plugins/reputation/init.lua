-- Les règles du plugin reputation (voir plugin.lua) ; leurs textes en français
-- et en anglais.
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
  title = { fr = "Émotions ou frustrations dévoilées", en = "Emotions or frustrations aired" },
  description = {
    fr = "Une personne de l'organisation exprime publiquement sa colère ou sa lassitude.",
    en = "Someone of the organisation airs their anger or weariness in public.",
  },
  charter = {
    fr = "On ne dévoile pas ses émotions ni ses frustrations sur les médias sociaux de l'organisation : on en parle à quelqu'un.",
    en = "Emotions and frustrations stay off the organisation's social media: talk to someone instead.",
  },
  severity = "medium",
  advice = { fr = "Retirer la publication et en parler à une personne de confiance plutôt qu'en ligne.",
             en = "Remove the post and talk to someone you trust rather than online." },
  check = function(post, ctx)
    if OWN[kind_of(post)] then flag_if(ctx, matches(post.text, "venting")) end
  end,
  examples = {
    flag = { { text = "J'en ai ras le bol de ce boulot, journée épuisante.", actor = "employee" },
             { text = "So fed up with this job, what a horrible day.", actor = "employee" } },
    pass = { { text = "Belle journée de travail, merci à l'équipe !", actor = "employee" } },
  },
}

rule "ragots-vie-privee" {
  title = { fr = "Ragots ou vie trop personnelle", en = "Gossip or too personal" },
  description = {
    fr = "Bavardages sur des personnes, ou détails trop personnels, qui entament la confiance qu'on nous accorde.",
    en = "Gossip about people, or details too personal, that wear down the trust placed in us.",
  },
  charter = {
    fr = "Les médias sociaux de l'organisation servent aux contacts professionnels : pas de ragots, pas de vie privée.",
    en = "The organisation's social media are for work contacts: no gossip, no private life.",
  },
  severity = "medium",
  advice = { fr = "Garder la page pour le professionnel ; les personnes qu'on sert attendent de la discrétion.",
             en = "Keep the page for work; the people we serve expect discretion." },
  check = function(post, ctx)
    if OWN[kind_of(post)] then flag_if(ctx, matches(post.text, "gossip", "personal-life")) end
  end,
  examples = {
    flag = { { text = "Devinez qui divorce dans la rue des Érables… je ne dis rien mais 😉", actor = "employee" } },
    pass = { { text = "Nos conseils de la semaine, en trois minutes.", actor = "employee" } },
  },
}

rule "propos-injurieux" {
  title = { fr = "Propos injurieux d'une personne de l'organisation", en = "Insults by someone of the organisation" },
  charter = { fr = "Aucune insulte, envers personne, même pour rire.", en = "No insults, against anyone, not even as a joke." },
  severity = "high",
  advice = { fr = "Retirer la publication et présenter des excuses si quelqu'un est visé.",
             en = "Remove the post and apologise if someone was targeted." },
  check = function(post, ctx)
    if OWN[kind_of(post)] then flag_if(ctx, matches(post.text, "insult")) end
  end,
  examples = {
    flag = { { text = "Ce client est un vrai crétin.", actor = "employee" } },
    pass = { { text = "Ce client est vraiment exigeant, mais on y arrive.", actor = "employee" } },
  },
}

rule "commentaire-negatif-client" {
  title = { fr = "Commentaire négatif d'un client", en = "A client complains in public" },
  description = {
    fr = "Un client ou un ancien client exprime publiquement son mécontentement.",
    en = "A client or a former client voices their discontent in public.",
  },
  charter = {
    fr = "Un client mécontent est contacté en privé, calmement : on rétablit les faits et on cherche une solution.",
    en = "An unhappy client is contacted in private, calmly: restore the facts and look for a solution.",
  },
  severity = "medium",
  advice = { fr = "Contacter le client en privé, calmement ; rétablir les faits, s'excuser si nécessaire, chercher une solution.",
             en = "Contact them in private, calmly; restore the facts, apologise if needed, look for a solution." },
  check = function(post, ctx)
    if CLIENTS[kind_of(post)] then flag_if(ctx, matches(post.text, "venting", "insult")) end
  end,
  examples = {
    flag = { { text = "Service nul, je suis furieuse !", actor = "client" },
             { text = "Terrible service, I'm furious.", actor = "client" } },
    pass = { { text = "Merci pour le beau travail !", actor = "client" } },
  },
}

rule "denigrement" {
  title = { fr = "Dénigrement par un compétiteur ou un inconnu", en = "Disparagement by a competitor or a stranger" },
  charter = {
    fr = "Face au dénigrement, on garde les preuves et on répond une seule fois, par les faits.",
    en = "Against disparagement, keep the evidence and answer once, with the facts.",
  },
  severity = "medium",
  advice = { fr = "Garder une copie datée de la publication ; répondre une fois, par les faits ; signaler si cela continue.",
             en = "Keep a dated copy of the post; answer once, with the facts; report it if it goes on." },
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
  title = { fr = "Menaces ou intimidation", en = "Threats or intimidation" },
  charter = {
    fr = "Les menaces et l'intimidation sortent du cadre : on prévient poliment mais fermement, et on garde les preuves.",
    en = "Threats and intimidation are out of bounds: warn politely but firmly, and keep the evidence.",
  },
  severity = "high",
  advice = { fr = "Prévenir poliment mais fermement que ces propos sortent des règles ; garder une copie datée.",
             en = "Warn politely but firmly that this breaks the rules; keep a dated copy." },
  check = function(post, ctx)
    if not OWN[kind_of(post)] then flag_if(ctx, matches(post.text, "intimidation", "threat")) end
  end,
  examples = {
    flag = { "Vous allez le regretter, je sais où vous habitez.", "You'll regret this, watch your back." },
    pass = { "Vous allez adorer le résultat !" },
  },
}

rule "chantage" {
  title = { fr = "Chantage", en = "Blackmail" },
  charter = {
    fr = "Au chantage, on ne répond pas : on garde les preuves et on alerte la police.",
    en = "Blackmail is never answered: keep the evidence and call the police.",
  },
  severity = "critical",
  advice = { fr = "Ne pas répondre ; garder les preuves ; signaler à la plateforme et à la police.",
             en = "Do not answer; keep the evidence; report to the platform and the police." },
  check = function(post, ctx)
    if not OWN[kind_of(post)] then flag_if(ctx, matches(post.text, "blackmail")) end
  end,
  examples = {
    flag = { "Payez 500 $ ou je publie les photos de vos clients.", "Pay me or I publish everything about you." },
    pass = { "Payez en ligne ou par chèque, au choix." },
  },
}
