-- Declarations: policy, plugin, threat, rule, indicator, incident,
-- reaction, scenario, classification, extend, disable. Each records the
-- file and line that made it. Then the finishing step (extends, disables,
-- the active rules) and the data-only snapshot the host reads.
--
-- While a policy and its plugins load, a malformed declaration does not
-- stop the load: its problem is kept (and the declaration dropped), so
-- that the host reports every such mistake at once. Afterwards (the
-- REPL's prompt) a mistake is an error at once. A mistake points at the
-- line of the faulty field when the host can find it in the source.

local E = ...
local api = E.api
local type, pairs, ipairs, error, tostring, select, getmetatable, pcall =
  type, pairs, ipairs, error, tostring, select, getmetatable, pcall
local fmt = string.format
local concat, sort = table.concat, table.sort
local mtype = math.type
local where = E.host.where

local SEVERITY = { info = 1, low = 2, medium = 3, high = 4, critical = 5 }
local SEVERITY_LIST = "info, low, medium, high, critical"
E.SEVERITY, E.SEVERITY_LIST = SEVERITY, SEVERITY_LIST

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
E.reg = reg

-- Who is declaring: the policy, or the plugin being loaded (plugins.lua).
local owner, owner_params = "policy", {}
function E.set_owner(name, params)
  owner, owner_params = name, params or {}
end

-- Where the caller of the declaring function is: level 1 = the function
-- that calls at(), 2 = its caller, and so on.
local function at(level)
  local chunk, line = where(level + 2)
  return { file = chunk or "?", line = line or 0 }
end
E.at = at

-- The line of `field` inside the declaration made at `loc` (and, with
-- `needle`, of that text inside the field), from the host's reading of
-- the source; `loc` itself when the host cannot tell.
local src_field = E.host.src and E.host.src.field
local function field_at(loc, field, needle)
  if field == nil or src_field == nil then return loc end
  local line = src_field(loc.file, loc.line, field, needle)
  if line and line > 0 then return { file = loc.file, line = line } end
  return loc
end
E.field_at = field_at

local function fail(loc, msg, field, needle)
  loc = field_at(loc, field, needle)
  error(fmt("%s:%d: %s", loc.file, loc.line, msg), 0)
end
E.fail = fail

-- Whether the policy and its plugins are still loading (mistakes are kept
-- and reported together), and the mistakes kept so far.
E.loading = true
local problems = {}
-- Bumped by every declaration, extend and disable: the host refreshes its
-- view of the declarations when it moved (declarations made at the REPL).
local generation, finalized_generation = 0, -1

local function is_list_of_strings(v)
  -- a table, or a read-only view of host data (a plugin's list parameter)
  if type(v) ~= "table" and not (type(v) == "userdata" and getmetatable(v) == "read-only") then return false end
  for k, x in pairs(v) do
    if type(k) ~= "number" or type(x) ~= "string" then return false end
  end
  return true
end

local function strings(loc, what, v, field)
  if v == nil then return {} end
  if type(v) == "string" then return { v } end
  if not is_list_of_strings(v) then fail(loc, what .. " must be a list of identifiers, as in { \"a\", \"b\" }", field) end
  local copy = {}
  for i, x in ipairs(v) do copy[i] = x end
  return copy
end
E.strings = strings

-- A text is a string, or the same text in French and English
-- ({ fr = "...", en = "..." }): the policy's language picks one (the other
-- when that one is missing), so that a plugin speaks its user's language.
local function text_field(loc, what, v, field)
  -- field: where to point (default: `what`; false: the location as given)
  if field == nil then field = what elseif field == false then field = nil end
  if v == nil or type(v) == "string" then return v end
  if type(v) == "table" and (type(v.fr) == "string" or type(v.en) == "string") then
    for k, x in pairs(v) do
      if (k ~= "fr" and k ~= "en") or type(x) ~= "string" then
        fail(loc, fmt('%s in two languages is { fr = "...", en = "..." }; %s is not a language of Vigie\'s',
          what, tostring(k)), field)
      end
    end
    return v
  end
  fail(loc, what .. ' must be a text (a string), or { fr = "...", en = "..." }', field)
end
E.text_field = text_field

-- The policy's language (fr until the policy says).
function E.language()
  return reg.policy and reg.policy.language or "fr"
end

-- A text in the policy's language: a string as it is; of { fr, en }, the
-- policy's language, else the other.
function E.localize(v)
  if type(v) ~= "table" then return v end
  local lang = E.language()
  return v[lang] or v[lang == "fr" and "en" or "fr"]
end
local L = E.localize

local function known_fields(loc, kind, id, spec, allowed)
  for k in pairs(spec) do
    if type(k) ~= "string" or not allowed[k] then
      local names = {}
      for n in pairs(allowed) do names[#names + 1] = n end
      sort(names)
      fail(loc, fmt('%s "%s": unknown field "%s"; the fields are %s', kind, id, tostring(k), concat(names, ", ")),
        type(k) == "string" and k or nil)
    end
  end
end

local function set(...)
  local s = {}
  for i = 1, select("#", ...) do s[select(i, ...)] = true end
  return s
end

local COMMON = { "title", "description", "charter" }

-- Runs `body`; a mistake is kept while loading (the declaration is
-- dropped), raised at once afterwards.
local function declaring(body, ...)
  if not E.loading then return body(...) end
  local ok, err = pcall(body, ...)
  if not ok then problems[#problems + 1] = tostring(err) end
end

local function declarer(kind, store, list, allowed, build)
  for _, f in ipairs(COMMON) do allowed[f] = true end
  local function declare(id, loc, spec)
    if type(spec) ~= "table" then
      fail(loc, fmt('%s "%s" needs a table after its identifier: %s "%s" { ... }', kind, id, kind, id))
    end
    local prev = store[id]
    -- At the REPL, a declaration typed (or :load-ed) again from the same
    -- place replaces the one made there before.
    local replaces = prev and not E.loading and prev.at.file == loc.file
    if prev and not replaces then
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
    if replaces then
      for i, x in ipairs(list) do if x == prev then list[i] = d end end
    else
      list[#list + 1] = d
    end
    generation = generation + 1
  end
  return function(id)
    local loc = at(1)
    if type(id) ~= "string" or id == "" then
      declaring(fail, loc, fmt('%s needs an identifier, as in %s "my-id" { ... }', kind, kind))
      return function() end
    end
    return function(spec) declaring(declare, id, loc, spec) end
  end
end

local function severity_of(loc, what, v, default, field)
  if v == nil then return default end
  if field == nil then field = "severity" elseif field == false then field = nil end
  if SEVERITY[v] == nil then
    fail(loc, fmt("%s: unknown severity %q; use one of %s", what, tostring(v), SEVERITY_LIST), field)
  end
  return v
end

local function fn_field(loc, what, v, required, field)
  if v == nil then
    if required then fail(loc, what .. " is required: a function") end
    return nil
  end
  if type(v) ~= "function" then fail(loc, what .. " must be a function, got a " .. type(v), field) end
  return v
end

local function score_field(loc, what, v, field)
  if v == nil then return 3 end
  if type(v) == "function" then return v end
  if mtype(v) ~= "integer" or v < 1 or v > 5 then
    fail(loc, what .. " must be an integer from 1 to 5 (or a function of the organisation)", field)
  end
  return v
end

-- The declaring functions --------------------------------------------------------

function api.policy(spec)
  local loc = at(1)
  if type(spec) ~= "table" then fail(loc, "policy needs a table: policy { name = ..., version = ... }") end
  if owner ~= "policy" then fail(loc, "policy { ... } belongs in a policy's policy.lua, not in a plugin") end
  if reg.policy then fail(loc, fmt("policy { ... } is already declared at %s:%d", reg.policy.at.file, reg.policy.at.line)) end
  known_fields(loc, "policy", spec.name or "?", spec, set("name", "version", "language", "title", "description",
    "uses", "disable", "charter", "serve"))
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
  -- serve = { block = "high", warn = "low" }: how `vigie serve` turns the
  -- findings' severities into a decision on a draft.
  local serve
  if spec.serve ~= nil then
    if type(spec.serve) ~= "table" then
      fail(loc, 'policy: serve must be a table, as in serve = { block = "high", warn = "low" }')
    end
    for k in pairs(spec.serve) do
      if k ~= "block" and k ~= "warn" then
        fail(loc, fmt("policy: serve has an unknown field %q; it takes block and warn", tostring(k)))
      end
    end
    serve = { block = severity_of(loc, "policy: serve.block", spec.serve.block, "high"),
      warn = severity_of(loc, "policy: serve.warn", spec.serve.warn, "low") }
    if SEVERITY[serve.warn] > SEVERITY[serve.block] then
      fail(loc, fmt("policy: serve.warn (%s) must not be above serve.block (%s)", serve.warn, serve.block))
    end
  end
  reg.policy = { name = spec.name, version = text_field(loc, "version", spec.version) or "0.0.0", language = lang,
    title = text_field(loc, "title", spec.title), description = text_field(loc, "description", spec.description),
    charter = text_field(loc, "charter", spec.charter), uses = uses, serve = serve, at = loc }
  for _, id in ipairs(strings(loc, "policy: disable", spec.disable)) do
    reg.disables[#reg.disables + 1] = { id = id, at = loc }
  end
end

function api.plugin(spec)
  local loc = at(1)
  if type(spec) ~= "table" then fail(loc, "plugin needs a table: plugin { name = ..., version = ... }") end
  known_fields(loc, "plugin", spec.name or "?", spec, set("name", "version", "title", "description", "provides",
    "parameters", "charter"))
  reg.plugin = { spec = spec, at = loc }
end

api.threat = declarer("threat", reg.threats, reg.threat_list,
  set("actors", "assets", "channels", "likelihood", "impact", "applies", "issues"),
  function(d, spec, loc)
    d.actors = strings(loc, "threat: actors", spec.actors, "actors")
    d.assets = strings(loc, "threat: assets", spec.assets, "assets")
    d.channels = strings(loc, "threat: channels", spec.channels, "channels")
    d.issues = strings(loc, "threat: issues", spec.issues, "issues")
    d.likelihood = score_field(loc, "threat: likelihood", spec.likelihood, "likelihood")
    d.impact = score_field(loc, "threat: impact", spec.impact, "impact")
    d.applies = fn_field(loc, "threat: applies", spec.applies, false, "applies")
  end)

-- A rule's examples take the fields of a made-up post (the host's list,
-- the same as check { ... } in test files): an unknown field is an error.
local POST_FIELDS = {}
for _, f in ipairs(E.post_fields) do POST_FIELDS[f] = true end
local POST_FIELD_LIST
do
  local names = {}
  for i, f in ipairs(E.post_fields) do names[i] = f end
  sort(names)
  POST_FIELD_LIST = concat(names, ", ")
end

-- The good-practice marks of pass examples, by the example's copy (the
-- copy is what the host runs as a post: the mark is not a post field).
local marks = {}

-- One example post: a text, or a table of post fields (a copy, without
-- the good_practice mark, which is kept aside).
local function example_post(loc, what, key, label, e)
  if type(e) == "string" then return { text = e } end
  if type(e) ~= "table" or type(e.text) ~= "string" then
    fail(loc, fmt("%s: %s must be a text or a table { text = ..., platform = ... }", what, label), "examples")
  end
  local copy = {}
  for k, v in pairs(e) do
    if k == "good_practice" then
      -- Not a field of the post: the author's mark that a pass
      -- example is a good practice (the charter shows it as "do").
      if type(v) ~= "boolean" then
        fail(loc, fmt("%s: %s: good_practice must be true or false", what, label), "examples", e.text)
      end
      if key ~= "pass" then
        fail(loc, fmt("%s: %s: good_practice marks a pass example only", what, label), "examples", e.text)
      end
    elseif not POST_FIELDS[k] then
      fail(loc, fmt('%s: %s: unknown field "%s"; the fields are %s', what, label, tostring(k), POST_FIELD_LIST),
        "examples", e.text)
    else
      copy[k] = v
    end
  end
  marks[copy] = e.good_practice == true
  return copy
end

-- A rule's examples: { flag = { posts }, pass = { posts } }. An
-- indicator's (`sequences`): each example is a person's posts in order,
-- a list { post, post, ... } (or one post alone); flag: the indicator
-- flags on one of them; pass: on none.
local function examples(loc, what, spec, sequences)
  local ex = spec.examples
  if ex == nil then return { flag = {}, pass = {} } end
  local shape = sequences and "{ flag = { { post, post, ... } }, pass = { ... } }" or "{ flag = { ... }, pass = { ... } }"
  if type(ex) ~= "table" then fail(loc, fmt("%s: examples must be %s, got a %s", what, shape, type(ex)), "examples") end
  for k in pairs(ex) do
    if k ~= "flag" and k ~= "pass" then
      fail(loc, fmt("%s: examples: unknown key %q; use flag and pass", what, tostring(k)), "examples")
    end
  end
  local out = { flag = {}, pass = {} }
  for _, key in ipairs({ "flag", "pass" }) do
    local list = ex[key] or {}
    if type(list) ~= "table" then
      fail(loc, fmt("%s: examples.%s must be a list of %s", what, key, sequences and "sequences of posts" or "texts or posts"),
        "examples")
    end
    for i, e in ipairs(list) do
      local label = fmt("examples.%s[%d]", key, i)
      if sequences and type(e) == "table" and e.text == nil then
        if #e == 0 then
          fail(loc, fmt("%s: %s must list a person's posts in order: { \"first\", \"second\" }", what, label), "examples")
        end
        local seq = {}
        for j, p in ipairs(e) do seq[j] = example_post(loc, what, key, fmt("%s[%d]", label, j), p) end
        out[key][i] = seq
      elseif sequences then
        out[key][i] = { example_post(loc, what, key, label, e) }
      else
        out[key][i] = example_post(loc, what, key, label, e)
      end
    end
  end
  return out
end

local RULE_FIELDS = set("severity", "mitigates", "check", "advice", "examples", "platforms", "kinds")
api.rule = declarer("rule", reg.rules, reg.rule_list, RULE_FIELDS, function(d, spec, loc)
  d.severity = severity_of(loc, fmt('rule "%s"', d.id), spec.severity, "medium")
  d.mitigates = strings(loc, "rule: mitigates", spec.mitigates, "mitigates")
  d.check = fn_field(loc, fmt('rule "%s": check', d.id), spec.check, true, "check")
  d.advice = text_field(loc, "advice", spec.advice)
  d.examples = examples(loc, fmt('rule "%s"', d.id), spec)
  d.platforms = strings(loc, "rule: platforms", spec.platforms, "platforms")
  d.kinds = strings(loc, "rule: kinds", spec.kinds, "kinds")
end)

api.indicator = declarer("indicator", reg.indicators, reg.indicator_list,
  set("severity", "mitigates", "observe", "state", "advice", "platforms", "kinds", "examples"),
  function(d, spec, loc)
    d.severity = severity_of(loc, fmt('indicator "%s"', d.id), spec.severity, "low")
    d.mitigates = strings(loc, "indicator: mitigates", spec.mitigates, "mitigates")
    d.check = fn_field(loc, fmt('indicator "%s": observe', d.id), spec.observe, true, "observe")
    d.state = fn_field(loc, "indicator: state", spec.state, false, "state")
    d.advice = text_field(loc, "advice", spec.advice)
    d.platforms = strings(loc, "indicator: platforms", spec.platforms, "platforms")
    d.kinds = strings(loc, "indicator: kinds", spec.kinds, "kinds")
    d.examples = examples(loc, fmt('indicator "%s"', d.id), spec, true)
    d.indicator = true
  end)

api.incident = declarer("incident", reg.incidents, reg.incident_list, set("opened_by", "severity"),
  function(d, spec, loc)
    d.opened_by = strings(loc, "incident: opened_by", spec.opened_by, "opened_by")
    if #d.opened_by == 0 then
      fail(loc, fmt('incident "%s": opened_by must name at least one rule or indicator', d.id), "opened_by")
    end
    d.severity = severity_of(loc, fmt('incident "%s"', d.id), spec.severity, "medium")
  end)

local function condition(loc, what, w, step_id)
  -- mistakes point at the step's line (its id, inside steps)
  local function fail_at(l, msg) E.fail(l, msg, "steps", step_id) end
  if w == nil or type(w) == "string" or type(w) == "function" then return w end
  if type(w) ~= "table" then fail_at(loc, what .. ": when must be an id, a table { any = ..., count = ... } or a function") end
  -- A condition on time: { quiet_days = N } (N days with no new finding about
  -- the person) or { after_days = N } (N days after the step before).
  if w.quiet_days ~= nil or w.after_days ~= nil then
    for k in pairs(w) do
      if k ~= "quiet_days" and k ~= "after_days" then
        fail_at(loc, fmt("%s: when holds a time (quiet_days or after_days); %q cannot go with it", what, tostring(k)))
      end
    end
    if w.quiet_days ~= nil and w.after_days ~= nil then
      fail_at(loc, what .. ": when takes quiet_days or after_days, not both")
    end
    local days = w.quiet_days or w.after_days
    if mtype(days) ~= "integer" or days < 1 then
      fail_at(loc, fmt("%s: %s must be a whole number of days, 1 or more", what, w.quiet_days and "quiet_days" or "after_days"))
    end
    return { days = days, quiet = w.quiet_days ~= nil }
  end
  for k in pairs(w) do
    if k ~= "any" and k ~= "all" and k ~= "count" and k ~= "min_severity" then
      fail_at(loc, fmt("%s: unknown key %q in when; use any, all, count, min_severity, or quiet_days / after_days", what, tostring(k)))
    end
  end
  if w.count ~= nil and (mtype(w.count) ~= "integer" or w.count < 1) then
    fail_at(loc, what .. ": when.count is a number of posts, 1 or more")
  end
  local l = field_at(loc, "steps", step_id)
  return { any = w.any and strings(l, what .. ": when.any", w.any), all = w.all and strings(l, what .. ": when.all", w.all),
    count = w.count or 1, min_severity = w.min_severity and severity_of(l, what, w.min_severity, nil, false) }
end

local STEP_FIELDS = set("id", "title", "advice", "when", "record_reasons", "reasons", "close")

api.reaction = declarer("reaction", reg.reactions, reg.reaction_list, set("on", "answers", "steps"),
  function(d, spec, loc)
    if type(spec.on) ~= "string" then fail(loc, fmt('reaction "%s": on must name an incident', d.id), "on") end
    d.on = spec.on
    d.answers = strings(loc, "reaction: answers", spec.answers, "answers")
    if type(spec.steps) ~= "table" or #spec.steps == 0 then
      fail(loc, fmt('reaction "%s": steps must list at least one step { id = ..., advice = ... }', d.id), "steps")
    end
    d.steps = {}
    local seen = {}
    for i, s in ipairs(spec.steps) do
      local what = fmt('reaction "%s", step %d', d.id, i)
      if type(s) ~= "table" or type(s.id) ~= "string" then fail(loc, what .. ": a step is a table with an id", "steps") end
      local sl = field_at(loc, "steps", s.id)
      if seen[s.id] then fail(sl, fmt('%s: the step id "%s" is used twice', what, s.id)) end
      seen[s.id] = true
      for k in pairs(s) do
        if not STEP_FIELDS[k] then
          fail(sl, fmt("%s: unknown field %q; the fields are id, title, advice, when, record_reasons, reasons, close", what, tostring(k)))
        end
      end
      if s.reasons ~= nil and type(s.reasons) ~= "function" then
        if type(s.reasons) ~= "string" and not (type(s.reasons) == "table" and (s.reasons.fr or s.reasons.en)) then
          fail(sl, what .. ': reasons must be a text, { fr = "...", en = "..." } or a function(incident, events)')
        end
        text_field(sl, what .. ": reasons", s.reasons, false)
      end
      d.steps[i] = { id = s.id, title = text_field(sl, "title", s.title, false), advice = text_field(sl, "advice", s.advice, false),
        when = condition(loc, what, s.when, s.id), record_reasons = s.record_reasons == true, reasons = s.reasons,
        close = s.close == true }
    end
  end)

api.scenario = declarer("scenario", reg.scenarios, reg.scenario_list,
  set("actor", "platform", "timeline", "reaction"),
  function(d, spec, loc)
    local a = spec.actor
    if type(a) == "string" then a = { id = a } end
    if type(a) ~= "table" or type(a.id) ~= "string" then
      fail(loc, fmt('scenario "%s": actor must be an id or { id = ..., kind = "client", name = ... }', d.id), "actor")
    end
    d.actor = { id = a.id, kind = a.kind, name = a.name, handle = a.handle }
    d.platform = spec.platform or "facebook"
    if spec.reaction ~= nil and type(spec.reaction) ~= "string" then
      fail(loc, fmt('scenario "%s": reaction must be a reaction id, whose steps the expectations name', d.id), "reaction")
    end
    d.reaction = spec.reaction
    if type(spec.timeline) ~= "table" or #spec.timeline == 0 then
      fail(loc, fmt('scenario "%s": timeline must list events { at = ..., text = ... }', d.id), "timeline")
    end
    d.timeline = {}
    for i, e in ipairs(spec.timeline) do
      if type(e) ~= "table" or type(e.text) ~= "string" then
        fail(loc, fmt('scenario "%s": timeline[%d] needs a text', d.id, i), "timeline")
      end
      d.timeline[i] = { at = e.at, text = e.text, platform = e.platform, kind = e.kind, visibility = e.visibility,
        expect = e.expect, note = e.note }
    end
  end)

function api.classification(spec)
  local loc = at(1)
  declaring(function()
    if type(spec) ~= "table" then fail(loc, "classification needs a table { levels = ..., markers = ..., channels = ... }") end
    if reg.classification and (E.loading or reg.classification.at.file ~= loc.file) then
      fail(loc, fmt("classification { ... } is already declared at %s:%d", reg.classification.at.file,
        reg.classification.at.line))
    end
    known_fields(loc, "classification", "", spec, set("levels", "markers", "channels", "title", "description", "charter"))
    local levels = strings(loc, "classification: levels", spec.levels or { "public", "internal", "confidential", "secret" },
      "levels")
    local rank = {}
    for i, l in ipairs(levels) do rank[l] = i end
    local markers = {}
    for level, list in pairs(spec.markers or {}) do
      if not rank[level] then
        fail(loc, fmt("classification: markers for unknown level %q; the levels are %s", tostring(level), concat(levels, ", ")),
          "markers")
      end
      markers[level] = strings(loc, "classification: markers." .. level, list, "markers")
    end
    local channels = {}
    for ch, level in pairs(spec.channels or {}) do
      if not rank[level] then
        fail(loc, fmt("classification: channel %q allows unknown level %q", tostring(ch), tostring(level)), "channels")
      end
      channels[ch] = level
    end
    reg.classification = { levels = levels, rank = rank, markers = markers, channels = channels, at = loc,
      title = text_field(loc, "title", spec.title), description = text_field(loc, "description", spec.description),
      charter = text_field(loc, "charter", spec.charter) }
    generation = generation + 1
  end)
end

function api.extend(id)
  local loc = at(1)
  if type(id) ~= "string" then
    declaring(fail, loc, 'extend needs the identifier of a declaration: extend "rule-id" { ... }')
    return function() end
  end
  return function(spec)
    if type(spec) ~= "table" then
      declaring(fail, loc, fmt('extend "%s" needs a table of fields to change', id))
      return
    end
    reg.extends[#reg.extends + 1] = { id = id, spec = spec, at = loc, owner = owner }
    generation = generation + 1
  end
end

function api.disable(id)
  local loc = at(1)
  for _, x in ipairs(type(id) == "table" and id or { id }) do
    if type(x) ~= "string" then
      declaring(fail, loc, "disable needs identifiers: disable \"rule-id\" or disable { \"a\", \"b\" }")
      return
    end
    reg.disables[#reg.disables + 1] = { id = x, at = loc }
    generation = generation + 1
  end
end

-- Finishing: extends, disables, the active lists -----------------------------------

local function lookup(id)
  return reg.rules[id] or reg.indicators[id] or reg.threats[id] or reg.reactions[id] or reg.incidents[id]
    or reg.scenarios[id]
end

-- The edit distance between two identifiers (for "did you mean").
local function distance(a, b)
  if #a > 64 or #b > 64 then return math.huge end
  local prev = {}
  for j = 0, #b do prev[j] = j end
  for i = 1, #a do
    local cur = { [0] = i }
    local ca = a:byte(i)
    for j = 1, #b do
      local cost = ca == b:byte(j) and 0 or 1
      local v = prev[j] + 1
      if cur[j - 1] + 1 < v then v = cur[j - 1] + 1 end
      if prev[j - 1] + cost < v then v = prev[j - 1] + cost end
      cur[j] = v
    end
    prev = cur
  end
  return prev[#b]
end

-- "; did you mean "x"?" when a declared identifier is close to `id`.
local function did_you_mean(id)
  local best, best_d = nil, math.huge
  for _, list in ipairs({ reg.rule_list, reg.indicator_list, reg.threat_list, reg.reaction_list, reg.incident_list,
    reg.scenario_list }) do
    for _, d in ipairs(list) do
      local dd = distance(id, d.id)
      -- one that contains the other ("telephone" for "telephone-personnel")
      if #id >= 4 and (d.id:find(id, 1, true) or id:find(d.id, 1, true)) then dd = math.min(dd, 1) end
      if dd < best_d or (dd == best_d and best and d.id < best) then best, best_d = d.id, dd end
    end
  end
  if best and best_d <= math.max(2, #id // 3) then return fmt('; did you mean "%s"?', best) end
  return ""
end

local EXTEND_FIELDS = set("severity", "advice", "mitigates", "add_mitigates", "title", "description", "charter",
  "check", "observe", "enabled", "likelihood", "impact", "applies", "answers", "steps", "opened_by", "examples",
  "platforms", "kinds")

-- How many extends and disables are applied (finalize runs again after
-- declarations made at the REPL: it applies only the new ones).
local extends_applied, disables_applied = 0, 0

local function apply_extend(x, d, k, v)
  if not EXTEND_FIELDS[k] then
    local names = {}
    for n in pairs(EXTEND_FIELDS) do names[#names + 1] = n end
    sort(names)
    fail(x.at, fmt('extend "%s": field "%s" cannot be changed; the fields are %s', x.id, tostring(k), concat(names, ", ")),
      type(k) == "string" and k or nil)
  elseif k == "severity" and SEVERITY[v] == nil then
    fail(x.at, fmt('extend "%s": unknown severity %q; use one of %s', x.id, tostring(v), SEVERITY_LIST), "severity")
  elseif k == "add_mitigates" then
    for _, t in ipairs(strings(x.at, "add_mitigates", v, "add_mitigates")) do d.mitigates[#d.mitigates + 1] = t end
  elseif k == "observe" then
    d.check = v
  elseif k == "enabled" then
    d.disabled = (v == false)
  elseif k == "examples" then
    d.examples = examples(x.at, fmt('extend "%s"', x.id), x.spec, d.indicator)
  elseif k == "mitigates" or k == "answers" or k == "opened_by" or k == "platforms" or k == "kinds" then
    d[k] = strings(x.at, k, v, k)
  elseif k == "title" or k == "description" or k == "charter" or k == "advice" then
    d[k] = text_field(x.at, fmt('extend "%s": %s', x.id, k), v, k)
  else
    d[k] = v
  end
end

-- Applies the extends and disables not applied yet and makes the active
-- lists. Returns the problems (`file:line: message`, every one found) and
-- whether the declarations changed since the last call. With
-- `declarations_only`, returns the declarations' kept mistakes alone
-- (the host had other errors: the extends would only add noise).
function E.entry.finalize(declarations_only)
  local out = problems
  problems = {}
  if #out > 0 or declarations_only then return out, true end
  for i = extends_applied + 1, #reg.extends do
    local x = reg.extends[i]
    local d = lookup(x.id)
    if not d then
      out[#out + 1] = fmt('%s:%d: extend "%s": nothing is declared with this identifier%s', x.at.file, x.at.line, x.id,
        did_you_mean(x.id) ~= "" and did_you_mean(x.id)
          or "; check the name (plugins' declarations are listed by vigie lint)")
    else
      local keys = {}
      for k in pairs(x.spec) do keys[#keys + 1] = k end
      sort(keys, function(a, b) return tostring(a) < tostring(b) end)
      for _, k in ipairs(keys) do
        local ok, err = pcall(apply_extend, x, d, k, x.spec[k])
        if not ok then out[#out + 1] = tostring(err) end
      end
      d.extended_at = x.at
    end
  end
  extends_applied = #reg.extends
  for i = disables_applied + 1, #reg.disables do
    local x = reg.disables[i]
    local d = lookup(x.id)
    if not d then
      out[#out + 1] = fmt('%s:%d: disable "%s": nothing is declared with this identifier%s', x.at.file, x.at.line, x.id,
        did_you_mean(x.id) ~= "" and did_you_mean(x.id) or "; check the name")
    else
      d.disabled = true
    end
  end
  disables_applied = #reg.disables
  local active, n_rules = {}, 0
  for _, d in ipairs(reg.rule_list) do
    if not d.disabled then
      active[#active + 1] = d
      n_rules = n_rules + 1
    end
  end
  for _, d in ipairs(reg.indicator_list) do
    if not d.disabled then
      active[#active + 1] = d
      if d.states == nil then d.states, d.nstates, d.clock = {}, 0, 0 end
    end
  end
  -- Whether a rule looks at the platform or kind before it runs (most do not).
  for _, d in ipairs(active) do d.filtered = #d.platforms > 0 or #d.kinds > 0 end
  E.set_active(active, n_rules)
  E.loading = false
  local changed = generation ~= finalized_generation
  finalized_generation = generation
  return out, changed
end

-- A data-only snapshot of the declarations, for the host -----------------------------

local function loc_of(d) return { file = d.at.file, line = d.at.line } end

local function steps_of(r)
  local out = {}
  for i, s in ipairs(r.steps) do
    local w = s.when
    local when
    if type(w) == "string" then when = { ids = { w }, count = 1, any_ids = { w } }
    elseif type(w) == "table" and w.days then when = { days = w.days, quiet = w.quiet }
    elseif type(w) == "table" then
      when = { ids = w.any or w.all, all = w.all ~= nil, count = w.count, min_severity = w.min_severity,
        any_ids = w.any, all_ids = w.all }
    elseif type(w) == "function" then when = { custom = true } end
    out[i] = { id = s.id, title = L(s.title), advice = L(s.advice), when = when, record_reasons = s.record_reasons,
      close = s.close, reasons = type(s.reasons) ~= "function" and L(s.reasons) or nil }
  end
  return out
end

-- The examples as the declarations list them (the whole posts go to the
-- host through the entry point examples, when it runs them).
local function examples_of(ex, indicator)
  local out = { flag = {}, pass = {} }
  -- an indicator's examples are sequences of posts: run, not listed
  if indicator then return out end
  for _, key in ipairs({ "flag", "pass" }) do
    for i, e in ipairs(ex[key]) do
      out[key][i] = { text = e.text, platform = e.platform, kind = e.kind, visibility = e.visibility, actor = e.actor,
        language = e.language, good_practice = marks[e] or nil }
    end
  end
  return out
end

function E.entry.export()
  local out = { policy = reg.policy, threats = {}, rules = {}, indicators = {}, incidents = {}, reactions = {},
    scenarios = {}, classification = nil }
  if reg.policy then
    out.policy = { name = reg.policy.name, version = reg.policy.version, language = reg.policy.language,
      title = L(reg.policy.title), description = L(reg.policy.description), charter = L(reg.policy.charter),
      file = reg.policy.at.file, line = reg.policy.at.line, uses = reg.policy.uses, serve = reg.policy.serve }
  end
  for _, d in ipairs(reg.threat_list) do
    out.threats[#out.threats + 1] = { id = d.id, title = L(d.title), description = L(d.description), charter = L(d.charter),
      owner = d.owner, at = loc_of(d), actors = d.actors, assets = d.assets, channels = d.channels, issues = d.issues,
      likelihood = type(d.likelihood) == "number" and d.likelihood or nil,
      impact = type(d.impact) == "number" and d.impact or nil, disabled = d.disabled }
  end
  for _, list in ipairs({ { reg.rule_list, out.rules }, { reg.indicator_list, out.indicators } }) do
    for _, d in ipairs(list[1]) do
      list[2][#list[2] + 1] = { id = d.id, title = L(d.title), description = L(d.description), charter = L(d.charter),
        owner = d.owner, at = loc_of(d), severity = d.severity, mitigates = d.mitigates, advice = L(d.advice),
        examples = examples_of(d.examples, d.indicator), disabled = d.disabled, platforms = d.platforms, kinds = d.kinds,
        extended_at = d.extended_at and loc_of({ at = d.extended_at }) or nil }
    end
  end
  for _, d in ipairs(reg.incident_list) do
    out.incidents[#out.incidents + 1] = { id = d.id, title = L(d.title), description = L(d.description), charter = L(d.charter),
      owner = d.owner, at = loc_of(d), opened_by = d.opened_by, severity = d.severity, disabled = d.disabled }
  end
  for _, d in ipairs(reg.reaction_list) do
    out.reactions[#out.reactions + 1] = { id = d.id, title = L(d.title), description = L(d.description), charter = L(d.charter),
      owner = d.owner, at = loc_of(d), on = d.on, answers = d.answers, steps = steps_of(d), disabled = d.disabled }
  end
  for _, d in ipairs(reg.scenario_list) do
    out.scenarios[#out.scenarios + 1] = { id = d.id, title = L(d.title), description = L(d.description),
      owner = d.owner, at = loc_of(d), actor = d.actor, platform = d.platform, timeline = d.timeline,
      reaction = d.reaction }
  end
  local c = reg.classification
  if c then
    out.classification = { levels = c.levels, markers = c.markers, channels = c.channels, file = c.at.file,
      line = c.at.line, title = L(c.title), description = L(c.description), charter = L(c.charter) }
  end
  return out
end
