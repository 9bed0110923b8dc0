-- luacheck (Debian's lua-check) for the engine's Lua half, the plugins and
-- the policies; `make test` runs it.
std = "lua54"
max_line_length = 140

-- The engine's own files run in a policy's environment with the standard
-- library only: everything they define goes through the table E.
-- (Methods may leave self unused: org:uses(...).)
files["Sources/VigieEngine/Lua/vigie"] = {
  std = "lua54",
  self = false,
}

-- Policies and plugins see the authoring API (Sources/VigieRun/EditorKit/vigie.d.lua).
local api = {
  "policy", "plugin", "threat", "rule", "indicator", "incident", "reaction", "scenario", "classification",
  "extend", "disable", "plugins", "params", "text", "ling", "pii", "links", "dates", "geo", "vocab", "org",
  "classify", "allowed_level",
}
-- Test files also see the test framework.
local testing = { "describe", "it", "check", "expect", "fixture" }

local all = {}
for _, n in ipairs(api) do all[#all + 1] = n end
for _, n in ipairs(testing) do all[#all + 1] = n end

-- (Their lines hold prose: titles, advice, charter sentences.)
files["Policies"] = { read_globals = api, max_line_length = false }
files["Plugins"] = { read_globals = api, max_line_length = false }
files["Policies/*/tests"] = { read_globals = all, max_line_length = false }
files["Plugins/*/tests"] = { read_globals = all, max_line_length = false }
