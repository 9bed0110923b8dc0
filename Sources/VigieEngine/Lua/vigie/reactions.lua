-- Reactions: whether a step of a reaction applies, given the incident and
-- the events seen since its current step.

local E = ...
local reg, SEVERITY = E.reg, E.SEVERITY
local type, ipairs, pcall, error, tostring = type, ipairs, pcall, error, tostring

-- Whether step `si` of reaction `rid` applies; returns ok, reason text.
function E.entry.when(rid, si, incident, events)
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
