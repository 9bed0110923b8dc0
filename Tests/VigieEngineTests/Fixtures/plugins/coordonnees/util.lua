local M = {}
function M.digits(s)
  local n = 0
  for _ in s:gmatch("%d") do n = n + 1 end
  return n
end
return M
