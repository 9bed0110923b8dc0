-- Reactions: whether a step of a reaction applies, given the incident and
-- the events seen since its current step.

local E = ...
local reg, SEVERITY = E.reg, E.SEVERITY
local type, ipairs, pcall, error, tostring = type, ipairs, pcall, error, tostring

-- Whether step `si` of reaction `rid` applies to the findings seen since
-- the incident's current step; returns ok, the reason text, and the
-- positions (in `events`) of the findings that met the condition, which
-- steps with record_reasons write down. `count` counts posts, not findings:
-- two rules flagging one post count once. A condition on time (quiet_days,
-- after_days) is the host's: it never holds on findings.
function E.entry.when(rid, si, incident, events)
  local r = reg.reactions[rid]
  local s = r and r.steps[si]
  if not s then return false end
  local w = s.when
  local ok -- set on every path below
  local reason, matched = nil, {}
  if w == nil then
    ok = #events > 0
    for i = 1, #events do matched[i] = i end
  elseif type(w) == "string" then
    for i, e in ipairs(events) do if e.id == w then matched[#matched + 1] = i end end
    ok = #matched > 0
  elseif type(w) == "function" then
    local good, a, b = pcall(w, incident, events)
    if not good then error(a, 0) end
    ok, reason = a == true, b
    for i = 1, #events do matched[i] = i end
  elseif w.days then
    return false
  else
    local posts, seen_posts, seen = 0, {}, {}
    local min = w.min_severity and SEVERITY[w.min_severity] or 0
    for i, e in ipairs(events) do
      if (SEVERITY[e.severity] or 0) >= min then
        local hit = false
        if w.any then
          for _, id in ipairs(w.any) do if e.id == id then hit = true break end end
        elseif w.all then
          for _, id in ipairs(w.all) do if e.id == id then hit = true seen[id] = true break end end
        else
          hit = true
        end
        if hit then
          matched[#matched + 1] = i
          if not seen_posts[e.activity] then
            seen_posts[e.activity] = true
            posts = posts + 1
          end
        end
      end
    end
    if w.all then
      ok = true
      for _, id in ipairs(w.all) do if not seen[id] then ok = false end end
    else
      ok = posts >= (w.count or 1)
    end
  end
  if ok and s.reasons ~= nil then
    if type(s.reasons) == "function" then
      local good, text_ = pcall(s.reasons, incident, events)
      if not good then error(text_, 0) end
      reason = text_ ~= nil and tostring(text_) or reason
    else
      reason = E.localize(s.reasons)
    end
  end
  return ok, reason, matched
end
