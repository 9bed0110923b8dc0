-- Analysis: which threats concern the organisation, with their scores.

local E = ...
local reg, org = E.reg, E.org
local type, ipairs, pcall, tostring = type, ipairs, pcall, tostring
local mtype = math.type
local concat = table.concat

local function eval_score(v)
  if type(v) == "function" then
    local ok, r = pcall(v, org)
    if not ok then return nil, tostring(r) end
    if mtype(r) ~= "integer" or r < 1 or r > 5 then return nil, "must return an integer from 1 to 5" end
    return r
  end
  return v
end

function E.entry.analyse()
  local res = {}
  for i, d in ipairs(reg.threat_list) do
    local r = { id = d.id }
    local ok, a, why = true, true, nil
    if d.applies then
      ok, a, why = pcall(d.applies, org)
    elseif #d.channels > 0 and E.profile() then
      -- Without applies: the threat concerns the organisation when it uses
      -- one of the threat's channels.
      a = false
      for _, ch in ipairs(d.channels) do if org:uses(ch) then a = true end end
      if not a then why = "channels not used: " .. concat(d.channels, ", ") end
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
