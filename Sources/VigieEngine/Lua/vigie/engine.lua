-- The engine's Lua half, first chunk: it runs in the policy's environment
-- before the policy and its plugins, loads the other files of this folder
-- (one concern each), and seals the environment.
--
-- The contract with the Swift host:
--   * the host's functions arrive as globals __vigie_fn_<library>_<name>
--     (and __vigie_where); they are gathered into `host` and removed;
--   * every engine entry point is published once as a global
--     __vigie_<name>, which the host takes a reference to and removes
--     before any policy or plugin code runs: the engine is called through
--     those references, never through a global a script could replace;
--   * the API (policy, rule, text, pii...) lives behind the environment's
--     locked metatable, read-only: a script that assigns an API name, an
--     entry point (any __vigie_ name) or a field of a library table gets
--     an error at its own line.
-- `...` is the host's configuration: { modules = { { name, source } },
-- post_fields = { ... } }. Returns the names of the published entry points.

local config = ...
local ENV = _ENV
local type, pairs, ipairs, next, error, tostring = type, pairs, ipairs, next, error, tostring
local rawget, rawset, setmetatable, load = rawget, rawset, setmetatable, load
local fmt, match, sub = string.format, string.match, string.sub
local sort = table.sort

local PREFIX = "__vigie_"

-- The host's functions: host.<library>.<name> (host.text.fold...).
local host = {}
do
  local found = {}
  for k, v in next, ENV do
    if type(k) == "string" then
      local lib, name = match(k, "^__vigie_fn_(%a+)_(.+)$")
      if lib then found[#found + 1] = { k, lib, name, v } end
    end
  end
  for _, f in ipairs(found) do
    rawset(ENV, f[1], nil)
    local t = host[f[2]]
    if t == nil then
      t = {}
      host[f[2]] = t
    end
    t[f[3]] = f[4]
  end
  host.where = rawget(ENV, "__vigie_where")
  rawset(ENV, "__vigie_where", nil)
end

-- What scripts see through the environment (policy, rule, text...).
local api = {}
-- What the host calls: name -> function, published as __vigie_<name>.
local entry = {}
-- The read-only tables: table -> the name errors give it.
local sealed = setmetatable({}, { __mode = "k" })

-- The engine's shared internals, handed to each file.
local E = { ENV = ENV, host = host, api = api, entry = entry, PREFIX = PREFIX,
  post_fields = {}, rawset = rawset, rawget = rawget }
for i, f in ipairs(config.post_fields) do E.post_fields[i] = f end

-- Marks a table read-only for rawset too; `name` is how errors call it.
function E.seal(t, name)
  sealed[t] = name
  return t
end

-- A read-only proxy of `backing`: reads go through, writes are an error
-- naming the field (`text.fold is read-only`), the metatable is locked.
-- `mt` may add metamethods (__call, __tostring...) or replace __index
-- and __newindex.
function E.readonly(name, backing, mt)
  mt = mt or {}
  if mt.__index == nil then mt.__index = backing end
  if mt.__newindex == nil then
    mt.__newindex = function(_, k)
      error(fmt("%s.%s is read-only", name, tostring(k)), 2)
    end
  end
  if mt.__pairs == nil then mt.__pairs = function() return next, backing, nil end end
  if mt.__len == nil then mt.__len = function() return #backing end end
  mt.__metatable = "read-only"
  local proxy = setmetatable({}, mt)
  sealed[proxy] = name
  return proxy
end

-- The engine's files, in order: each gets E and adds to it.
for _, m in ipairs(config.modules) do
  local chunk, err = load(m.source, "@vigie/" .. m.name .. ".lua", "t", ENV)
  if not chunk then error(err, 0) end
  chunk(E)
end

-- Sealing ---------------------------------------------------------------------

local function what(k)
  local v = api[k]
  if v ~= nil then
    return fmt("cannot replace the engine's %s %s", type(v) == "function" and "function" or "library", k)
  end
  if type(k) == "string" and sub(k, 1, #PREFIX) == PREFIX then
    return fmt("cannot replace the engine's entry point %s", k)
  end
  return nil
end

local env_mt
env_mt = {
  __index = api,
  __newindex = function(t, k, v)
    local problem = what(k)
    if problem then error(problem, 2) end
    rawset(t, k, v)
  end,
  -- pairs(_ENV): the script's globals, then the API.
  __pairs = function(t)
    local in_api = false
    return function(_, k)
      local v
      if not in_api then
        k, v = next(t, k)
        if k ~= nil then return k, v end
        in_api = true
      end
      repeat
        k, v = next(api, k)
      until k == nil or rawget(t, k) == nil
      return k, v
    end, t, nil
  end,
}

-- rawset cannot go around the seal either.
local function guarded_rawset(t, k, v)
  if t == ENV then
    local problem = what(k)
    if problem then error(problem, 2) end
  end
  local name = sealed[t]
  if name then error(fmt("%s.%s is read-only", name, tostring(k)), 2) end
  return rawset(t, k, v)
end

local function seal()
  -- A reload into the same environment (the REPL's) finds the previous
  -- engine's API there as plain globals: they go.
  for k in pairs(api) do rawset(ENV, k, nil) end
  env_mt.__metatable = "the environment of a policy, sealed by Vigie"
  setmetatable(ENV, env_mt)
  rawset(ENV, "rawset", guarded_rawset)
end
seal()

-- Takes the seal off again (the REPL's :reload, before the next engine
-- loads into the same environment): the API stays as plain globals,
-- unless keep_api is false (this engine failed to load: the previous
-- one takes the environment back with reseal).
function entry.unseal(keep_api)
  env_mt.__metatable = nil
  setmetatable(ENV, nil)
  rawset(ENV, "rawset", rawset)
  if keep_api ~= false then
    for k, v in pairs(api) do rawset(ENV, k, v) end
  end
end

-- Seals the environment again for this engine (after unseal).
function entry.reseal()
  seal()
end

-- The names of the API (sorted), for the host's checks and completion.
function entry.api()
  local names = {}
  for k in pairs(api) do names[#names + 1] = k end
  sort(names)
  return names
end

local published = {}
for name, f in pairs(entry) do
  rawset(ENV, PREFIX .. name, f)
  published[#published + 1] = name
end
sort(published)
return published
