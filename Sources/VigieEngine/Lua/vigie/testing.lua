-- The policy test framework: describe, it, check, expect and fixture, for
-- tests/*_test.lua and the REPL. Loaded only by `vigie test` and the REPL,
-- never by `vigie check`.

local E = ...
local ENV, api, host = E.ENV, E.api, E.host
local type, ipairs, pairs, error, pcall, tostring = type, ipairs, pairs, error, pcall, tostring
local fmt = string.format
local concat, sort = table.concat, table.sort
local running = coroutine.running
local raw_get, raw_set = E.rawget, E.rawset
local make_post, fixture = host.host.post, host.test.fixture
local dispatch, reset, at = E.dispatch, E.reset, E.at

-- Where the host leaves the post it built for check (a read-only view,
-- like every post a rule sees); taken at once.
local POST_SLOT = E.PREFIX .. "post"

-- The test functions are for test files and the REPL, never for a rule:
-- called from a rule (the dispatcher of vigie/check.lua is below on the
-- stack), they say so.
local where = host.where
local function not_in_rule(name)
  for level = 1, 200 do
    local chunk = where(level)
    if chunk == nil then return end
    if chunk == "vigie/check.lua" then
      error(fmt("%s is a test function (tests/*_test.lua and the REPL): a rule cannot call it", name), 3)
    end
  end
end

local tests, test_prefix = {}, {}
-- Rules and indicators that flagged in a test's check(): what the tests cover.
local tested = {}

function api.describe(name, body)
  not_in_rule("describe")
  if type(name) ~= "string" or type(body) ~= "function" then
    error('describe needs a name and a function: describe("...", function() ... end)', 2)
  end
  test_prefix[#test_prefix + 1] = name
  body()
  test_prefix[#test_prefix] = nil
end

function api.it(name, body)
  not_in_rule("it")
  if type(name) ~= "string" or type(body) ~= "function" then
    error('it needs a name and a function: it("...", function() ... end)', 2)
  end
  local full = name
  if #test_prefix > 0 then full = concat(test_prefix, " › ") .. " › " .. name end
  tests[#tests + 1] = { name = full, body = body, at = at(1) }
end

-- check("text") or check { text, platform, kind, visibility, actor, time, ... }:
-- the host builds the post (the same builder as rule examples and
-- `vigie check`), then the active rules and indicators run on it; returns
-- { flags = { rule ids }, findings = { { rule, evidence, advice, severity } }, errors = { ... }, post = post }.
function api.check(spec)
  not_in_rule("check")
  local _, main = running()
  if not main then error("check cannot run inside a coroutine", 2) end
  local ok, key = make_post(spec)
  if not ok then error(key, 2) end
  local post = raw_get(ENV, POST_SLOT)
  raw_set(ENV, POST_SLOT, nil)
  local records = dispatch(post, key)
  local active = E.active()
  local r = { flags = {}, findings = {}, errors = {}, post = post }
  for _, rec in ipairs(records) do
    local d = active[rec.i]
    r.flags[#r.flags + 1] = d.id
    tested[d.id] = true
    r.findings[#r.findings + 1] = { rule = d.id, evidence = rec.ev, advice = rec.advice or E.localize(d.advice),
      severity = rec.severity or d.severity }
  end
  return r
end

-- fixture("path"): the activities of an export, as specs for check.
function api.fixture(path)
  not_in_rule("fixture")
  local ok, specs = fixture(path)
  if not ok then error(specs, 2) end
  return specs
end

local function describe_value(v)
  if type(v) == "string" then return fmt("%q", v) end
  if type(v) == "table" then
    local parts = {}
    for i, x in ipairs(v) do parts[i] = describe_value(x) end
    return "{ " .. concat(parts, ", ") .. " }"
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

function api.expect(actual)
  not_in_rule("expect")
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
function E.entry.tested()
  local list = {}
  for id in pairs(tested) do list[#list + 1] = id end
  sort(list)
  tested = {}
  return list
end

-- The tests declared so far: { name, file, line }.
function E.entry.tests()
  local list = {}
  for i, t in ipairs(tests) do list[i] = { name = t.name, file = t.at.file, line = t.at.line } end
  return list
end

-- Runs test i in a fresh indicator history; returns ok, message.
function E.entry.run_test(i)
  local t = tests[i]
  reset()
  local ok, err = pcall(t.body)
  reset()
  if ok then return true end
  return false, tostring(err)
end

function E.entry.clear_tests()
  tests = {}
end
