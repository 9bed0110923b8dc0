-- The organisation profile as scripts see it: org, read-only, with its
-- questions (org:uses, org:has_issue, org:people, org:person, org:assets)
-- and the profile's fields (org.name, org.platforms...).

local E = ...
local pairs, ipairs, next, error, type = pairs, ipairs, next, error, type
local lower = string.lower

local profile = nil
function E.profile() return profile end

-- The host hands the profile over (a read-only view), or nil.
function E.entry.set_profile(p)
  profile = p
end

local Org = {}
function Org:uses(platform)
  if not profile then return false end
  platform = lower(platform)
  for _, s in ipairs(profile.platforms or {}) do if s.platform == platform then return true end end
  return false
end
function Org:has_issue(id)
  if not profile then return false end
  for _, s in ipairs(profile.securityIssues or {}) do if s.id == id then return true end end
  return false
end
function Org:people(kind)
  local out = {}
  if not profile then return out end
  for _, p in ipairs(profile.people or {}) do if kind == nil or p.kind == kind then out[#out + 1] = p end end
  return out
end
function Org:assets(level)
  local out = {}
  if not profile then return out end
  local order = { public = 1, internal = 2, confidential = 3, secret = 4 }
  for _, a in ipairs(profile.assets or {}) do
    if level == nil or (order[a.classification] or 0) >= (order[level] or 0) then out[#out + 1] = a end
  end
  return out
end
function Org:person(id)
  if not profile then return nil end
  for _, p in ipairs(profile.people or {}) do if p.id == id then return p end end
  return nil
end

-- Every name to look for a person by: the name, the other names (first
-- name, nickname) and the name without its civility ("M. Gagnon" → "Gagnon").
function Org:names(person)
  local out = {}
  for i, n in ipairs(person.searchNames or { person.name }) do out[i] = n end
  return out
end

-- The civil day ("2026-03-19") of a post on the clock its time is on
-- (the organisation's, when the profile names its time zone).
local function post_day(post)
  local t = (post.time or 0) + (post.utc_offset or 0)
  local z = (t - t % 86400) // 86400 + 719468
  local era = (z >= 0 and z or z - 146096) // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400 + (m <= 2 and 1 or 0)
  return string.format("%04d-%02d-%02d", y, m, d)
end

local function canonical(handle)
  if type(handle) ~= "string" or handle == "" then return nil end
  handle = lower(handle)
  if handle:sub(1, 1) == "@" then handle = handle:sub(2) end
  return handle
end

-- Whether a post's author is the profile's account of `handle` on the
-- post's platform (an export may name it by its id or its display name
-- only), as Account.matches compares accounts.
local function written_by(post, handle)
  local author = post.author or {}
  local wanted = canonical(handle)
  if canonical(author.handle) == wanted then return true end
  local function same(a)
    if a.id and a.id ~= "" and author.id then return a.id == author.id end
    if canonical(a.handle) and canonical(author.handle) then return canonical(a.handle) == canonical(author.handle) end
    if a.url and author.url then return a.url == author.url end
    if a.displayName and author.name then return a.displayName == author.name end
    return false
  end
  local function search(accounts, platform)
    for _, a in ipairs(accounts or {}) do
      if (a.platform or platform) == post.platform and canonical(a.handle) == wanted and same(a) then return true end
    end
    return false
  end
  for _, s in ipairs(profile.platforms or {}) do
    if search(s.accounts, s.platform) then return true end
  end
  for _, p in ipairs(profile.people or {}) do
    if search(p.accounts) then return true end
  end
  return false
end

-- The uses (approved channels) a post serves: those whose platforms hold
-- the post's platform and whose accounts, if listed, its author.
local function post_uses(post)
  local out = {}
  if not profile then return out end
  for _, ch in ipairs(profile.channels or {}) do
    local on_platform = false
    for _, p in ipairs(ch.platforms or {}) do if p == post.platform then on_platform = true end end
    local by_account = #(ch.accounts or {}) == 0
    for _, a in ipairs(ch.accounts or {}) do if written_by(post, a) then by_account = true end end
    if on_platform and by_account then out[ch.use] = true end
  end
  return out
end

-- Whether the person's recorded consent covers naming them in this post:
-- a consent is recorded, holds on the post's day (from its first day to
-- its last, not withdrawn), on the post's platform, for a use the post's
-- channel serves. Returns true, or false and why: "none", "withdrawn",
-- "before", "expired", "platform" or "use".
function Org:consent_covers(person, post)
  local c = person.consent
  if c == nil then return false, "none" end
  local day = post_day(post)
  if c.withdrawn and day >= c.withdrawn then return false, "withdrawn" end
  if c.from and day < c.from then return false, "before" end
  if c["until"] and day > c["until"] then return false, "expired" end
  if #(c.platforms or {}) > 0 then
    local ok = false
    for _, p in ipairs(c.platforms) do if p == post.platform then ok = true end end
    if not ok then return false, "platform" end
  end
  if #(c.uses or {}) > 0 then
    local serves, ok = post_uses(post), false
    for _, u in ipairs(c.uses) do if serves[u] then ok = true end end
    if not ok then return false, "use" end
  end
  return true
end

local org = E.readonly("org", Org, {
  __index = function(_, k)
    local m = Org[k]
    if m ~= nil then return m end
    if profile then return profile[k] end
    return nil
  end,
  __newindex = function() error("the organisation profile is read-only", 2) end,
  __pairs = function()
    if profile then return pairs(profile) end
    return next, {}, nil
  end,
  __len = function() return 0 end,
})
E.org = org
E.api.org = org
