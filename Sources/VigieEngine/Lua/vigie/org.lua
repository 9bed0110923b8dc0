-- The organisation profile as scripts see it: org, read-only, with its
-- questions (org:uses, org:has_issue, org:people, org:person, org:assets)
-- and the profile's fields (org.name, org.platforms...).

local E = ...
local pairs, ipairs, next, error = pairs, ipairs, next, error
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
