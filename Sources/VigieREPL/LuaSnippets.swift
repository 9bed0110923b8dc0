import Foundation

/// Lua code the session runs inside the sandbox, with the user's globals.
enum LuaSnippets {
    /// An expression `(function(...) ... end)(maxDepth, maxItems, width)`
    /// giving a function that renders its arguments as one string (tab
    /// between values), or nil when it gets none. It runs in Lua so that a
    /// huge table (all the activities) or a cycle (`_G`) never crosses into
    /// Swift: only the first `maxItems` entries of a table and `maxDepth`
    /// levels are shown. Objects with `__tostring` show as their string;
    /// a metatable's `__name` prefixes the braces; a table whose metatable is
    /// locked (the engine's read-only library tables) is read like a view,
    /// through `__pairs` and `__index`. It is put in front of the
    /// user's expression on the same line, so it must stay free of `--`
    /// comments and newlines (see `oneLine`).
    static let renderer = oneLine(
        #"""
        (function(maxDepth, maxItems, width)
          local type, tostring, pairs, next, rawget, rawlen, getmetatable, select, pcall =
            type, tostring, pairs, next, rawget, rawlen, getmetatable, select, pcall
          local sort, concat, fmt, mtype, ulen = table.sort, table.concat, string.format, math.type, utf8.len
          local keywords = {}
          for w in ("and break do else elseif end false for function goto if in local nil not or repeat return then true until while"):gmatch("%a+") do keywords[w] = true end
          local escapes = { ["\n"] = "\\n", ["\t"] = "\\t", ["\r"] = "\\r", ['"'] = '\\"', ["\\"] = "\\\\" }
          local function quote(s)
            local cut = #s > 2000
            if cut then s = s:sub(1, 2000) end
            s = s:gsub('[%c"\\]', function(c) return escapes[c] or fmt("\\%d", c:byte()) end)
            if not ulen(s) then s = s:gsub("[\128-\255]", function(c) return fmt("\\%d", c:byte()) end) end
            return '"' .. s .. (cut and '..."' or '"')
          end
          local function isident(k) return type(k) == "string" and not keywords[k] and k:match("^[%a_][%w_]*$") ~= nil end
          local rank = { number = 1, string = 2, boolean = 3 }
          local function before(a, b)
            local ta, tb = type(a), type(b)
            if ta ~= tb then return (rank[ta] or 4) < (rank[tb] or 4) end
            if ta == "number" or ta == "string" then return a < b end
            return tostring(a) < tostring(b)
          end
          local seen = {}
          local render
          local function locked(t)
            local mt = getmetatable(t)
            return mt ~= nil and type(mt) ~= "table"
          end
          local function entries(t, depth, pad)
            local ud = type(t) == "userdata" or locked(t)
            local len = ud and #t or rawlen(t)
            local parts, shown, total, keys = {}, 0, 0, {}
            for i = 1, len do
              total = total + 1
              if shown < maxItems then
                shown = shown + 1
                local v
                if ud then v = t[i] else v = rawget(t, i) end
                parts[shown] = render(v, depth + 1, pad)
              end
            end
            local iter, state, first
            if ud then iter, state, first = pairs(t) else iter, state, first = next, t, nil end
            for k in iter, state, first do
              if not (mtype(k) == "integer" and k >= 1 and k <= len) then
                total = total + 1
                if #keys < 10000 then keys[#keys + 1] = k end
              end
            end
            sort(keys, before)
            for _, k in ipairs(keys) do
              if shown >= maxItems then break end
              shown = shown + 1
              local v
              if ud then v = t[k] else v = rawget(t, k) end
              local name = isident(k) and k or ("[" .. render(k, maxDepth, pad) .. "]")
              parts[shown] = name .. " = " .. render(v, depth + 1, pad)
            end
            if total > shown then parts[#parts + 1] = fmt("... (%d more)", total - shown) end
            return parts
          end
          render = function(v, depth, pad)
            local tv = type(v)
            if tv == "string" then return quote(v) end
            if tv ~= "table" and tv ~= "userdata" then return tostring(v) end
            local mt = getmetatable(v)
            if type(mt) == "table" and rawget(mt, "__tostring") ~= nil then return tostring(v) end
            if tv == "table" and locked(v) then
              local s = tostring(v)
              if not s:find("^[%w_. -]+: #%d+$") then return s end
            end
            if tv == "userdata" and not pcall(pairs, v) then return tostring(v) end
            if seen[v] then return "<cycle>" end
            local name = ""
            if type(mt) == "table" and type(rawget(mt, "__name")) == "string" then name = rawget(mt, "__name") .. " " end
            if depth >= maxDepth then
              if tv == "table" and next(v) == nil then return name .. "{}" end
              return name .. "{...}"
            end
            local inner = pad .. "  "
            seen[v] = true
            local parts = entries(v, depth, inner)
            seen[v] = nil
            if #parts == 0 then return name .. "{}" end
            local flat = name .. "{ " .. concat(parts, ", ") .. " }"
            if #pad + #flat <= width and not flat:find("\n", 1, true) then return flat end
            return name .. "{\n" .. inner .. concat(parts, ",\n" .. inner) .. ",\n" .. pad .. "}"
          end
          return function(...)
            local n = select("#", ...)
            if n == 0 then return nil end
            local out = {}
            for i = 1, n do out[i] = render((select(i, ...)), 0, "") end
            return concat(out, "\t")
          end
        end)
        """#)

    /// Lists the identifier keys that start with `prefix` of the value at
    /// `path` from the globals (`...` = path array, prefix, methods only;
    /// `"[2]"` in the path is the integer index 2).
    /// Follows `__index` tables (classes; their metamethods are left out),
    /// and `__pairs` of read-only views and of tables whose metatable is
    /// locked (the sealed environment lists the API that way).
    static let completion = #"""
        local path, prefix, methods = ...
        local type, next, pairs, getmetatable, rawget, pcall = type, next, pairs, getmetatable, rawget, pcall
        local t = _ENV
        for i = 1, #path do
          local tt = type(t)
          if tt ~= "table" and tt ~= "userdata" and tt ~= "string" then return {} end
          local key = path[i]
          local n = key:match("^%[(%d+)%]$")
          if n then key = math.tointeger(tonumber(n)) end
          local ok, v = pcall(function() return t[key] end)
          if not ok then return {} end
          t = v
        end
        if type(t) == "string" then t = string end
        local out, seen = {}, {}
        local function consider(k, v, inherited)
          if type(k) == "string" and not seen[k] and k:sub(1, #prefix) == prefix and k:match("^[%a_][%w_]*$")
            and not (inherited and k:sub(1, 2) == "__") and k:sub(1, 8) ~= "__vigie_"
            and (not methods or type(v) == "function") then
            seen[k] = true
            out[#out + 1] = k
          end
        end
        local function add(x, level)
          if level > 5 then return end
          local mt = type(x) == "table" and getmetatable(x)
          if mt and type(mt) ~= "table" then
            local ok, iter, state, first = pcall(pairs, x)
            if ok then for k, v in iter, state, first do consider(k, v, level > 0) end end
          elseif type(x) == "table" then
            for k, v in next, x do consider(k, v, level > 0) end
            if type(mt) == "table" then add(rawget(mt, "__index"), level + 1) end
          elseif type(x) == "userdata" then
            local ok, iter, state, first = pcall(pairs, x)
            if ok then for k, v in iter, state, first do consider(k, v, level > 0) end end
          end
        end
        add(t, 0)
        return out
        """#

    /// Joins lines with spaces (the code has no comments or long strings).
    static func oneLine(_ code: String) -> String {
        code.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
