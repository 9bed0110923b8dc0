-- Échelles de réaction (voir plugin.lua). Chaque fonction rend la liste des
-- étapes d'une réaction, de la plus douce à la plus ferme ; `o` précise les
-- règles qui font monter d'une étape. Les titres, les conseils et les
-- raisons sont en français et en anglais (la langue de la politique
-- choisit) ; chaque fonction et chaque option a aussi son nom anglais :
--   dialogue_avertissement_exclusion = dialogue_warning_exclusion
--     (menaces = threatening, recidive = repeated)
--   malveillance = malice (regles = rules, repetitions = repeats)
--   fuite = leak (grave = serious, regles = rules, repetitions = repeats)
--   sollicitation = solicitation (regles = rules, graves = serious)
local M = {}

local function list(v) if type(v) == "string" then return { v } end return v or {} end

-- The options, each under its French or English name.
local function options(o, names)
  o = o or {}
  local out = {}
  for fr, en in pairs(names) do
    if o[fr] ~= nil and o[en] ~= nil then
      error(("options %s and %s are the same, given twice: keep one"):format(fr, en), 3)
    end
    if o[fr] ~= nil then out[fr] = o[fr] else out[fr] = o[en] end
  end
  for k in pairs(o) do
    local known = names[k] ~= nil
    for _, en in pairs(names) do if en == k then known = true end end
    if not known then
      local all = {}
      for fr, en in pairs(names) do all[#all + 1] = fr .. " (" .. en .. ")" end
      table.sort(all)
      error(("unknown option %s; the options are %s"):format(tostring(k), table.concat(all, ", ")), 3)
    end
  end
  return out
end

--- Le cas no 1 de seeds/000 : dialogue, puis avertissement si les propos
--- deviennent menaçants, puis exclusion motivée si cela continue.
--- o.menaces (threatening) : les règles qui justifient l'avertissement ;
--- o.recidive (repeated) : celles qui, après l'avertissement, mènent à
--- l'exclusion (par défaut, les mêmes).
function M.dialogue_avertissement_exclusion(o)
  o = options(o, { menaces = "threatening", recidive = "repeated" })
  local menaces = list(o.menaces)
  return {
    { id = "dialogue", title = { fr = "Dialogue", en = "Dialogue" },
      advice = {
        fr = "Rester calme. Contacter la personne en privé, posément et respectueusement : rétablir les faits, poser des questions, s'excuser si nécessaire, chercher une solution, accepter les excuses offertes.",
        en = "Stay calm. Contact the person in private, quietly and respectfully: restore the facts, ask questions, apologise if needed, look for a solution, accept the apologies offered.",
      } },
    { id = "avertissement", title = { fr = "Avertissement", en = "Warning" },
      when = { any = menaces },
      advice = {
        fr = "Prévenir la personne, poliment mais de façon stricte, que ses propos sortent des règles d'utilisation (menaces, intimidation).",
        en = "Warn the person, politely but strictly, that what they say breaks the rules of use (threats, intimidation).",
      },
      reasons = { fr = "Propos menaçants ou intimidants après le dialogue",
                  en = "Threatening or intimidating words after the dialogue" } },
    { id = "exclusion", title = { fr = "Exclusion", en = "Exclusion" },
      when = { any = list(o.recidive or menaces) },
      record_reasons = true, close = true,
      advice = {
        fr = "Exclure la personne de la page ou du groupe en lui mentionnant les raisons ; garder une copie de l'échange.",
        en = "Exclude the person from the page or the group, telling them why; keep a copy of the exchange.",
      } },
  }
end
M.dialogue_warning_exclusion = M.dialogue_avertissement_exclusion

--- Un compétiteur ou une personne malveillante entache la réputation :
--- garder les preuves, répondre une fois par les faits, signaler, puis
--- faire appel à un conseiller juridique si cela dure.
--- o.regles (rules), o.repetitions (repeats).
function M.malveillance(o)
  o = options(o, { regles = "rules", repetitions = "repeats" })
  local regles = list(o.regles)
  return {
    { id = "preuves", title = { fr = "Garder les preuves", en = "Keep the evidence" },
      advice = {
        fr = "Faire une copie datée (capture, lien) de chaque publication ; ne pas répondre sous le coup de l'émotion.",
        en = "Make a dated copy (a screenshot, a link) of each post; do not answer in the heat of the moment.",
      } },
    { id = "reponse-factuelle", title = { fr = "Répondre une fois, par les faits", en = "Answer once, with the facts" },
      when = { any = regles },
      advice = {
        fr = "Publier une seule réponse courte et factuelle ; inviter à poursuivre en privé.",
        en = "Post one short, factual answer; invite them to go on in private.",
      } },
    { id = "signalement", title = { fr = "Signaler à la plateforme", en = "Report to the platform" },
      when = { any = regles, count = o.repetitions or 1 },
      advice = {
        fr = "Signaler les publications à la plateforme avec les preuves gardées.",
        en = "Report the posts to the platform with the evidence kept.",
      },
      reasons = { fr = "Dénigrement répété après la réponse", en = "Disparagement repeated after the answer" } },
    { id = "conseil-juridique", title = { fr = "Conseil juridique", en = "Legal advice" },
      when = { any = regles, min_severity = "high" },
      record_reasons = true, close = true,
      advice = {
        fr = "Consulter un conseiller juridique (diffamation) avec le dossier de preuves.",
        en = "Consult a lawyer (defamation) with the file of evidence.",
      } },
  }
end
M.malice = M.malveillance

--- Une information a fuité (coordonnées, personne nommée, absence annoncée) :
--- retirer, prévenir la personne concernée, rappeler la règle, puis un plan
--- correctif si la fuite se répète (seeds/002 : analyser les impacts et
--- élaborer des plans correctifs).
--- o.grave (serious), o.regles (rules), o.repetitions (repeats).
function M.fuite(o)
  o = options(o, { grave = "serious", regles = "rules", repetitions = "repeats" })
  return {
    { id = "retrait", title = { fr = "Retirer la publication", en = "Remove the post" },
      advice = {
        fr = "Retirer ou corriger la publication au plus vite ; noter ce qui a été visible et combien de temps.",
        en = "Remove or correct the post as soon as possible; note what was visible and for how long.",
      } },
    { id = "prevenir", title = { fr = "Prévenir la personne concernée", en = "Tell the person concerned" },
      when = o.grave and { any = list(o.grave) } or nil,
      advice = {
        fr = "Prévenir le client ou la personne dont l'information a circulé, et convenir avec elle des mesures à prendre (changer un code, surveiller un accès, corriger une information).",
        en = "Tell the client or the person whose information went out, and agree with them on what to do (change a code, watch a way in, correct a piece of information).",
      } },
    { id = "rappel", title = { fr = "Rappeler la règle", en = "Recall the rule" },
      when = { any = list(o.regles) },
      advice = {
        fr = "Rappeler la règle à la personne qui a publié, en privé, avec l'exemple.",
        en = "Recall the rule to the person who posted, in private, with the example.",
      } },
    { id = "plan-correctif", title = { fr = "Plan correctif", en = "Corrective plan" },
      when = { any = list(o.regles), count = o.repetitions or 2 },
      record_reasons = true, close = true,
      advice = {
        fr = "Analyser la source, le contenu et les conséquences de la divulgation ; mettre à jour la charte et former l'équipe.",
        en = "Analyse the source, the content and the consequences of the disclosure; update the charter and train the team.",
      } },
  }
end
M.leak = M.fuite

--- Un inconnu cherche des renseignements sur les personnes qu'on sert, ou
--- offre de l'argent en échange : ne rien dire, bloquer, signaler, prévenir.
--- o.regles (rules), o.graves (serious).
function M.sollicitation(o)
  o = options(o, { regles = "rules", graves = "serious" })
  return {
    { id = "ne-pas-repondre", title = { fr = "Ne rien divulguer", en = "Disclose nothing" },
      advice = {
        fr = "Ne donner aucune information sur les personnes qu'on sert ; répondre au plus que l'organisation ne parle pas d'elles.",
        en = "Give no information about the people we serve; answer at most that the organisation does not talk about them.",
      } },
    { id = "bloquer-signaler", title = { fr = "Bloquer et signaler", en = "Block and report" },
      when = { any = list(o.regles) },
      advice = {
        fr = "Bloquer la personne et signaler le compte à la plateforme ; garder une copie des messages.",
        en = "Block the person and report the account to the platform; keep a copy of the messages.",
      },
      reasons = { fr = "La personne insiste après un refus", en = "The person insists after a refusal" } },
    { id = "prevenir-clients", title = { fr = "Prévenir les personnes visées et la police", en = "Warn the people targeted and the police" },
      when = { any = list(o.graves or o.regles), min_severity = "high" },
      record_reasons = true, close = true,
      advice = {
        fr = "Prévenir les personnes visées ; en cas d'offre d'argent, de chantage ou de menace, porter plainte.",
        en = "Warn the people targeted; in case of an offer of money, blackmail or a threat, file a complaint.",
      } },
  }
end
M.solicitation = M.sollicitation

return M
