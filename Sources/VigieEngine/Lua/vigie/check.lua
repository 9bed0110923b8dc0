-- Checking one activity: the dispatcher that runs the active rules and
-- indicators on a post, the ctx they flag through, and the indicators'
-- per-person history.

local E = ...
local type, ipairs, pairs, error, tostring, next, getmetatable, setmetatable =
  type, ipairs, pairs, error, tostring, next, getmetatable, setmetatable
local fmt = string.format
local mtype = math.type
local huge = math.huge
local SEVERITY, SEVERITY_LIST = E.SEVERITY, E.SEVERITY_LIST
local localize = E.localize

-- The active rules then indicators, in declaration order (set by finalize).
local active, n_rules = {}, 0
function E.set_active(list, n)
  active, n_rules = list, n
end
function E.active() return active end

-- The current call: what was flagged, the rule running, the person's key,
-- and whether history is left alone.
--
-- The flags go into one flat array, kept from call to call (no table per
-- flag or per span), which the host reads in place: per flag, the rule's
-- index, the number of spans (-1: no evidence given), each span's start,
-- stop and label (false when none), then advice, severity and note (false
-- when not given). Only out[1..nout] is the current call's.
local out, nout = {}, 0
local cursor = 0
local cur_key = nil
local dry = false

-- The finding budget of a rule on one activity: so many flags, so many
-- evidence spans. The flag that goes over it raises an error (the rule
-- stops there; a rule that catches it flags nothing more on this
-- activity); its first flags are kept, and the host records the overrun
-- as a failure naming the rule. `flags_of`/`spans_of` count the running
-- rule's; `overs` lists the rules that went over in this call.
local FLAG_BUDGET, SPAN_BUDGET = 100, 1000
local flags_of, spans_of = 0, 0
local overs = nil
local over_message = fmt(
  "ctx:flag: over the finding budget of a rule on one activity (%d flags, %d evidence spans); its first flags are kept",
  FLAG_BUDGET, SPAN_BUDGET)

