-- Échelles de réaction (voir plugin.lua). Chaque fonction rend la liste des
-- étapes d'une réaction, de la plus douce à la plus ferme ; `o` précise les
-- règles qui font monter d'une étape.
local M = {}

local function list(v) if type(v) == "string" then return { v } end return v or {} end

--- Le cas no 1 de seeds/000 : dialogue, puis avertissement si les propos
--- deviennent menaçants, puis exclusion motivée si cela continue.
--- o.menaces : les règles qui justifient l'avertissement ;
--- o.recidive : celles qui, après l'avertissement, mènent à l'exclusion
--- (par défaut, les mêmes).
function M.dialogue_avertissement_exclusion(o)
  o = o or {}
  local menaces = list(o.menaces)
  return {
    { id = "dialogue", title = "Dialogue",
      advice = "Rester calme. Contacter la personne en privé, posément et respectueusement : rétablir les faits, poser des questions, s'excuser si nécessaire, chercher une solution, accepter les excuses offertes." },
    { id = "avertissement", title = "Avertissement",
      when = { any = menaces },
      advice = "Prévenir la personne, poliment mais de façon stricte, que ses propos sortent des règles d'utilisation (menaces, intimidation).",
      reasons = "Propos menaçants ou intimidants après le dialogue" },
    { id = "exclusion", title = "Exclusion",
      when = { any = list(o.recidive or menaces) },
      record_reasons = true, close = true,
      advice = "Exclure la personne de la page ou du groupe en lui mentionnant les raisons ; garder une copie de l'échange." },
  }
end

--- Un compétiteur ou une personne malveillante entache la réputation :
--- garder les preuves, répondre une fois par les faits, signaler, puis
--- faire appel à un conseiller juridique si cela dure.
function M.malveillance(o)
  o = o or {}
  local regles = list(o.regles)
  return {
    { id = "preuves", title = "Garder les preuves",
      advice = "Faire une copie datée (capture, lien) de chaque publication ; ne pas répondre sous le coup de l'émotion." },
    { id = "reponse-factuelle", title = "Répondre une fois, par les faits",
      when = { any = regles },
      advice = "Publier une seule réponse courte et factuelle ; inviter à poursuivre en privé." },
    { id = "signalement", title = "Signaler à la plateforme",
      when = { any = regles, count = o.repetitions or 1 },
      advice = "Signaler les publications à la plateforme avec les preuves gardées.",
      reasons = "Dénigrement répété après la réponse" },
    { id = "conseil-juridique", title = "Conseil juridique",
      when = { any = regles, min_severity = "high" },
      record_reasons = true, close = true,
      advice = "Consulter un conseiller juridique (diffamation) avec le dossier de preuves." },
  }
end

--- Une information a fuité (coordonnées, client nommé, absence annoncée) :
--- retirer, prévenir la personne concernée, rappeler la règle, puis un plan
--- correctif si la fuite se répète (seeds/002 : analyser les impacts et
--- élaborer des plans correctifs).
function M.fuite(o)
  o = o or {}
  return {
    { id = "retrait", title = "Retirer la publication",
      advice = "Retirer ou corriger la publication au plus vite ; noter ce qui a été visible et combien de temps." },
    { id = "prevenir", title = "Prévenir la personne concernée",
      when = o.grave and { any = list(o.grave) } or nil,
      advice = "Prévenir le client ou la personne dont l'information a circulé, et convenir avec elle des mesures à prendre (changer un code, surveiller un accès, corriger une information)." },
    { id = "rappel", title = "Rappeler la règle",
      when = { any = list(o.regles) },
      advice = "Rappeler la règle à la personne qui a publié, en privé, avec l'exemple." },
    { id = "plan-correctif", title = "Plan correctif",
      when = { any = list(o.regles), count = o.repetitions or 2 },
      record_reasons = true, close = true,
      advice = "Analyser la source, le contenu et les conséquences de la divulgation ; mettre à jour la charte et former l'équipe." },
  }
end

--- Un inconnu cherche des renseignements sur les clients, ou offre de
--- l'argent en échange : ne rien dire, bloquer, signaler, prévenir.
function M.sollicitation(o)
  o = o or {}
  return {
    { id = "ne-pas-repondre", title = "Ne rien divulguer",
      advice = "Ne donner aucune information sur les clients ; répondre au plus que l'entreprise ne parle pas de sa clientèle." },
    { id = "bloquer-signaler", title = "Bloquer et signaler",
      when = { any = list(o.regles) },
      advice = "Bloquer la personne et signaler le compte à la plateforme ; garder une copie des messages.",
      reasons = "La personne insiste après un refus" },
    { id = "prevenir-clients", title = "Prévenir les clients et la police",
      when = { any = list(o.graves or o.regles), min_severity = "high" },
      record_reasons = true, close = true,
      advice = "Prévenir les clients visés ; en cas d'offre d'argent, de chantage ou de menace, porter plainte." },
  }
end

return M
