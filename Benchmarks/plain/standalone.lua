-- The limit of plain Lua: the Nordelia rules (rules.lua) run by the
-- standalone interpreter on activity tables it builds itself from the
-- corpus's texts (data.lua, loaded before the clock starts): no host, no I/O.
-- usage: lua5.4 standalone.lua DATA.lua EVENTS [per-rule]
-- VIGIE_BENCH_RULES names another rules file (Benchmarks/workloads/*.lua).
local dir = arg[0]:match("(.*/)") or "./"
local t0 = os.clock()
local data = dofile(arg[1])
local rules = os.getenv("VIGIE_BENCH_RULES")
if rules == nil or rules == "" then rules = dir .. "rules.lua" end
local M = dofile(rules)(data.vocab)
print(string.format("load_ms %.1f", (os.clock() - t0) * 1000))
local n = tonumber(arg[2]) or 200000
local src = data.activities
local count = #src

local function event(i)
  local a = src[(i - 1) % count + 1]
  local tags = {}
  for k, t in ipairs(a.hashtags or tags) do tags[k] = t end
  return {
    id = a.id .. "-" .. i, platform = a.platform, kind = a.kind, visibility = a.visibility,
    text = a.text, timestamp = a.timestamp, time = a.time, hour = a.hour, actor = a.actor,
    author = { platform = a.platform, handle = a.handle }, handle = a.handle,
    hashtags = tags, mentions = {}, links = {},
  }
end

local start = os.clock()
local findings = 0
for i = 1, n do findings = findings + M.check(event(i)) end
local elapsed = os.clock() - start
print(string.format("events %d findings %d seconds %.3f events_per_s %.0f", n, findings, elapsed, n / elapsed))

if arg[3] == "per-rule" then
  local m = math.min(n, 50000)
  local s = os.clock()
  for i = 1, m do local e = event(i); M.fold(e.text) end
  local base = (os.clock() - s) / m
  print(string.format("rule %-24s %.2f us", "(build+fold only)", base * 1e6))
  for k, id in ipairs(M.ids) do
    local f = M.one(k)
    s = os.clock()
    for i = 1, m do f(event(i)) end
    print(string.format("rule %-24s %.2f us", id, ((os.clock() - s) / m - base) * 1e6))
  end
end