local function over_budget(level)
  if overs == nil then overs = {} end
  if overs[#overs] == cursor then
    -- Already over (a rule that catches the error and goes on): the same
    -- message without its position, which costs nothing to raise again.
    error(over_message, 0)
  end
  overs[#overs + 1] = cursor
  error(over_message, level + 1)
end

-- Appends the spans of `ev` from out[n + 1]; returns the new end.
local function add_spans(ev, n)
  local tp = type(ev)
  if tp ~= "table" and tp ~= "userdata" then
    error("ctx:flag: evidence must be a match (a table with start and stop) or a list of matches", 3)
  end
  local s = ev.start
  if s ~= nil then
    local e = ev.stop
    if e == nil then e = ev["end"] end
    if mtype(s) ~= "integer" or mtype(e) ~= "integer" then
      error("ctx:flag: evidence start and stop must be integers (Unicode scalar offsets into post.text)", 3)
    end
    -- n - nout - 2: the positions this flag's spans took so far
    if n - nout - 2 >= 3 * (SPAN_BUDGET - spans_of) then over_budget(3) end
    local label = ev.label or ev.kind
    if label == nil then label = false end
    out[n + 1], out[n + 2], out[n + 3] = s, e, label
    return n + 3
  end
  for _, x in ipairs(ev) do n = add_spans(x, n) end
  return n
end

-- Nothing is kept of a flag that raised an error: nout moves at the end.
local function flag(_, f)
  if flags_of >= FLAG_BUDGET or (overs ~= nil and overs[#overs] == cursor) then over_budget(2) end
  local n = nout
  local spans = n + 2
  local m = spans
  local advice, severity, note = false, false, false
  local given = -1
  if f ~= nil then
    if type(f) ~= "table" then error("ctx:flag expects a table { evidence = ..., advice = ... } or nothing", 2) end
    if f.evidence ~= nil then
      m = add_spans(f.evidence, m)
      given = (m - spans) // 3
    end
    if f.advice ~= nil then
      -- a text, or { fr = ..., en = ... } in the policy's language
      if type(f.advice) == "table" then advice = tostring(localize(f.advice)) else advice = tostring(f.advice) end
    end
    if f.severity ~= nil then
      if SEVERITY[f.severity] == nil then
        error(fmt("ctx:flag: unknown severity %q; use one of %s", tostring(f.severity), SEVERITY_LIST), 2)
      end
      severity = f.severity
    end
    if f.note ~= nil then
      if type(f.note) == "table" then note = tostring(localize(f.note)) else note = tostring(f.note) end
    end
  end
  out[n + 1], out[spans] = cursor, given
  out[m + 1], out[m + 2], out[m + 3] = advice, severity, note
  nout = m + 3
  flags_of = flags_of + 1
  if given > 0 then spans_of = spans_of + given end
end

-- ctx, read-only to rules; the dispatcher sets post, rule and params;
-- ctx.actor is the post's, read only when a rule asks for it.
local cur = setmetatable({ flag = flag, signal = flag, org = E.org }, {
  __index = function(t, k)
    if k == "actor" then
      local post = E.rawget(t, "post")
      if post ~= nil then return post.actor end
    end
  end,
})
local ctx = E.readonly("ctx", cur, {
  __pairs = function()
    local fields = {}
    for k, v in next, cur do fields[k] = v end
    fields.actor = cur.actor
    return next, fields, nil
  end,
})

local function applies(d, platform, kind)
  local p = d.platforms
  if #p > 0 then
    local ok = false
    for _, x in ipairs(p) do if x == platform then ok = true break end end
    if not ok then return false end
  end
  local k = d.kinds
  if #k > 0 then
    local ok = false
    for _, x in ipairs(k) do if x == kind then ok = true break end end
    if not ok then return false end
  end
  return true
end

local MAX_ACTORS = 10000

-- A copy of an indicator's state, for a look that changes nothing.
local function copy(v, seen)
  if type(v) ~= "table" then return v end
  if seen[v] then return seen[v] end
  local c = {}
  seen[v] = c
  for k, x in next, v do c[copy(k, seen)] = copy(x, seen) end
  local mt = getmetatable(v)
  if type(mt) == "table" then setmetatable(c, mt) end
  return c
end

-- The state of indicator d for the person of the post being checked.
local function state_for(d)
  local key = cur_key
  local states = d.states
  local entry = states[key]
  if dry then
    if entry then return copy(entry.s, {}) end
    return d.state and d.state() or {}
  end
  d.clock = d.clock + 1
  if entry == nil then
    if d.nstates >= MAX_ACTORS then
      local oldest, oldest_t = nil, huge
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
-- (after a limit stopped the previous call); only `only` if given. `key`
-- is the person's key (the host's: the same for history and incidents);
-- with `look`, indicators see a copy of the history and change nothing.
-- Returns nothing when nothing flagged (most activities), else the length
-- of the flat array of flags and the array (see `out` above).
local function dispatch(post, key, from, only, look)
  if nout > 3000 then out = {} end -- a call that flagged a lot: its spans go
  nout = 0
  cursor = 0
  overs = nil
  cur_key = key
  dry = look == true
  cur.post = post
  local first, last = from or 1, #active
  if only then first, last = only, only end
  local platform, kind = nil, nil
  -- No pcall per rule: an error in a rule (like a limit) ends this call;
  -- the host asks where (interrupted), records it against that rule and
  -- calls again from the next rule.
  for i = first, last do
    local d = active[i]
    local run = true
    if d.filtered then
      if platform == nil then platform, kind = post.platform, post.kind end
      run = applies(d, platform, kind)
    end
    if run then
      cursor = i
      flags_of, spans_of = 0, 0
      cur.rule = d.id
      cur.params = d.params
      if d.indicator then
        d.check(post, state_for(d), ctx)
      else
        d.check(post, ctx)
      end
    end
  end
  cursor = 0
  if overs ~= nil then return nout, out, overs end
  if nout == 0 then return end
  return nout, out
end
E.entry.check = dispatch

-- The flags of a call as records { i, ev, advice, severity, note } (the
-- test framework's `check`): ev is nil when the flag gave no evidence.
function E.dispatch(post, key)
  local n, flat = dispatch(post, key)
  local records = {}
  local at = 1
  while n and at <= n do
    local rec = { i = flat[at] }
    local spans = flat[at + 1]
    at = at + 2
    if spans >= 0 then
      local ev = {}
      for k = 1, spans do
        local label = flat[at + 2]
        ev[k] = { flat[at], flat[at + 1], label or nil }
        at = at + 3
      end
      rec.ev = ev
    end
    rec.advice = flat[at] or nil
    rec.severity = flat[at + 1] or nil
    rec.note = flat[at + 2] or nil
    at = at + 3
    records[#records + 1] = rec
  end
  return records
end

-- After an error stopped the dispatcher: the rule that was running (its
-- index), what the rules before it flagged, and the rules that went over
-- their finding budget (the running one among them when that stopped it).
function E.entry.interrupted()
  return cursor, nout, out, overs
end

-- Stops the active rule at index i for the rest of the run (it kept memory
-- the other rules need): its function and its history are let go, so the
-- memory only they held can be collected.
local function skip() end
function E.entry.stop(i)
  local d = active[i]
  if d == nil then return end
  d.check = skip
  d.stopped = true
  if d.indicator then d.states, d.nstates, d.state = {}, 0, nil end
end

-- The active ids, and how many of them are rules (the rest: indicators).
function E.entry.active()
  local ids = {}
  for i, d in ipairs(active) do ids[i] = d.id end
  return ids, n_rules
end

-- The examples of the active rule at index i: { flag = { posts }, pass = { posts } }.
function E.entry.examples(i)
  local d = active[i]
  return d and d.examples
end

-- Forgets the indicators' per-person history (a new run).
local function reset()
  for _, d in ipairs(active) do if d.indicator then d.states, d.nstates, d.clock = {}, 0, 0 end end
end
E.reset = reset
E.entry.reset = reset
