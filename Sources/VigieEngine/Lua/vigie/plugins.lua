-- Plugins: what the host calls while it loads each plugin named by the
-- policy's uses (its manifest, then its init.lua with its parameters),
-- and plugins.<name>, what each plugin's init.lua returned.

local E = ...
local ENV, reg = E.ENV, E.reg
local type, pairs, error = type, pairs, error
local raw_set = E.rawset
-- Taken now: a script that later replaces the global cannot change how
-- plugins load.
local require = require

-- Before a plugin's plugin.lua runs: its declarations belong to it.
function E.entry.begin(name, params)
  E.set_owner(name, params)
  reg.plugin = nil
end

-- After plugin.lua: its manifest, as data.
function E.entry.manifest()
  local p = reg.plugin
  reg.plugin = nil
  if not p then return nil end
  local s = p.spec
  local params = {}
  for k, v in pairs(s.parameters or {}) do
    if type(v) == "table" then
      params[k] = { type = v.type, default = v.default, description = E.localize(v.description), values = v.values,
        min = v.min, max = v.max, en = v.en }
    else
      params[k] = { type = "?" .. type(v) }
    end
  end
  local provides = {}
  for k, v in pairs(s.provides or {}) do provides[k] = v end
  local L = E.localize
  return { name = s.name, version = s.version, title = L(s.title), description = L(s.description), charter = L(s.charter),
    provides = provides, parameters = params, requires = s.requires, file = p.at.file, line = p.at.line }
end

-- Runs a plugin's init.lua (through require) with its parameters: the
-- global params holds them while the plugin loads; rules read ctx.params.
function E.entry.load_plugin(name, params, has_init)
  E.set_owner(name, params)
  raw_set(ENV, "params", params or {})
  local m = nil
  if has_init then m = require(name) end
  if type(m) == "table" then reg.exports[name] = m end
  raw_set(ENV, "params", nil)
  E.set_owner("policy", {})
end

-- plugins.<name> is what the plugin's init.lua returned.
E.api.plugins = E.readonly("plugins", reg.exports, {
  __newindex = function()
    error("plugins is read-only: a plugin exports what its init.lua returns", 2)
  end,
})
