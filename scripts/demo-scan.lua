-- A first look at an imported export, run in Vigie's sandbox:
-- activities per platform and kind, and posts that show a phone number.
-- `data` is the imported JSONL stream (read-only).
local by_platform, flagged = {}, {}
for _, a in ipairs(data) do
  local key = a.platform .. "/" .. a.kind
  by_platform[key] = (by_platform[key] or 0) + 1
  local text = a.text or ""
  if text:find("%d%d[ .-]?%d%d[ .-]?%d%d[ .-]?%d%d[ .-]?%d%d") or text:find("%(?%d%d%d%)?[ .-]%d%d%d[ .-]%d%d%d%d") then
    flagged[#flagged + 1] = a.id
  end
end
print(("%d activities read"):format(#data))
local keys = {}
for k in pairs(by_platform) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do print(("  %-28s %d"):format(k, by_platform[k])) end
return { activities = #data, with_phone_number = flagged }
