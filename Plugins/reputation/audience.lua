-- Qui parle ? Le type de la personne selon le profil, et, quand le profil ne
-- la connaît pas, l'hypothèse qu'on fait à sa place (elle accompagne le
-- signalement, pour que la consultante la voie).
--
-- Une personne absente du profil qui commente la page de l'organisation,
-- lui répond ou lui écrit en privé fait partie du public que l'organisation
-- sert : une cliente ou un client possible (« public »), pas seulement un
-- inconnu. Quelqu'un d'absent du profil qui publie ailleurs sans s'adresser
-- à l'organisation reste un inconnu (« stranger »).
--
--   local audience = require "reputation.audience"
--   local kind, hypothese = audience.of(post, ctx)
local M = {}

M.OWN = { employee = true, organisation = true }
M.CLIENTS = { client = true, ["former-client"] = true }

-- In French and English: the note of a finding takes the policy's language.
M.HYPOTHESES = {
  public = {
    fr = "auteur absent du profil qui s'adresse à l'organisation (commentaire sur sa page, réponse ou message privé) : "
      .. "considéré comme une personne du public qu'elle sert, cliente ou client possible",
    en = "an author who is not in the profile and addresses the organisation (a comment on its page, a reply or a "
      .. "private message): taken for someone of the public it serves, a possible client",
  },
  stranger = {
    fr = "auteur absent du profil qui ne s'adresse pas à l'organisation : considéré comme un inconnu",
    en = "an author who is not in the profile and does not address the organisation: taken for a stranger",
  },
}

local function handle(h)
  if type(h) ~= "string" or h == "" then return nil end
  h = h:lower()
  if h:sub(1, 1) == "@" then h = h:sub(2) end
  return h
end

-- The same account (as VigieModel's Account.matches): the platform, then the
-- id, the handle, the address or the display name.
local function same(a, b, platform)
  if a == nil or b == nil then return false end
  if a.platform ~= (b.platform or platform) then return false end
  if a.id and b.id and a.id ~= "" then return a.id == b.id end
  local ha, hb = handle(a.handle), handle(b.handle)
  if ha and hb then return ha == hb end
  if a.url and b.url then return a.url == b.url end
  local na = a.name or a.displayName
  if na and b.displayName then return na == b.displayName end
  return false
end

-- Whether an account belongs to the organisation or to one of its employees.
function M.is_own_account(account, org)
  if account == nil or org == nil then return false end
  for _, p in ipairs(org.platforms or {}) do
    for _, a in ipairs(p.accounts or {}) do
      if same(account, a, p.platform) then return true end
    end
  end
  for _, person in ipairs(org:people("employee")) do
    for _, a in ipairs(person.accounts or {}) do
      if same(account, a) then return true end
    end
  end
  return false
end

-- Whether the post is addressed to the organisation: a comment or a reply
-- on its content (or with no target named: an export's comments are on its
-- page), a private message to it (or to nobody named), a post that mentions it.
function M.addressed(post, org)
  local kind = post.kind
  if kind == "direct-message" then
    local recipients = post.recipients
    if recipients == nil or #recipients == 0 then return true end
    for _, r in ipairs(recipients) do
      if M.is_own_account(r, org) then return true end
    end
    return false
  end
  if kind == "comment" or kind == "reply" then
    local target = post.reply_to and post.reply_to.account
    return target == nil or M.is_own_account(target, org)
  end
  local own = {}
  for _, p in ipairs(org and org.platforms or {}) do
    for _, a in ipairs(p.accounts or {}) do
      local h = handle(a.handle)
      if h then own[h] = true end
    end
  end
  for _, m in ipairs(post.mentions or {}) do
    if own[handle(m)] then return true end
  end
  return false
end

-- The kind of the person who wrote the post, and the hypothesis made when
-- the profile does not know them (nil when it does).
function M.of(post, ctx)
  local actor = post.actor
  if actor ~= nil and actor.kind ~= nil then return actor.kind, nil end
  if M.addressed(post, ctx.org) then return "public", M.HYPOTHESES.public end
  return "stranger", M.HYPOTHESES.stranger
end

-- Someone outside the organisation (neither an employee nor the organisation).
function M.outside(kind) return not M.OWN[kind] end

-- A client, a former client, or someone of the public the organisation serves.
function M.client_like(kind) return M.CLIENTS[kind] or kind == "public" end

return M
