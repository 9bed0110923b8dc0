/// The Lua side of the authoring API: the declaration functions (`policy`,
/// `threat`, `rule`, `indicator`, `classification`, `incident`, `reaction`,
/// `scenario`, `extend`, `disable`, `plugin`), the per-activity dispatcher
/// and the helpers the Swift engine calls (names starting with `__vigie_`).
///
/// It runs once in each policy environment, before the policy and its
/// plugins. Declarations are recorded with the file and line that made
/// them (`__vigie_where`, a Swift function, since the sandbox has no
/// `debug` library).
enum Prelude {
    static let fileName = "vigie/prelude.lua"

    static let source = #"""
local where = __vigie_where
__vigie_where = nil
local ENV = _ENV
local type, pairs, ipairs, error, pcall, tostring, setmetatable, select =
  type, pairs, ipairs, error, pcall, tostring, setmetatable, select
local fmt, lower = string.format, string.lower

-- Swift functions arrive as globals __vigie_fn_<library>_<name>: gather
-- them into their library tables (text.fold, pii.phones...).
do
  local bound = {}
  for k, v in pairs(ENV) do
    local lib, name = string.match(k, "^__vigie_fn_(%a+)_(.+)$")
    if lib then bound[#bound + 1] = { k, lib, name, v } end
  end
  table.sort(bound, function(a, b) return a[1] < b[1] end)
  for _, b in ipairs(bound) do
    ENV[b[1]] = nil
    local t = ENV[b[2]]
    if t == nil then t = {}; ENV[b[2]] = t end
    t[b[3]] = b[4]
  end
end
local lex = ENV.lex or {}
ENV.lex = nil

local SEVERITY = { info = 1, low = 2, medium = 3, high = 4, critical = 5 }
local SEVERITY_LIST = "info, low, medium, high, critical"

local reg = {
  policy = nil, plugin = nil,
  threats = {}, threat_list = {},
  rules = {}, rule_list = {},
  indicators = {}, indicator_list = {},
  incidents = {}, incident_list = {},
  reactions = {}, reaction_list = {},
  scenarios = {}, scenario_list = {},
  classification = nil,
  extends = {}, disables = {},
  exports = {},
}
local owner, owner_params = "policy", {}

-- Where the caller of the declaring function is: level 1 = the function
-- that calls at(), 2 = its caller, and so on.
local function at(level)
  local chunk, line = where(level + 2)
  return { file = chunk or "?", line = line or 0 }
end

local function fail(loc, msg)
  error(fmt("%s:%d: %s", loc.file, loc.line, msg), 0)
end

local function is_list_of_strings(v)
  -- a table, or a read-only view of host data (a plugin's list parameter)
  if type(v) ~= "table" and not (type(v) == "userdata" and getmetatable(v) == "read-only") then return false end
  for k, x in pairs(v) do
    if type(k) ~= "number" or type(x) ~= "string" then return false end
  end
  return true
end

local function strings(loc, what, v)
  if v == nil then return {} end
  if type(v) == "string" then return { v } end
  if not is_list_of_strings(v) then fail(loc, what .. " must be a list of identifiers, as in { \"a\", \"b\" }") end
  local copy = {}
  for i, x in ipairs(v) do copy[i] = x end
  return copy
end

local function text_field(loc, what, v)
  if v ~= nil and type(v) ~= "string" then fail(loc, what .. " must be a text (a string)") end
  return v
end

local function known_fields(loc, kind, id, spec, allowed)
  for k in pairs(spec) do
    if type(k) ~= "string" or not allowed[k] then
      local names = {}
      for n in pairs(allowed) do names[#names + 1] = n end
      table.sort(names)
      fail(loc, fmt('%s "%s": unknown field "%s"; the fields are %s', kind, id, tostring(k), table.concat(names, ", ")))
    end
  end
end

local function set(...)
  local s = {}
  for i = 1, select("#", ...) do s[select(i, ...)] = true end
  return s
end

local COMMON = { "title", "description", "charter" }

local function declarer(kind, store, list, allowed, build)
  for _, f in ipairs(COMMON) do allowed[f] = true end
  return function(id)
    local loc = at(1)
    if type(id) ~= "string" or id == "" then
      fail(loc, fmt('%s needs an identifier, as in %s "my-id" { ... }', kind, kind))
    end
    return function(spec)
      if type(spec) ~= "table" then
        fail(loc, fmt('%s "%s" needs a table after its identifier: %s "%s" { ... }', kind, id, kind, id))
      end
      local prev = store[id]
      if prev then
        fail(loc, fmt('%s "%s" is already declared at %s:%d; choose another identifier, or change it with extend "%s" { ... }',
          kind, id, prev.at.file, prev.at.line, id))
      end
      known_fields(loc, kind, id, spec, allowed)
      local d = { id = id, at = loc, owner = owner, params = owner_params, kind = kind,
        title = text_field(loc, "title", spec.title),
        description = text_field(loc, "description", spec.description),
        charter = text_field(loc, "charter", spec.charter) }
      build(d, spec, loc)
      store[id] = d
      list[#list + 1] = d
    end
  end
end

local function severity_of(loc, what, v, default)
  if v == nil then return default end
  if SEVERITY[v] == nil then fail(loc, fmt("%s: unknown severity %q; use one of %s", what, tostring(v), SEVERITY_LIST)) end
  return v
end

local function fn_field(loc, what, v, required)
  if v == nil then
    if required then fail(loc, what .. " is required: a function") end
    return nil
  end
  if type(v) ~= "function" then fail(loc, what .. " must be a function, got a " .. type(v)) end
  return v
end

local function score_field(loc, what, v)
  if v == nil then return 3 end
  if type(v) == "function" then return v end
  if math.type(v) ~= "integer" or v < 1 or v > 5 then
    fail(loc, what .. " must be an integer from 1 to 5 (or a function of the organisation)")
  end
  return v
end

-- Declarations ----------------------------------------------------------

function ENV.policy(spec)
  local loc = at(1)
  if type(spec) ~= "table" then fail(loc, "policy needs a table: policy { name = ..., version = ... }") end
  if owner ~= "policy" then fail(loc, "policy { ... } belongs in a policy's policy.lua, not in a plugin") end
  if reg.policy then fail(loc, fmt("policy { ... } is already declared at %s:%d", reg.policy.at.file, reg.policy.at.line)) end
  known_fields(loc, "policy", spec.name or "?", spec, set("name", "version", "language", "title", "description",
    "uses", "disable", "charter"))
  if type(spec.name) ~= "string" then fail(loc, "policy: name is required, as in name = \"my-client\"") end
  local lang = spec.language or "fr"
  if lang ~= "fr" and lang ~= "en" then fail(loc, "policy: language must be \"fr\" or \"en\"") end
  local uses = {}
  if spec.uses ~= nil then
    if type(spec.uses) ~= "table" then fail(loc, "policy: uses must be a table { plugin = { parameters } }") end
    for name, params in pairs(spec.uses) do
      if type(name) == "number" and type(params) == "string" then name, params = params, {} end
      if type(name) ~= "string" then fail(loc, "policy: uses keys must be plugin names") end
      if params == true then params = {} end
      if type(params) ~= "table" then
        fail(loc, fmt("policy: uses.%s must be a table of parameters (or {} for the defaults)", name))
      end
      local copy = {}
      for k, v in pairs(params) do copy[k] = v end
      uses[name] = copy
    end
  end
  reg.policy = { name = spec.name, version = text_field(loc, "version", spec.version) or "0.0.0", language = lang,
    title = text_field(loc, "title", spec.title), description = text_field(loc, "description", spec.description),
    charter = text_field(loc, "charter", spec.charter), uses = uses, at = loc }
  for _, id in ipairs(strings(loc, "policy: disable", spec.disable)) do
    reg.disables[#reg.disables + 1] = { id = id, at = loc }
  end
end

function ENV.plugin(spec)
  local loc = at(1)
  if type(spec) ~= "table" then fail(loc, "plugin needs a table: plugin { name = ..., version = ... }") end
  known_fields(loc, "plugin", spec.name or "?", spec, set("name", "version", "title", "description", "provides",
    "parameters", "charter"))
  reg.plugin = { spec = spec, at = loc }
end

ENV.threat = declarer("threat", reg.threats, reg.threat_list,
  set("actors", "assets", "channels", "likelihood", "impact", "applies", "issues"),
  function(d, spec, loc)
    d.actors = strings(loc, "threat: actors", spec.actors)
    d.assets = strings(loc, "threat: assets", spec.assets)
    d.channels = strings(loc, "threat: channels", spec.channels)
    d.issues = strings(loc, "threat: issues", spec.issues)
    d.likelihood = score_field(loc, "threat: likelihood", spec.likelihood)
    d.impact = score_field(loc, "threat: impact", spec.impact)
    d.applies = fn_field(loc, "threat: applies", spec.applies, false)
  end)

local function examples(loc, spec)
  local ex = spec.examples
  if ex == nil then return { flag = {}, pass = {} } end
  if type(ex) ~= "table" then fail(loc, "examples must be { flag = { ... }, pass = { ... } }") end
  for k in pairs(ex) do
    if k ~= "flag" and k ~= "pass" then fail(loc, fmt("examples: unknown key %q; use flag and pass", tostring(k))) end
  end
  local out = { flag = {}, pass = {} }
  for _, key in ipairs({ "flag", "pass" }) do
    for i, e in ipairs(ex[key] or {}) do
      if type(e) == "string" then
        out[key][i] = { text = e }
      elseif type(e) == "table" and type(e.text) == "string" then
        out[key][i] = { text = e.text, platform = e.platform, kind = e.kind, visibility = e.visibility,
          actor = e.actor, at = e.at }
      else
        fail(loc, fmt("examples.%s[%d] must be a text or a table { text = ..., platform = ... }", key, i))
      end
    end
  end
  return out
end

local RULE_FIELDS = set("severity", "mitigates", "check", "advice", "examples", "platforms", "kinds")
ENV.rule = declarer("rule", reg.rules, reg.rule_list, RULE_FIELDS, function(d, spec, loc)
  d.severity = severity_of(loc, fmt('rule "%s"', d.id), spec.severity, "medium")
  d.mitigates = strings(loc, "rule: mitigates", spec.mitigates)
  d.check = fn_field(loc, fmt('rule "%s": check', d.id), spec.check, true)
  d.advice = text_field(loc, "advice", spec.advice)
  d.examples = examples(loc, spec)
  d.platforms = strings(loc, "rule: platforms", spec.platforms)
  d.kinds = strings(loc, "rule: kinds", spec.kinds)
end)

ENV.indicator = declarer("indicator", reg.indicators, reg.indicator_list,
  set("severity", "mitigates", "observe", "state", "advice", "platforms", "kinds", "examples"),
  function(d, spec, loc)
    d.severity = severity_of(loc, fmt('indicator "%s"', d.id), spec.severity, "low")
    d.mitigates = strings(loc, "indicator: mitigates", spec.mitigates)
    d.check = fn_field(loc, fmt('indicator "%s": observe', d.id), spec.observe, true)
    d.state = fn_field(loc, "indicator: state", spec.state, false)
    d.advice = text_field(loc, "advice", spec.advice)
    d.platforms = strings(loc, "indicator: platforms", spec.platforms)
    d.kinds = strings(loc, "indicator: kinds", spec.kinds)
    d.examples = { flag = {}, pass = {} }
    d.indicator = true
  end)

ENV.incident = declarer("incident", reg.incidents, reg.incident_list, set("opened_by", "severity"),
  function(d, spec, loc)
    d.opened_by = strings(loc, "incident: opened_by", spec.opened_by)
    if #d.opened_by == 0 then fail(loc, fmt('incident "%s": opened_by must name at least one rule or indicator', d.id)) end
    d.severity = severity_of(loc, fmt('incident "%s"', d.id), spec.severity, "medium")
  end)

local function condition(loc, what, w)
  if w == nil or type(w) == "string" or type(w) == "function" then return w end
  if type(w) ~= "table" then fail(loc, what .. ": when must be an id, a table { any = ..., count = ... } or a function") end
  for k in pairs(w) do
    if k ~= "any" and k ~= "all" and k ~= "count" and k ~= "min_severity" then
      fail(loc, fmt("%s: unknown key %q in when; use any, all, count, min_severity", what, tostring(k)))
    end
  end
  local c = { any = w.any and strings(loc, what .. ": when.any", w.any), all = w.all and strings(loc, what .. ": when.all", w.all),
    count = w.count or 1, min_severity = w.min_severity and severity_of(loc, what, w.min_severity) }
  return c
end

ENV.reaction = declarer("reaction", reg.reactions, reg.reaction_list, set("on", "answers", "steps"),
  function(d, spec, loc)
    if type(spec.on) ~= "string" then fail(loc, fmt('reaction "%s": on must name an incident', d.id)) end
    d.on = spec.on
    d.answers = strings(loc, "reaction: answers", spec.answers)
    if type(spec.steps) ~= "table" or #spec.steps == 0 then
      fail(loc, fmt('reaction "%s": steps must list at least one step { id = ..., advice = ... }', d.id))
    end
    d.steps = {}
    local seen = {}
    for i, s in ipairs(spec.steps) do
      local what = fmt('reaction "%s", step %d', d.id, i)
      if type(s) ~= "table" or type(s.id) ~= "string" then fail(loc, what .. ": a step is a table with an id") end
      if seen[s.id] then fail(loc, fmt('%s: the step id "%s" is used twice', what, s.id)) end
      seen[s.id] = true
      for k in pairs(s) do
        if not ({ id = 1, title = 1, advice = 1, when = 1, record_reasons = 1, reasons = 1, close = 1 })[k] then
          fail(loc, fmt("%s: unknown field %q; the fields are id, title, advice, when, record_reasons, reasons, close", what, tostring(k)))
        end
      end
      if s.reasons ~= nil and type(s.reasons) ~= "string" and type(s.reasons) ~= "function" then
        fail(loc, what .. ": reasons must be a text or a function(incident, events)")
      end
      d.steps[i] = { id = s.id, title = text_field(loc, "title", s.title), advice = text_field(loc, "advice", s.advice),
        when = condition(loc, what, s.when), record_reasons = s.record_reasons == true, reasons = s.reasons,
        close = s.close == true }
    end
  end)

ENV.scenario = declarer("scenario", reg.scenarios, reg.scenario_list,
  set("actor", "platform", "timeline", "reaction"),
  function(d, spec, loc)
    local a = spec.actor
    if type(a) == "string" then a = { id = a } end
    if type(a) ~= "table" or type(a.id) ~= "string" then
      fail(loc, fmt('scenario "%s": actor must be an id or { id = ..., kind = "client", name = ... }', d.id))
    end
    d.actor = { id = a.id, kind = a.kind, name = a.name, handle = a.handle }
    d.platform = spec.platform or "facebook"
    if spec.reaction ~= nil and type(spec.reaction) ~= "string" then
      fail(loc, fmt('scenario "%s": reaction must be a reaction id, whose steps the expectations name', d.id))
    end
    d.reaction = spec.reaction
    if type(spec.timeline) ~= "table" or #spec.timeline == 0 then
      fail(loc, fmt('scenario "%s": timeline must list events { at = ..., text = ... }', d.id))
    end
    d.timeline = {}
    for i, e in ipairs(spec.timeline) do
      if type(e) ~= "table" or type(e.text) ~= "string" then
        fail(loc, fmt('scenario "%s": timeline[%d] needs a text', d.id, i))
      end
      d.timeline[i] = { at = e.at, text = e.text, platform = e.platform, kind = e.kind, visibility = e.visibility,
        expect = e.expect, note = e.note }
    end
  end)

function ENV.classification(spec)
  local loc = at(1)
  if type(spec) ~= "table" then fail(loc, "classification needs a table { levels = ..., markers = ..., channels = ... }") end
  if reg.classification then
    fail(loc, fmt("classification { ... } is already declared at %s:%d", reg.classification.at.file, reg.classification.at.line))
  end
  known_fields(loc, "classification", "", spec, set("levels", "markers", "channels", "title", "description", "charter"))
  local levels = strings(loc, "classification: levels", spec.levels or { "public", "internal", "confidential", "secret" })
  local rank = {}
  for i, l in ipairs(levels) do rank[l] = i end
  local markers = {}
  for level, list in pairs(spec.markers or {}) do
    if not rank[level] then fail(loc, fmt("classification: markers for unknown level %q; the levels are %s", tostring(level), table.concat(levels, ", "))) end
    markers[level] = strings(loc, "classification: markers." .. level, list)
  end
  local channels = {}
  for ch, level in pairs(spec.channels or {}) do
    if not rank[level] then fail(loc, fmt("classification: channel %q allows unknown level %q", tostring(ch), tostring(level))) end
    channels[ch] = level
  end
  reg.classification = { levels = levels, rank = rank, markers = markers, channels = channels, at = loc,
    title = spec.title, description = spec.description, charter = spec.charter }
end

function ENV.extend(id)
  local loc = at(1)
  if type(id) ~= "string" then fail(loc, 'extend needs the identifier of a declaration: extend "rule-id" { ... }') end
  return function(spec)
    if type(spec) ~= "table" then fail(loc, fmt('extend "%s" needs a table of fields to change', id)) end
    reg.extends[#reg.extends + 1] = { id = id, spec = spec, at = loc, owner = owner }
  end
end

function ENV.disable(id)
  local loc = at(1)
  for _, x in ipairs(type(id) == "table" and id or { id }) do
    if type(x) ~= "string" then fail(loc, "disable needs identifiers: disable \"rule-id\" or disable { \"a\", \"b\" }") end
    reg.disables[#reg.disables + 1] = { id = x, at = loc }
  end
end

-- Plugins' exports: plugins.<name> is what the plugin's init.lua returned.
ENV.plugins = setmetatable({}, { __index = reg.exports, __newindex = function()
  error("plugins is read-only: a plugin exports what its init.lua returns", 2) end })

-- Text helpers written in Lua --------------------------------------------

local text = ENV.text or {}
ENV.text = text

-- Lexicons: Swift holds the terms (fast with tens of thousands of them);
-- Lua holds a small object with methods.
local Lexicon = {}
Lexicon.__index = Lexicon
Lexicon.__name = "lexicon"
function Lexicon:matches(s)
  if type(s) ~= "string" then error("lexicon:matches expects a text", 2) end
  return lex.match(self.__id, s)
end
function Lexicon:contains(s)
  if type(s) ~= "string" then error("lexicon:contains expects a text", 2) end
  return lex.contains(self.__id, s)
end
function Lexicon:count() return self.__count end
Lexicon.__len = function(self) return self.__count end

-- text.lexicon { "term", { term = "...", category = "...", weight = 2 }, whole_words = true }
function text.lexicon(spec)
  if type(spec) ~= "table" then error("text.lexicon expects a table of terms", 2) end
  local terms = {}
  for i, t in ipairs(spec) do
    if type(t) == "string" then
      terms[i] = { term = t }
    elseif type(t) == "table" and type(t.term) == "string" then
      terms[i] = { term = t.term, category = t.category, weight = t.weight, language = t.language }
    else
      error(fmt("text.lexicon: term %d must be a text or { term = ..., category = ... }", i), 2)
    end
  end
  local id, count = lex.new(terms, spec.whole_words ~= false)
  return setmetatable({ __id = id, __count = count }, Lexicon)
end

local vocab_cache = {}
-- vocab("insult") -> the built-in lexicon of that name (fr + en)
local function vocab(name)
  local v = vocab_cache[name]
  if v then return v end
  local id, count = lex.vocabulary(name)
  if id == nil then
    error(fmt("vocab: no vocabulary named %q; the vocabularies are %s", tostring(name), table.concat(lex.vocabularies(), ", ")), 2)
  end
  v = setmetatable({ __id = id, __count = count }, Lexicon)
  vocab_cache[name] = v
  return v
end
ENV.vocab = setmetatable({}, { __call = function(_, name) return vocab(name) end,
  __index = function(_, k) if k == "names" then return lex.vocabularies() end end })
text.__lexicon_matches = function(id, s) return lex.match(id, s) end
-- Byte positions (as string.find gives) to a scalar span { start, stop }.
function text.span(s, i, j, label)
  local start = utf8.len(s, 1, i - 1) or (i - 1)
  local stop = utf8.len(s, 1, j) or j
  return { start = start, stop = stop, label = label, text = s:sub(i, j) }
end

-- dates.find(s [, reference]) and dates.absences(s [, reference]): the
-- reference is a post (its time and zone) or seconds since 1970.
do
  local dates = ENV.dates
  if dates then
    local find, absences = dates.find, dates.absences
    local function ref(r, off)
      if type(r) == "userdata" or type(r) == "table" then return r.time, r.utc_offset end
      return r, off
    end
    dates.find = function(s, r, off) local t, o = ref(r, off); return find(s, t, o) end
    dates.absences = function(s, r, off) local t, o = ref(r, off); return absences(s, t, o) end
  end
end

-- geo.points(post): the positions a post gives away (EXIF of its
-- attachments, tagged place), as { lat, lon, source, attachment }.
ENV.geo = {
  points = function(post)
    local out = {}
    for i, a in ipairs(post.attachments or {}) do
      local l = a.location
      if l then out[#out + 1] = { lat = l.lat, lon = l.lon, source = "exif", attachment = i } end
    end
    local p = post.place
    if p and p.location then out[#out + 1] = { lat = p.location.lat, lon = p.location.lon, source = "place" } end
    return out
  end,
  -- Distance in metres between two points { lat, lon } (haversine).
  distance = function(a, b)
    local r = 6371000
    local rad = math.pi / 180
    local dlat, dlon = (b.lat - a.lat) * rad, (b.lon - a.lon) * rad
    local h = math.sin(dlat / 2) ^ 2 + math.cos(a.lat * rad) * math.cos(b.lat * rad) * math.sin(dlon / 2) ^ 2
    return 2 * r * math.asin(math.min(1, math.sqrt(h)))
  end,
}

-- The organisation profile ------------------------------------------------

local profile = nil
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
local org = setmetatable({}, { __index = function(_, k)
  local m = Org[k]
  if m ~= nil then return m end
  if profile then return profile[k] end
  return nil
end, __newindex = function() error("the organisation profile is read-only", 2) end })
ENV.org = org

function ENV.__vigie_set_profile(p)
  profile = p
end

-- Loading plugins ---------------------------------------------------------

function ENV.__vigie_begin(name, params)
  owner, owner_params = name, params or {}
  reg.plugin = nil
end

function ENV.__vigie_manifest()
  local p = reg.plugin
  reg.plugin = nil
  if not p then return nil end
  local s = p.spec
  local params = {}
  for k, v in pairs(s.parameters or {}) do
    if type(v) == "table" then
      params[k] = { type = v.type, default = v.default, description = v.description, values = v.values,
        min = v.min, max = v.max }
    else
      params[k] = { type = "?" .. type(v) }
    end
  end
  local provides = {}
  for k, v in pairs(s.provides or {}) do provides[k] = v end
  return { name = s.name, version = s.version, title = s.title, description = s.description, charter = s.charter,
    provides = provides, parameters = params, requires = s.requires, file = p.at.file, line = p.at.line }
end

-- Runs a plugin's init.lua (through require) with its parameters: the
-- global params holds them while the plugin loads; rules read ctx.params.
function ENV.__vigie_load_plugin(name, params, has_init)
  owner, owner_params = name, params or {}
  ENV.params = owner_params
  local m = nil
  if has_init then m = require(name) end
  if type(m) == "table" then reg.exports[name] = m end
  ENV.params = nil
  owner, owner_params = "policy", {}
end

-- Finalising: extends, disables, active lists ------------------------------

local active = {}       -- rules then indicators, in declaration order
local n_rules = 0
local lookup = function(id)
  return reg.rules[id] or reg.indicators[id] or reg.threats[id] or reg.reactions[id] or reg.incidents[id]
    or reg.scenarios[id]
end

local EXTEND_FIELDS = set("severity", "advice", "mitigates", "add_mitigates", "title", "description", "charter",
  "check", "observe", "enabled", "likelihood", "impact", "applies", "answers", "steps", "opened_by", "examples",
  "platforms", "kinds")

function ENV.__vigie_finalize()
  local problems = {}
  for _, x in ipairs(reg.extends) do
    local d = lookup(x.id)
    if not d then
      problems[#problems + 1] = fmt('%s:%d: extend "%s": nothing is declared with this identifier; check the name (plugins\' declarations are listed by vigie lint)', x.at.file, x.at.line, x.id)
    else
      for k, v in pairs(x.spec) do
        if not EXTEND_FIELDS[k] then
          problems[#problems + 1] = fmt('%s:%d: extend "%s": field "%s" cannot be changed', x.at.file, x.at.line, x.id, tostring(k))
        elseif k == "severity" and SEVERITY[v] == nil then
          problems[#problems + 1] = fmt('%s:%d: extend "%s": unknown severity %q; use one of %s', x.at.file, x.at.line, x.id, tostring(v), SEVERITY_LIST)
        elseif k == "add_mitigates" then
          for _, t in ipairs(strings(x.at, "add_mitigates", v)) do d.mitigates[#d.mitigates + 1] = t end
        elseif k == "observe" then
          d.check = v
        elseif k == "enabled" then
          d.disabled = (v == false)
        elseif k == "examples" then
          d.examples = examples(x.at, x.spec)
        elseif k == "mitigates" or k == "answers" or k == "opened_by" or k == "platforms" or k == "kinds" then
          d[k] = strings(x.at, k, v)
        else
          d[k] = v
        end
      end
      d.extended_at = x.at
    end
  end
  for _, x in ipairs(reg.disables) do
    local d = lookup(x.id)
    if not d then
      problems[#problems + 1] = fmt('%s:%d: disable "%s": nothing is declared with this identifier; check the name', x.at.file, x.at.line, x.id)
    else
      d.disabled = true
    end
  end
  active, n_rules = {}, 0
  for _, d in ipairs(reg.rule_list) do
    if not d.disabled then active[#active + 1] = d; n_rules = n_rules + 1 end
  end
  for _, d in ipairs(reg.indicator_list) do
    if not d.disabled then
      active[#active + 1] = d
      d.states, d.nstates, d.clock = {}, 0, 0
    end
  end
  -- Whether a rule looks at the platform or kind before it runs (most do not).
  for _, d in ipairs(active) do d.filtered = #d.platforms > 0 or #d.kinds > 0 end
  return problems
end

-- A data-only snapshot of the declarations, for the Swift side.
local function loc_of(d) return { file = d.at.file, line = d.at.line } end
local function steps_of(r)
  local out = {}
  for i, s in ipairs(r.steps) do
    local w = s.when
    local when
    if type(w) == "string" then when = { ids = { w }, count = 1 }
    elseif type(w) == "table" then when = { ids = w.any or w.all, all = w.all ~= nil, count = w.count, min_severity = w.min_severity }
    elseif type(w) == "function" then when = { custom = true } end
    out[i] = { id = s.id, title = s.title, advice = s.advice, when = when, record_reasons = s.record_reasons,
      close = s.close, reasons = type(s.reasons) == "string" and s.reasons or nil }
  end
  return out
end

function ENV.__vigie_export()
  local out = { policy = reg.policy, threats = {}, rules = {}, indicators = {}, incidents = {}, reactions = {},
    scenarios = {}, classification = nil }
  if reg.policy then
    out.policy = { name = reg.policy.name, version = reg.policy.version, language = reg.policy.language,
      title = reg.policy.title, description = reg.policy.description, charter = reg.policy.charter,
      file = reg.policy.at.file, line = reg.policy.at.line, uses = reg.policy.uses }
  end
  for _, d in ipairs(reg.threat_list) do
    out.threats[#out.threats + 1] = { id = d.id, title = d.title, description = d.description, charter = d.charter,
      owner = d.owner, at = loc_of(d), actors = d.actors, assets = d.assets, channels = d.channels, issues = d.issues,
      likelihood = type(d.likelihood) == "number" and d.likelihood or nil,
      impact = type(d.impact) == "number" and d.impact or nil, disabled = d.disabled }
  end
  for _, list in ipairs({ { reg.rule_list, out.rules }, { reg.indicator_list, out.indicators } }) do
    for _, d in ipairs(list[1]) do
      list[2][#list[2] + 1] = { id = d.id, title = d.title, description = d.description, charter = d.charter,
        owner = d.owner, at = loc_of(d), severity = d.severity, mitigates = d.mitigates, advice = d.advice,
        examples = d.examples, disabled = d.disabled, platforms = d.platforms, kinds = d.kinds,
        extended_at = d.extended_at and loc_of({ at = d.extended_at }) or nil }
    end
  end
  for _, d in ipairs(reg.incident_list) do
    out.incidents[#out.incidents + 1] = { id = d.id, title = d.title, description = d.description, charter = d.charter,
      owner = d.owner, at = loc_of(d), opened_by = d.opened_by, severity = d.severity, disabled = d.disabled }
  end
  for _, d in ipairs(reg.reaction_list) do
    out.reactions[#out.reactions + 1] = { id = d.id, title = d.title, description = d.description, charter = d.charter,
      owner = d.owner, at = loc_of(d), on = d.on, answers = d.answers, steps = steps_of(d), disabled = d.disabled }
  end
  for _, d in ipairs(reg.scenario_list) do
    out.scenarios[#out.scenarios + 1] = { id = d.id, title = d.title, description = d.description,
      owner = d.owner, at = loc_of(d), actor = d.actor, platform = d.platform, timeline = d.timeline,
      reaction = d.reaction }
  end
  local c = reg.classification
  if c then
    out.classification = { levels = c.levels, markers = c.markers, channels = c.channels, file = c.at.file,
      line = c.at.line, title = c.title, description = c.description, charter = c.charter }
  end
  return out
end

-- Classification ------------------------------------------------------------

local DEFAULT_LEVELS = { "public", "internal", "confidential", "secret" }
local classifier = nil   -- set by the Swift side: a lexicon of markers

function ENV.__vigie_set_classifier(lex_id, marker_levels)
  classifier = { lex = lex_id, levels = marker_levels }
end

local function levels() return reg.classification and reg.classification.levels or DEFAULT_LEVELS end
local function rank_of(level)
  for i, l in ipairs(levels()) do if l == level then return i end end
  return nil
end

-- classify(s) -> { level = ..., rank = ..., matches = { ... } } or nil
function ENV.classify(s)
  if type(s) ~= "string" and (type(s) == "table" or type(s) == "userdata") then s = s.text end
  if classifier == nil or type(s) ~= "string" then return nil end
  local matches = text.__lexicon_matches(classifier.lex, s)
  local best, best_rank = nil, 0
  for _, m in ipairs(matches) do
    local level = classifier.levels[m.category or ""] or m.category
    m.level = level
    local r = rank_of(level) or 0
    if r > best_rank then best, best_rank = level, r end
  end
  if best == nil then return nil end
  return { level = best, rank = best_rank, matches = matches }
end

-- The highest level a channel may carry (platform, visibility or kind), or nil.
function ENV.allowed_level(post)
  local c = reg.classification
  if not c then return nil end
  local ch = c.channels
  local candidates = { post.kind, post.visibility, post.platform and (post.platform .. ":" .. (post.visibility or "")), post.platform }
  for _, k in ipairs(candidates) do
    if k and ch[k] then return ch[k], rank_of(ch[k]) end
  end
  if ch["*"] then return ch["*"], rank_of(ch["*"]) end
  return nil
end

-- Checking one activity ------------------------------------------------------

local out = {}
local cursor = 0
local current = nil
local cur_post = nil

local function add_spans(ev, acc)
  local tp = type(ev)
  if tp ~= "table" and tp ~= "userdata" then
    error("ctx:flag: evidence must be a match (a table with start and stop) or a list of matches", 3)
  end
  local s = ev.start
  if s ~= nil then
    local e = ev.stop
    if e == nil then e = ev["end"] end
    if math.type(s) ~= "integer" or math.type(e) ~= "integer" then
      error("ctx:flag: evidence start and stop must be integers (Unicode scalar offsets into post.text)", 3)
    end
    acc[#acc + 1] = { s, e, ev.label or ev.kind }
  else
    for _, x in ipairs(ev) do add_spans(x, acc) end
  end
end

local Ctx = {}
Ctx.__index = Ctx
function Ctx:flag(f)
  local rec = { i = cursor }
  if f ~= nil then
    if type(f) ~= "table" then error("ctx:flag expects a table { evidence = ..., advice = ... } or nothing", 2) end
    if f.evidence ~= nil then
      local acc = {}
      add_spans(f.evidence, acc)
      rec.ev = acc
    end
    if f.advice ~= nil then rec.advice = tostring(f.advice) end
    if f.severity ~= nil then
      if SEVERITY[f.severity] == nil then error(fmt("ctx:flag: unknown severity %q; use one of %s", tostring(f.severity), SEVERITY_LIST), 2) end
      rec.severity = f.severity
    end
    if f.note ~= nil then rec.note = tostring(f.note) end
  end
  out[#out + 1] = rec
end
Ctx.signal = Ctx.flag
local ctx = setmetatable({ org = org }, Ctx)
ENV.__vigie_ctx = nil

local function applies(d, post)
  local p = d.platforms
  if #p > 0 then
    local ok = false
    for _, x in ipairs(p) do if x == post.platform then ok = true break end end
    if not ok then return false end
  end
  local k = d.kinds
  if #k > 0 then
    local ok = false
    for _, x in ipairs(k) do if x == post.kind then ok = true break end end
    if not ok then return false end
  end
  return true
end

local MAX_ACTORS = 10000

local function actor_key(post)
  local a = post.actor
  if a ~= nil then return a.id end
  local au = post.author
  return (au.platform or "?") .. ":" .. (au.handle or au.id or au.name or "?")
end

-- The person key of the post being checked, computed once for all its
-- indicators (reset by __vigie_check).
local cur_key = nil

local function state_for(d, post)
  local key = cur_key
  if key == nil then
    key = actor_key(post)
    cur_key = key
  end
  local states = d.states
  local entry = states[key]
  d.clock = d.clock + 1
  if entry == nil then
    if d.nstates >= MAX_ACTORS then
      local oldest, oldest_t = nil, math.huge
      for k, e in pairs(states) do if e.t < oldest_t then oldest, oldest_t = k, e.t end end
      states[oldest] = nil
      d.nstates = d.nstates - 1
    end
    local initial = d.state and d.state() or {}
    entry = { s = initial, t = d.clock }
    states[key] = entry
    d.nstates = d.nstates + 1
  end
  entry.t = d.clock
  return entry.s
end

-- Runs the active rules and indicators on one post, from index `from`
-- (after a limit stopped the previous call); only `only` if given.
function ENV.__vigie_check(post, from, only)
  out = {}
  ENV.__vigie_out = out
  ENV.__vigie_cursor = nil
  cur_post = post
  cur_key = nil
  ctx.post = post
  ctx.actor = post.actor
  local first, last = from or 1, #active
  if only then first, last = only, only end
  -- No pcall per rule: an error in a rule (like a limit) ends this call;
  -- the host records it against the rule at the cursor and calls again
  -- from the next rule.
  for i = first, last do
    local d = active[i]
    if not d.filtered or applies(d, post) then
      cursor = i
      ENV.__vigie_cursor = i
      ctx.rule = d.id
      ctx.params = d.params
      if d.indicator then
        d.check(post, state_for(d, post), ctx)
      else
        d.check(post, ctx)
      end
    end
  end
  ENV.__vigie_cursor = nil
  -- Nothing flagged (most activities): nil, which the host reads back
  -- without building an empty table.
  if out[1] == nil then return nil end
  return out
end

function ENV.__vigie_active()
  local ids = {}
  for i, d in ipairs(active) do ids[i] = d.id end
  return ids, n_rules
end

-- Forgets the indicators' per-actor state (a new run).
function ENV.__vigie_reset()
  for _, d in ipairs(active) do if d.indicator then d.states, d.nstates, d.clock = {}, 0, 0 end end
end

-- Policy tests: describe / it / check / expect ----------------------------------

local tests, test_prefix = {}, {}
local test_clock = 0
-- Rules and indicators that flagged in a test's check(): what the tests cover.
local tested = {}

function ENV.describe(name, body)
  if type(name) ~= "string" or type(body) ~= "function" then
    error('describe needs a name and a function: describe("...", function() ... end)', 2)
  end
  test_prefix[#test_prefix + 1] = name
  body()
  test_prefix[#test_prefix] = nil
end

function ENV.it(name, body)
  if type(name) ~= "string" or type(body) ~= "function" then
    error('it needs a name and a function: it("...", function() ... end)', 2)
  end
  local full = name
  if #test_prefix > 0 then full = table.concat(test_prefix, " › ") .. " › " .. name end
  tests[#tests + 1] = { name = full, body = body, at = at(1) }
end

local function make_post(spec)
  if type(spec) == "string" then spec = { text = spec } end
  if type(spec) ~= "table" or type(spec.text) ~= "string" then
    error('check needs a text or { text = ..., platform = ..., actor = ... }', 3)
  end
  test_clock = test_clock + 1
  local t = spec.time or 1767607200 -- 2026-01-05T10:00:00Z, a Monday
  local offset = spec.utc_offset or 0
  local d = os.date("!*t", t + offset)
  local platform = spec.platform or "facebook"
  local actor = spec.actor
  if type(actor) == "string" then
    local p = org:person(actor)
    -- an id that names a kind ("employee", "client"…) stands for someone of that kind
    local KINDS = { employee = true, client = true, ["former-client"] = true, competitor = true, stranger = true,
                    ["public-figure"] = true, organisation = true }
    actor = { id = actor, kind = p and p.kind or (KINDS[actor] and actor) or "stranger", name = p and p.name }
  end
  return {
    id = spec.id or ("test:" .. test_clock), kind = spec.kind or "post", platform = platform,
    author = spec.author or { platform = platform, handle = spec.handle or "test" }, actor = actor,
    time = t, timestamp = os.date("!%Y-%m-%dT%H:%M:%SZ", t), utc_offset = offset,
    hour = d.hour, minute = d.min, weekday = (d.wday + 5) % 7 + 1,
    visibility = spec.visibility or "public", text = spec.text, folded = text.fold(spec.text),
    sensitive = false, mentions = spec.mentions or {}, hashtags = spec.hashtags or {}, links = spec.links or {},
    attachments = spec.attachments or {}, place = spec.place,
  }
end

-- check("text") or check { text, platform, kind, visibility, actor, time, ... }:
-- runs the active rules and indicators on a made-up post; returns
-- { flags = { rule ids }, findings = { { rule, evidence, advice, severity } }, errors = { ... } }.
function ENV.check(spec)
  local post = make_post(spec)
  local saved_out = out
  local records = ENV.__vigie_check(post) or {}
  out = saved_out
  local r = { flags = {}, findings = {}, errors = {}, post = post }
  for _, rec in ipairs(records) do
    local d = active[rec.i]
    if rec.err then
      r.errors[#r.errors + 1] = d.id .. ": " .. rec.err
    else
      r.flags[#r.flags + 1] = d.id
      tested[d.id] = true
      r.findings[#r.findings + 1] = { rule = d.id, evidence = rec.ev, advice = rec.advice or d.advice,
        severity = rec.severity or d.severity }
    end
  end
  return r
end

local function describe_value(v)
  if type(v) == "string" then return fmt("%q", v) end
  if type(v) == "table" then
    local parts = {}
    for i, x in ipairs(v) do parts[i] = describe_value(x) end
    return "{ " .. table.concat(parts, ", ") .. " }"
  end
  return tostring(v)
end

local function has(list, x)
  for _, y in ipairs(list) do if y == x then return true end end
  return false
end

local function text_of(result)
  local post = type(result) == "table" and result.post
  if post and post.text then return fmt(" — text «%s»", post.text) end
  return ""
end

function ENV.expect(actual)
  local e = {}
  function e.to_flag(id)
    if type(actual) ~= "table" or actual.flags == nil then error("expect(...).to_flag needs the result of check(...)", 2) end
    if #actual.errors > 0 then error("rule error: " .. actual.errors[1] .. text_of(actual), 2) end
    if id == nil then
      if #actual.flags == 0 then error("expected a finding, got none" .. text_of(actual), 2) end
    elseif not has(actual.flags, id) then
      error(fmt("expected a finding of %q, got %s%s", id,
        #actual.flags == 0 and "none" or "only " .. describe_value(actual.flags), text_of(actual)), 2)
    end
  end
  function e.to_pass(id)
    if type(actual) ~= "table" or actual.flags == nil then error("expect(...).to_pass needs the result of check(...)", 2) end
    if #actual.errors > 0 then error("rule error: " .. actual.errors[1] .. text_of(actual), 2) end
    if id == nil then
      if #actual.flags > 0 then error("expected no finding, got " .. describe_value(actual.flags) .. text_of(actual), 2) end
    elseif has(actual.flags, id) then
      error(fmt("expected no finding of %q, got one%s", id, text_of(actual)), 2)
    end
  end
  function e.to_equal(expected)
    if actual ~= expected then error(fmt("expected %s, got %s", describe_value(expected), describe_value(actual)), 2) end
  end
  function e.to_be_truthy()
    if not actual then error("expected a true value, got " .. describe_value(actual), 2) end
  end
  return e
end

-- The rules and indicators that flagged in tests since the last call.
function ENV.__vigie_tested()
  local list = {}
  for id in pairs(tested) do list[#list + 1] = id end
  table.sort(list)
  tested = {}
  return list
end

-- The tests declared so far: { name, file, line }.
function ENV.__vigie_tests()
  local list = {}
  for i, t in ipairs(tests) do list[i] = { name = t.name, file = t.at.file, line = t.at.line } end
  return list
end

-- Runs test i in a fresh indicator history; returns ok, message.
function ENV.__vigie_run_test(i)
  local t = tests[i]
  ENV.__vigie_reset()
  local ok, err = pcall(t.body)
  ENV.__vigie_reset()
  if ok then return true end
  return false, tostring(err)
end

function ENV.__vigie_clear_tests()
  tests = {}
end

-- Analysis ------------------------------------------------------------------------

local function eval_score(v)
  if type(v) == "function" then
    local ok, r = pcall(v, org)
    if not ok then return nil, tostring(r) end
    if math.type(r) ~= "integer" or r < 1 or r > 5 then return nil, "must return an integer from 1 to 5" end
    return r
  end
  return v
end

function ENV.__vigie_analyse()
  local res = {}
  for i, d in ipairs(reg.threat_list) do
    local r = { id = d.id }
    local ok, a, why = true, true, nil
    if d.applies then
      ok, a, why = pcall(d.applies, org)
    elseif #d.channels > 0 and profile then
      -- Without applies: the threat concerns the organisation when it uses
      -- one of the threat's channels.
      a = false
      for _, ch in ipairs(d.channels) do if org:uses(ch) then a = true end end
      if not a then why = "channels not used: " .. table.concat(d.channels, ", ") end
    end
    if not ok then
      r.err = tostring(a)
      r.applies = true
    else
      r.applies = a ~= false and a ~= nil
      if why ~= nil then r.why = tostring(why) end
    end
    local l, le = eval_score(d.likelihood)
    local m, me = eval_score(d.impact)
    r.likelihood, r.impact = l, m
    if le or me then r.err = r.err or (le and ("likelihood: " .. le)) or ("impact: " .. me) end
    res[i] = r
  end
  return res
end

-- Reactions -------------------------------------------------------------------------

-- Whether step `si` of reaction `rid` applies, given the incident and the
-- events seen since its current step. Returns ok, reason text.
function ENV.__vigie_when(rid, si, incident, events)
  local r = reg.reactions[rid]
  local s = r and r.steps[si]
  if not s then return false end
  local w = s.when
  local ok, reason = false, nil
  if w == nil then
    ok = #events > 0
  elseif type(w) == "string" then
    for _, e in ipairs(events) do if e.id == w then ok = true break end end
  elseif type(w) == "function" then
    local good, a, b = pcall(w, incident, events)
    if not good then error(a, 0) end
    ok, reason = a == true, b
  else
    local n, seen = 0, {}
    local min = w.min_severity and SEVERITY[w.min_severity] or 0
    for _, e in ipairs(events) do
      if (SEVERITY[e.severity] or 0) >= min then
        if w.any then
          for _, id in ipairs(w.any) do if e.id == id then n = n + 1 break end end
        elseif w.all then
          seen[e.id] = true
        else
          n = n + 1
        end
      end
    end
    if w.all then
      ok = true
      for _, id in ipairs(w.all) do if not seen[id] then ok = false end end
    else
      ok = n >= (w.count or 1)
    end
  end
  if ok and s.reasons ~= nil then
    if type(s.reasons) == "function" then
      local good, text_ = pcall(s.reasons, incident, events)
      if not good then error(text_, 0) end
      reason = text_ ~= nil and tostring(text_) or reason
    else
      reason = s.reasons
    end
  end
  return ok, reason
end
"""#
}
