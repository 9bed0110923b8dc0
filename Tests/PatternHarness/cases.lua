-- Differential cases for vigie_pattern.c, run by harness.c.
-- NATIVE: stock string library; SAFE: the same with Vigie's find/match/gmatch/gsub.
-- Returns passed, failed.

local N, S = NATIVE, SAFE
local fmt, rep = string.format, string.rep
local concat, pack, unpack = table.concat, table.pack, table.unpack

local passed, failed = 0, 0
local shown = 0

local function ser(v)
  local t = type(v)
  if t == "string" then return fmt("%q", v)
  elseif t == "number" then return math.type(v) .. ":" .. fmt("%q", v)
  else return tostring(v) end
end

local function serpack(r)
  local t = {}
  for i = 1, r.n do t[i] = ser(r[i]) end
  return r.n .. "[" .. concat(t, ", ") .. "]"
end

local function record(ok, desc, detail)
  if ok then
    passed = passed + 1
  else
    failed = failed + 1
    shown = shown + 1
    if shown <= 40 then print("MISMATCH " .. desc .. "\n" .. (detail or "")) end
  end
end

-- Replacement values built fresh for each run (they log what they receive).
local Marker = {}
local function marker(make) return setmetatable({ make = make }, Marker) end

local FN = marker(function(log)
  return function(...)
    local r = pack(...)
    log[#log + 1] = serpack(r)
    local first = r[1]
    if first == "e" then return false end
    if first == "l" then return nil end
    if first == "1" then return 42 end
    if first == "2" then return 2.5 end
    local t = {}
    for i = 1, r.n do t[i] = tostring(r[i]) end
    return "{" .. concat(t, ",") .. "}"
  end
end)

local TBL = marker(function()
  return { h = "H", e = false, l = "L", o = 7, a = "A", hello = "HELLO", [" "] = "_",
           ["é"] = "E", [1] = "one", [3] = 3.0, ab = "AB", x = "X", ["1"] = "un" }
end)

local FN_TABLE = marker(function() return function() return {} end end)
local FN_TRUE = marker(function() return function() return true end end)
local FN_BOOM = marker(function() return function(x) if x == "b" then error("boom") end return x end end)
local TBL_BAD = marker(function() return { a = {}, b = true } end)
local TBL_META = marker(function()
  return setmetatable({}, { __index = function(_, k) return type(k) == "string" and k:upper() or nil end })
end)
-- a replacement function that itself uses the library under test
local FN_NESTED = marker(function(log, lib)
  return function(w)
    local r = lib.gsub(w, "%a", "%0.")
    log[#log + 1] = r
    return r
  end
end)

local function run(lib, fname, args)
  local log = {}
  local a = { n = args.n }
  for i = 1, args.n do
    local v = args[i]
    if getmetatable(v) == Marker then v = v.make(log, lib) end
    a[i] = v
  end
  local out
  local ok, err = pcall(function()
    if fname == "find" then
      out = pack(lib.find(unpack(a, 1, a.n)))
    elseif fname == "match" then
      out = pack(lib.match(unpack(a, 1, a.n)))
    elseif fname == "gsub" then
      out = pack(lib.gsub(unpack(a, 1, a.n)))
    elseif fname == "gmatch" then
      local it = lib.gmatch(unpack(a, 1, a.n))
      local list = {}
      for _ = 1, 300 do
        local r = pack(it())
        list[#list + 1] = serpack(r)
        if r[1] == nil then
          list[#list + 1] = serpack(pack(it()))  -- stays exhausted
          break
        end
      end
      out = { n = 1, concat(list, " | ") }
    else
      error("unknown function " .. fname)
    end
  end)
  local res = ok and ("ok " .. serpack(out)) or ("error " .. ser(err))
  return res .. (#log > 0 and (" log: " .. concat(log, "; ")) or "")
end

local function describe(fname, args)
  local t = {}
  for i = 1, args.n do
    local v = args[i]
    if getmetatable(v) == Marker then
      for k, m in pairs({ FN = FN, TBL = TBL, FN_TABLE = FN_TABLE, FN_TRUE = FN_TRUE, FN_BOOM = FN_BOOM,
                          TBL_BAD = TBL_BAD, TBL_META = TBL_META, FN_NESTED = FN_NESTED }) do
        if m == v then t[i] = k end
      end
    else
      t[i] = ser(v)
    end
  end
  return fname .. "(" .. concat(t, ", ") .. ")"
end

local function check(fname, ...)
  local args = pack(...)
  local rn = run(N, fname, args)
  local rs = run(S, fname, args)
  record(rn == rs, describe(fname, args), "  native: " .. rn .. "\n  safe:   " .. rs)
end

local function expect(desc, cond, detail)
  if detail and #detail > 300 then detail = detail:sub(1, 300) .. "..." end
  record(cond, desc, detail)
end

-- luaL_error prefixes the position of the calling Lua code, as stock Lua does
local function is_error(err, want)
  return type(err) == "string" and #err >= #want and err:sub(-#want) == want
      and (#err == #want or err:sub(-#want - 2, -#want - 1) == ": ")
end

---------------------------------------------------------------------------
-- 1. A matrix of subjects and patterns, run through every function.
---------------------------------------------------------------------------

local FR = "Élodie sera en vacances du 3 au 17 août"
local FR2 = "L'été, à Noël, où ça ? « Très » bien — déjà 42 € et 3,5 %."
local CTRL = "a\tb\nc\0d\127e\1f \r\v\f"

local pairs_list = {
  -- plain characters, anchors
  { "hello world", "o" }, { "hello world", "o w" }, { "hello world", "world" },
  { "hello world", "xyz" }, { "hello", "" }, { "", "" }, { "", "a" }, { "", "a*" },
  { "", "^$" }, { "", "$" }, { "abc", "^abc$" }, { "abc", "^b" }, { "abc", "c$" },
  { "abc", "^" }, { "abc", "$" }, { "a$b", "$b" }, { "a$b", "a$" }, { "a$b", "%$" },
  { "a$b", "$" }, { "a^b", "a^b" }, { "^a", "^^a" }, { "^a^", "^" }, { "aaa", "^a" },
  { "xaxa", "a$" }, { "a.b", "a.b" }, { "a+b", "a+b" }, { "a+b", "a%+b" },
  { "*a", "*a" }, { "?x", "?x" }, { "-x", "-x" }, { "+x", "+x" }, { "x]", "]" },
  { "a\0b\0c", "\0" }, { "a\0b\0c", "b\0" }, { "a\0b\0c", "%z" }, { "zz", "%z+" },
  -- quantifiers
  { "hello world", "l+" }, { "hello world", "l*" }, { "hello world", "l-" },
  { "hello world", "l?" }, { "hello world", "lo?" }, { "aaab", "a-b" }, { "aaab", "a*b" },
  { "aaab", "a+b" }, { "aaab", "a?b" }, { "aaab", "a-" }, { "aaab", ".-" }, { "aaab", ".*" },
  { "aaab", ".+" }, { "aaab", ".?" }, { "xaybzc", "a.-b" }, { "xaybzb", "a.*b" },
  { "xaybzb", "a.-b" }, { "  trim me  ", "^%s*(.-)%s*$" }, { "  trim me  ", "^(.-)%s*$" },
  { "key = value", "^(%w+)%s*=%s*(%w+)$" }, { "aaa", "a-a" }, { "aaa", "a-$" }, { "ab", "a*?" },
  { "a*", "a**" }, { "a+", "a+-" }, { "banana", "(an)+" }, { "banana", "a.-a" },
  { "one two  three", "%s*" }, { "one two  three", "%s-" }, { "abc", "x*" }, { "abc", "x-" },
  -- classes
  { "x = 42, y=-7.5", "%d+" }, { "x = 42, y=-7.5", "%D+" }, { "x = 42, y=-7.5", "%a+" },
  { "x = 42, y=-7.5", "%A+" }, { "x = 42, y=-7.5", "%s" }, { "x = 42, y=-7.5", "%S+" },
  { "x = 42, y=-7.5", "%w+" }, { "x = 42, y=-7.5", "%W" }, { "x = 42, y=-7.5", "%p" },
  { "x = 42, y=-7.5", "%P+" }, { "deadBEEF 0x1F", "%x+" }, { "deadBEEF 0x1F", "%X" },
  { "Hello World", "%l+" }, { "Hello World", "%u+" }, { "Hello World", "%U" },
  { CTRL, "%c" }, { CTRL, "%C+" }, { CTRL, "%g+" }, { CTRL, "%G" }, { CTRL, "%s+" },
  { CTRL, "." }, { CTRL, "%w" }, { "a.b%c(d)e[f]g", "%." }, { "a.b%c(d)e[f]g", "%%" },
  { "a.b%c(d)e[f]g", "%(" }, { "a.b%c(d)e[f]g", "%)" }, { "a.b%c(d)e[f]g", "%[" },
  { "a.b%c(d)e[f]g", "%]" }, { "a-b*c+d?e^f$g", "%-" }, { "a-b*c+d?e^f$g", "%*" },
  { "a-b*c+d?e^f$g", "%+" }, { "a-b*c+d?e^f$g", "%?" }, { "a-b*c+d?e^f$g", "%^" },
  { "a-b*c+d?e^f$g", "%$" }, { "quiz", "%q" }, { "quiz", "%Q" }, { "a_b", "%_" },
  -- sets
  { "hello world", "[aeiou]" }, { "hello world", "[^aeiou]+" }, { "cafe babe", "[a-f]+" },
  { "3.14 and 2.71", "[%d%.]+" }, { "a]b", "[]]" }, { "a]b", "[^]]+" }, { "a-b", "[a-]" },
  { "a-b", "[-a]+" }, { "x-y", "[%a-]+" }, { "a]b", "[%]]" }, { "a-z", "[a%-z]+" },
  { "abz", "[z-a]" }, { "a!b/c", "[!-/]" }, { "snake_case x", "[%w_]+" }, { "a b", "[^%s]+" },
  { CTRL, "[\0-\31]" }, { FR, "[é]" }, { FR, "[\128-\255]+" }, { "x]%", "[a-%%]" },
  { "x-z", "[%a-z]" }, { "12ab", "[^%a]" }, { "^a", "[%^a]+" }, { "^a", "[a^]+" },
  { "[x]", "[[]" }, { "[x]", "[]x[]+" }, { "a%b", "[%%]" }, { "ab-", "[b-]" },
  { "a-c", "[a-c-e]+" }, { "abcde", "[a-cd-e]+" }, { "a.b", "[.]" }, { "Aa", "[%u]" },
  { "Aa1", "[%A]" }, { "a\0b", "[\0]" }, { "a\0b", "[^\0]+" }, { "a\0b", "[%z]" },
  -- captures and back-references
  { "abc", "(a)(b)(c)" }, { "abc", "((a)(b))" }, { "abc", "()a()" }, { "abc", "()" },
  { "abc", "()()" }, { "abc", "(()())" }, { "aab cd", "(a*(.)%w(%s*))" }, { "hello", "(h)(e)(l)(l)(o)" },
  { "hello", "(.)%1" }, { "hello hello", "(%a+) %1" }, { "abab", "((.)%2)" }, { "aaa", "(a*)b%1" },
  { "xaax", "(a)%1" }, { "abcabc", "(a(b)c)%1%2" }, { "a=b", "(%w)=(%w)" },
  { "say 'hi' or \"yo\"", "([\"'])(.-)%1" }, { "abc", "()b" }, { "abc", "(b)()" },
  { "abc", "()(b)%2" }, { "abab", "()a%1" }, { "x", "(x)()" },
  -- balance and frontier
  { "f(a(b)c) g(x", "%b()" }, { "{a{b}}{c", "%b{}" }, { "'a' 'b", "%b''" }, { "x(y", "%b()" },
  { "))((", "%b)(" }, { "axyxyb", "%bxy" }, { "(((", "%b((" }, { "THE (quick) fox", "%f[%a]%a+" },
  { "THE (quick) fox", "%f[%A]" }, { "THE (quick) fox", "%f[%l]%a" }, { "abc", "%f[%z]" },
  { "abc", "%f[\0]" }, { "aab", "%f[^a]" }, { "hello world", "%f[%w]%w+" },
  { "hello world", "%f[%W]" }, { "aXb", "%f[%u]." }, { "ab", "%f[a]%f[a]a" },
  -- errors (raised when reached)
  { "abc", "(" }, { "abc", "(()" }, { "abc", "a)" }, { "abc", ")" }, { "abc", "%" },
  { "abc", "a%" }, { "abc", "[a" }, { "abc", "[^" }, { "abc", "[]" }, { "abc", "[^]" },
  { "abc", "%b" }, { "abc", "%ba" }, { "abc", "%f" }, { "abc", "%fa" }, { "abc", "%f[a" },
  { "abc", "%0" }, { "abc", "%1" }, { "abc", "(%1)" }, { "abc", "(a)%2" }, { "abc", "[%" },
  { "abc", "[a%" }, { "abc", "[%]" }, { "b", "a[" }, { "b", "a+[" }, { "a", "a+[" },
  { "b", "a%" }, { "abc", "x(" }, { "abc", "x)" }, { "abc", "b)" }, { "abc", "(b" },
  { "abc", "()%1" }, { "abc", "(()%1)" }, { "abc", "a*%" }, { "abc", "a?[" }, { "abc", "a-%b" },
  { "abc", "%bab%b" }, { "abc", "^%" }, { "abc", "^(" },
  -- UTF-8 French text
  { FR, "%a+" }, { FR, "août" }, { FR, "é" }, { FR, "(%d+) au (%d+)" }, { FR, "%f[%w]%w+" },
  { FR, "[^%s]+" }, { FR, "%u" }, { FR, "É%a*" }, { FR, "[À-ÿ]" }, { FR, "." }, { FR, ".." },
  { FR, "vacances" }, { FR, "^Élodie" }, { FR, "%d%d?" }, { FR, "[\192-\255][\128-\191]*" },
  { FR, "[%z\1-\127\194-\244][\128-\191]*" }, { FR, "du (%d+) au (%d+) (%S+)$" },
  { FR2, "%p" }, { FR2, "«%s*(.-)%s*»" }, { FR2, "%d+,?%d*" }, { FR2, "[^\128-\255]+" },
  { FR2, "%S+" }, { FR2, "(%w+)'(%w+)" }, { FR2, "€" }, { FR2, "%b«»" }, { FR2, "[,;:!?]" },
}

-- long patterns: more nodes and sets than fit in the matcher's stack storage
do
  local long1 = rep("[%w][^%s]", 12) .. "(%a+)%s+(%d+)"
  local long2 = rep("x?", 40) .. "hello"
  local long3 = "^" .. rep("(.)", 20) .. rep("[a-z]?", 8) .. "%f[%s]"
  local subj = "abcdefghijklmnopqrstuvwxyz0123456789 hello 42 world 17"
  for _, p in ipairs({ long1, long2, long3, rep("%a", 33), rep("[ab]", 5), rep("[a-z]", 30) .. "(", rep("a", 100) }) do
    pairs_list[#pairs_list + 1] = { subj, p }
    pairs_list[#pairs_list + 1] = { rep("a", 120) .. " hello 7", p }
  end
end

local REPLS = { "<%0>", "%1", "[%1|%2]", "%%", "", "x%%y", FN, TBL }

for _, pr in ipairs(pairs_list) do
  local s, p = pr[1], pr[2]
  check("find", s, p)
  check("match", s, p)
  check("gmatch", s, p)
  check("find", s, p, 2)
  check("match", s, p, -3)
  check("gmatch", s, p, 3)
  for _, r in ipairs(REPLS) do check("gsub", s, p, r) end
  check("gsub", s, p, "#", 1)
end

---------------------------------------------------------------------------
-- 2. init arguments, plain find, gsub counts.
---------------------------------------------------------------------------

local INITS = { -100, -12, -11, -5, -1, 0, 1, 2, 5, 10, 11, 12, 13, 100,
                math.mininteger, math.maxinteger, 3.0, "2", " 4 " }
for _, s in ipairs({ "", "a", "hello world", FR }) do
  for _, p in ipairs({ "", "o", "l+", "^h", "()", "%a*", "$", "x*$", "o w", "%f[%w]" }) do
    for _, i in ipairs(INITS) do
      check("find", s, p, i)
      check("match", s, p, i)
      check("gmatch", s, p, i)
    end
  end
  for _, p in ipairs({ "", "o", "l", "ll", "world", "hello world!", "a.", "%a", "(", "[", "^h" }) do
    for _, i in ipairs({ -3, 0, 1, 4, 11, 12, 13 }) do
      check("find", s, p, i, true)
      check("find", s, p, i, 1)
      check("find", s, p, i, false)
      check("find", s, p, i, nil)
    end
  end
end

for _, n in ipairs({ -1, 0, 1, 2, 3, 1000, 2.0, math.maxinteger, math.mininteger }) do
  for _, p in ipairs({ "%a", "", "l", "^h", "^", "o*", "%w+" }) do
    check("gsub", "hello world", p, "<%0>", n)
    check("gsub", "hello world", p, FN, n)
  end
end

---------------------------------------------------------------------------
-- 3. gsub replacements, empty matches, gmatch rules.
---------------------------------------------------------------------------

local gsub_cases = {
  { "hello world", "o", "0" }, { "hello world", "(o)", "%1%1" }, { "hello world", "o", "%0%0" },
  { "hello world", "o", "%%" }, { "hello world", "o", "%" }, { "hello world", "o", "a%" },
  { "hello world", "o", "%a" }, { "hello world", "o", "%2" }, { "hello world", "(o)", "%2" },
  { "hello world", "(o)", "%9" }, { "hello world", "o", "%1" }, { "hello world", "()o", "%1" },
  { "hello world", "()o()", "%1-%2" }, { "hello world", "(o", "%0" }, { "hello world", "(o", "x" },
  { "hello world", "(o", "%1" }, { "hello world", "o", "\0%%\0" }, { "hello world", "o", "%\0" },
  { "hello world", "(l)(l)", "%2%1" }, { "hello world", "", "-" }, { "abc", "%w*", "-" },
  { "abc", "b*", "X" }, { "hello world", "o*", "X" }, { "abc", "", "" }, { "", "", "x" },
  { "", "x*", "y" }, { "abc", "^", ">" }, { "abc", "$", "<" }, { "abc", "^$", "E" },
  { "abc", ".-", "." }, { "a b c", "%s*", "_" }, { "hello", "l*", "L" },
  { "hello world", "%w+", FN }, { "hello world", "(%w+) (%w+)", FN }, { "hello world", "()(l+)()", FN },
  { "e l x 1 2", "%S", FN }, { "hello", "%a", TBL }, { "hello world", "%w+", TBL },
  { "a b c", "()%a", TBL }, { "a b", "%a", FN_TABLE }, { "a b", "%a", FN_TRUE },
  { "a b c", "%a", FN_BOOM }, { "a b", "%a", TBL_BAD }, { "a b", "(%a)", TBL_META },
  { "hello world", "%w+", FN_NESTED }, { "hello world", "(o", FN }, { "hello world", "(o", TBL },
  { 12345, 3, 9 }, { 12345, "%d", 0.5 }, { "abc", "b", 7 }, { "abc", "b", -0.0 }, { "abc", "b", 1e100 },
  { "abc", "b", math.mininteger }, { "hello", "(l)(l)", { ll = 1 } },
}
for _, c in ipairs(gsub_cases) do check("gsub", c[1], c[2], c[3]) end

-- One single-character item, once or repeated, by a string without '%'
-- (gsub's loop without the matcher), and patterns led by a frontier
-- (start positions skipped to the frontier's set): with counts too.
local single_subjects = { "", "a", "Hello WORLD, été 2026!", "  a  b\0c\0\0 ", "ÉTÉ À L'ÎLE", "aaa bbb", "\0" }
local single_patterns = { "%a", "%u", "%a+", "[%s,]+", ".", ".+", "a", "a+", "[^%a]", "[^%a]+", "%z", "%z+",
                          "[\0a]+", "%f[%a]%u+", "%f[%a]%u%u%u%u+%f[%A]", "%f[%w]%w+", "%f[%z]", "%f[^%a]", "%f[%a]" }
for _, subject in ipairs(single_subjects) do
  for _, p in ipairs(single_patterns) do
    for _, r in ipairs({ "", "-", "<>", "\0" }) do
      check("gsub", subject, p, r)
      check("gsub", subject, p, r, 1)
      check("gsub", subject, p, r, 0)
      check("gsub", subject, p, r, -1)
    end
    check("gmatch", subject, p)
    check("find", subject, p)
    check("find", subject, p, 3)
  end
end

for _, c in ipairs({
  { "abc", "" }, { "abc", "a*" }, { "abc", "b*" }, { "aaa", "a*" }, { "a,b,,c", "([^,]*)" },
  { "hello world from lua", "%a+" }, { "k1=v1, k2=v2", "(%w+)=(%w+)" }, { "abc", "()" },
  { "^a^a", "^a" }, { "abc", "^" }, { "", "" }, { "", "x" }, { "abc", "$" }, { "abc", ".-" },
  { "one two", "%f[%w]()" }, { "abc", "(b" }, { "abc", "[" },
}) do
  check("gmatch", c[1], c[2])
  check("gmatch", c[1], c[2], 2)
  check("gmatch", c[1], c[2], -1)
  check("gmatch", c[1], c[2], 4)
  check("gmatch", c[1], c[2], 5)
end

---------------------------------------------------------------------------
-- 4. argument errors and coercions.
---------------------------------------------------------------------------

for _, f in ipairs({ "find", "match", "gmatch", "gsub" }) do
  check(f)
  check(f, "a")
  check(f, "a", {})
  check(f, {}, "a")
  check(f, nil, "a")
  check(f, "a", "a", "x")
  check(f, "a", "a", 1.5)
  check(f, "a", "a", "2")
  check(f, "a", "a", {})
  check(f, 12345, 3)
  check(f, 12.5, "%.")
  check(f, "abc", "b", nil)
  check(f, true, "a")
end
check("gsub", "abc", "b")
check("gsub", "abc", "b", true)
check("gsub", "abc", "b", nil)
check("gsub", "abc", "b", "x", "y")
check("gsub", "abc", "b", "x", 1.5)
check("gsub", "abc", "b", true, "y")
check("gsub", "abc", "b", nil, {})
check("find", "abc", "b", 1, true, "extra")

---------------------------------------------------------------------------
-- 5. limits shared with stock Lua: captures and matcher depth.
---------------------------------------------------------------------------

local s32 = rep("a", 40)
check("match", s32, rep("(a)", 32))
check("match", s32, rep("(a)", 33))
check("match", s32, rep("(", 32) .. "a" .. rep(")", 32))
check("match", s32, rep("(", 33) .. "a" .. rep(")", 33))
check("find", s32, rep("()", 32))
check("find", s32, rep("()", 33))
check("gsub", s32, rep("(a)", 32), "%9")
check("match", "b", rep("(a)", 33))   -- too many captures is raised only when reached
check("match", "", rep("(", 40))
for k = 190, 205 do
  check("match", rep("a", k), rep("a?", k))
  check("match", rep("a", k), rep("a?", k) .. "$")
  check("match", "b", rep("a?", k))
  check("match", rep("a", 4), rep("a*", k))
  check("match", rep("a", 4), rep("a-", k))
  if k >= 200 then check("find", rep("a", k), rep("a?", k) .. "b") end -- depth error first
end
for k = 95, 110 do
  check("match", rep("a", 140), rep("(a?)", 32) .. rep("a?", k))
  check("match", rep("a", 140), rep("()", 32) .. rep("a?", k))
  check("match", rep("a", 140), rep("(", 32) .. rep("a?", k) .. rep(")", 32))
end
check("match", rep("a", 300), rep("a?", 300))
check("gsub", rep("a", 300), rep("a?", 300), "x")

---------------------------------------------------------------------------
-- 6. seeded random fuzz.
---------------------------------------------------------------------------

-- VIGIE_FUZZ_SEED / VIGIE_FUZZ_CASES override the defaults (for longer local runs)
local seed = math.tointeger(tonumber(os.getenv("VIGIE_FUZZ_SEED") or "")) or 20240817
local FUZZ_CASES = math.tointeger(tonumber(os.getenv("VIGIE_FUZZ_CASES") or "")) or 3000
local function rnd(n)      -- 1..n
  seed = (seed * 6364136223846793005 + 1442695040888963407) & 0x7fffffffffffffff
  return (seed >> 33) % n + 1
end
local function pick(t) return t[rnd(#t)] end

local SUBJ_CHARS = { "a", "a", "a", "b", "b", "c", " ", "(", ")", "1", "_", "A", ".", "-", "é" }
local LITS = { "a", "a", "b", "b", "c", " ", "1", "A", "-", "^", "$", "]", "*", "?", "+", "é" }
local CLASSES = { ".", "%a", "%d", "%s", "%w", "%W", "%p", "%x", "%l", "%u", "%A", "%S",
                  "%.", "%%", "%(", "%)", "%]", "%-", "%z", "%1x" }
local SETS = { "[ab]", "[^a]", "[a-c]", "[%d_]", "[]a]", "[^]b]", "[a-]", "[%a-]", "[ %(]",
               "[^%s]", "[b-a]", "[%%a]", "[.]", "[\128-\255]", "[a%]]" }
local MALFORMED = { "%", "[a", ")", "%b", "%fa", "%0", "(", "[%" }
local QUANTS = { "", "", "", "*", "+", "-", "?" }

local function gen_item(budget, depth)
  local r = rnd(100)
  if r <= 35 then
    local a = pick(LITS)
    if budget.q > 0 and rnd(3) == 1 then budget.q = budget.q - 1; return a .. pick(QUANTS) end
    return a
  elseif r <= 55 then
    local a = pick(CLASSES)
    if a == "%1x" then return "%" .. rnd(3) end
    if budget.q > 0 and rnd(2) == 1 then budget.q = budget.q - 1; return a .. pick(QUANTS) end
    return a
  elseif r <= 70 then
    local a = pick(SETS)
    if budget.q > 0 and rnd(2) == 1 then budget.q = budget.q - 1; return a .. pick(QUANTS) end
    return a
  elseif r <= 84 and depth < 3 then
    if rnd(5) == 1 then return "()" end
    local inner = {}
    for i = 1, rnd(3) do inner[i] = gen_item(budget, depth + 1) end
    return "(" .. concat(inner) .. ")"
  elseif r <= 88 then
    return "%" .. rnd(3)
  elseif r <= 92 then
    return pick({ "%b()", "%bab", "%b((", "%b  " })
  elseif r <= 96 then
    return pick({ "%f[%w]", "%f[^a]", "%f[%a]", "%f[ ]", "%f[%z]" })
  elseif r <= 98 then
    return pick(MALFORMED)
  else
    return pick(LITS)
  end
end

local function gen_pattern()
  local budget = { q = 3 }   -- at most three quantifiers: no exponential cases
  local items = {}
  if rnd(6) == 1 then items[1] = "^" end
  for _ = 1, rnd(5) do items[#items + 1] = gen_item(budget, 0) end
  if rnd(6) == 1 then items[#items + 1] = "$" end
  return concat(items)
end

local function gen_subject()
  local t = {}
  for i = 1, rnd(11) - 1 do t[i] = pick(SUBJ_CHARS) end
  return concat(t)
end

local FUZZ_REPLS = { "<%0>", "%1", "%2%1", "[%0]", FN, TBL, "%%", "x" }
expect("hand-written cases did not trip the step limit", vigie_tripped() == false)
vigie_set_limits(100000000, 0)
for _ = 1, FUZZ_CASES do
  local s, p = gen_subject(), gen_pattern()
  local init = rnd(4) == 1 and (rnd(15) - 8) or nil
  check("find", s, p, init)
  check("match", s, p, init)
  check("gmatch", s, p, init)
  check("gsub", s, p, pick(FUZZ_REPLS), rnd(3) == 1 and rnd(4) - 1 or nil)
end
vigie_set_limits(0, 0)
expect("fuzz did not trip the step limit", vigie_tripped() == false)

---------------------------------------------------------------------------
-- 7. the step limit (SAFE only).
---------------------------------------------------------------------------

local function stopped(desc, f, limit, max_seconds)
  vigie_tripped()
  local t0 = vigie_now()
  local ok, err = pcall(f)
  local dt = vigie_now() - t0
  local want = fmt("pattern too complex: step limit of %d steps exceeded", limit)
  expect(desc .. ": raises the step-limit error", not ok and is_error(err, want),
         "  got: " .. tostring(ok) .. " " .. tostring(err) .. "\n  want: " .. want)
  expect(desc .. ": stops quickly (" .. fmt("%.3f", dt) .. " s)", dt < (max_seconds or 1.0))
  expect(desc .. ": records the step limit", vigie_tripped() == true)
  return dt
end

local cat_s, cat_p = rep("a", 40), rep("a?", 40) .. rep("a", 40)
local cat_limit = 1000000 + 64 * 40
local dt = stopped("catastrophic match", function() return S.match(cat_s, cat_p) end, cat_limit)
print(fmt("catastrophic string.match stopped after %.1f ms", dt * 1000))
stopped("catastrophic find", function() return S.find(cat_s, cat_p) end, cat_limit)
stopped("catastrophic gsub", function() return S.gsub(cat_s, cat_p, "x") end, cat_limit)
stopped("catastrophic gmatch", function() for _ in S.gmatch(cat_s, cat_p) do end end, cat_limit)
stopped("catastrophic method call", function()
  local saved = string.match
  local mt = getmetatable("")
  local old = mt.__index
  mt.__index = S
  local ok, err = pcall(function() return cat_s:match(cat_p) end)
  mt.__index = old
  if not ok then error(err, 0) end
end, cat_limit)
stopped("catastrophic in a coroutine", function()
  local co = coroutine.wrap(function() return S.match(cat_s, cat_p) end)
  return co()
end, cat_limit)
stopped("polynomial .-.-.- ", function()
  return S.find(rep("a", 3000), ".-.-.-b")
end, 1000000 + 64 * 3000, 3.0)
stopped("%b over a long run of openers", function()
  return S.gsub(rep("(", 200000), "%b()", "")
end, 1000000 + 64 * 200000, 3.0)
stopped("back-references over a long string", function()
  return S.find(rep("a", 100000) .. "b", "(a+)%1c")
end, 1000000 + 64 * 100001, 3.0)
stopped("plain find with a long repetitive needle", function()
  return S.find(rep("a", 400000), rep("a", 200000) .. "b", 1, true)
end, 1000000 + 64 * 400000, 3.0)

-- configured limits
vigie_set_limits(500, 1)
stopped("small configured limit", function() return S.match(cat_s, cat_p) end, 540)
expect("small limit: light calls still pass",
       S.match("key = value", "^(%w+)%s*=%s*(%w+)$") == "key" and vigie_tripped() == false)
vigie_set_limits(0, 0)

-- the depth limit is stock Lua behaviour: error, but not a trip
do
  local ok, err = pcall(S.match, rep("a", 300), rep("a?", 300))
  expect("depth limit gives 'pattern too complex'", not ok and is_error(err, "pattern too complex"), tostring(err))
  expect("depth limit does not record the step limit", vigie_tripped() == false)
end

-- a kill (deadline / interrupt) reported by vigie_limits_check stops the matcher
vigie_set_limits(1000000000000, 0)
do
  local checks0 = vigie_checks()
  vigie_set_deadline(-1)
  local t0 = vigie_now()
  local ok, err = pcall(S.match, cat_s, cat_p)
  local dt = vigie_now() - t0
  expect("deadline: the matcher raises the kill", not ok and err == "vigie: script stopped (deadline exceeded)",
         tostring(err))
  expect("deadline: quickly", dt < 0.1)
  expect("deadline: not a step-limit trip", vigie_tripped() == false)
  vigie_set_deadline(0.3)
  t0 = vigie_now()
  ok, err = pcall(S.match, cat_s, cat_p)
  dt = vigie_now() - t0
  expect("deadline in 0.3 s: stops near it (" .. fmt("%.3f", dt) .. " s)",
         not ok and is_error(err, "vigie: script stopped (deadline exceeded)") and dt >= 0.3 and dt < 0.5, tostring(err))
  vigie_set_deadline(0)
  vigie_set_interrupt(true)
  ok, err = pcall(S.gsub, cat_s, cat_p, "")
  expect("interrupt: the matcher raises the kill", not ok and is_error(err, "vigie: script stopped (interrupted)"),
         tostring(err))
  vigie_set_interrupt(false)
  expect("limits are polled", vigie_checks() > checks0)
end
vigie_set_limits(0, 0)

-- a legitimate gsub over 1 MB passes with a limit of a few million steps
local words = { "le", "chat", "dort", "sur", "la", "fenêtre", "pendant", "que", "Élodie",
                "prépare", "ses", "vacances", "du", "3", "au", "17", "août", "à", "Besançon" }
local function make_text(size, seps)
  local t, n = {}, 0
  while n < size do
    local w = pick(words) .. pick(seps)
    t[#t + 1] = w
    n = n + #w
  end
  return concat(t)
end
local MB = make_text(1024 * 1024, { " ", " ", " ", "  ", "\n", ", ", ". ", "\t " })
do
  vigie_set_limits(2000000, 1)
  local limit = 2000000 + #MB
  print(fmt("1 MB gsub with a limit of %d steps", limit))
  local ok, r1, n1 = pcall(S.gsub, MB, "%s+", " ")
  local r2, n2 = N.gsub(MB, "%s+", " ")
  expect("1 MB gsub %s+ passes a limit of ~3M steps", ok and r1 == r2 and n1 == n2, tostring(r1))
  ok, r1, n1 = pcall(S.gsub, MB, "(%w+)", "<%1>")
  r2, n2 = N.gsub(MB, "(%w+)", "<%1>")
  expect("1 MB gsub (%w+) passes", ok and r1 == r2 and n1 == n2, tostring(r1))
  ok, r1 = pcall(function()
    local c = 0
    for w in S.gmatch(MB, "%a+") do c = c + #w end
    return c
  end)
  local c2 = 0
  for w in N.gmatch(MB, "%a+") do c2 = c2 + #w end
  expect("1 MB gmatch %a+ passes", ok and r1 == c2, tostring(r1))
  expect("1 MB: no trip", vigie_tripped() == false)
  -- the smallest configurable limit is base + 1 step per byte: a capture-heavy
  -- pattern over 1 MB needs more than that
  vigie_set_limits(1000, 1)
  ok, r1 = pcall(S.gsub, MB, "(%w+)(%s*)", "%2%1")
  expect("1 MB gsub with a too small limit trips", not ok and vigie_tripped() == true
         and is_error(r1, fmt("pattern too complex: step limit of %d steps exceeded", 1000 + #MB)), tostring(r1))
  vigie_set_limits(0, 0)
end

---------------------------------------------------------------------------
-- 8. speed against the native functions.
---------------------------------------------------------------------------

if BENCH then
  local sentences = {
    "Élodie sera en vacances du 3 au 17 août.",
    "Le comité se réunira à Besançon après la fête de Noël.",
    "Où êtes-vous allés l'été dernier ? À Saint-Malo, évidemment !",
    "Les élèves ont étudié « Les Misérables » pendant trois semaines.",
    "Il fait 28 °C à l'ombre ; la canicule s'éternise jusqu'au 15 septembre.",
    "François a acheté 12 croissants, 3 baguettes et un pain au chocolat.",
    "Ça ne se passera pas comme ça, répondit Zoé en haussant les épaules.",
    "Nous déménagerons le 1er octobre, rue des Écoles, au numéro 42.",
    "La réunion   de  lundi est reportée\tà une date ultérieure.",
    "Grâce à vous, notre association a récolté 1 250 € cette année.",
  }
  local parts, size = {}, 0
  while size < 100 * 1024 do
    local x = pick(sentences) .. pick({ " ", " ", "\n", "  ", "\n\n" })
    parts[#parts + 1] = x
    size = size + #x
  end
  local text = concat(parts)
  local lines = {}
  for l in N.gmatch(text, "[^\n]+") do lines[#lines + 1] = "  " .. l .. "   " end

  local workloads = {
    { "gsub %s+ -> ' ' (100 KB)", 20, function(L) return L.gsub(text, "%s+", " ") end },
    { "find plain word, all hits", 200, function(L)
        local i, c = 1, 0
        while true do
          local a, b = L.find(text, "vacances", i)
          if not a then break end
          c = c + 1
          i = b + 1
        end
        return c
      end },
    { "gmatch %a+ (100 KB)", 20, function(L)
        local c = 0
        for _ in L.gmatch(text, "%a+") do c = c + 1 end
        return c
      end },
    { "match trim per line", 20, function(L)
        local c = 0
        for i = 1, #lines do c = c + #L.match(lines[i], "^%s*(.-)%s*$") end
        return c
      end },
    { "gsub (%w+) -> <%1>", 10, function(L) return L.gsub(text, "(%w+)", "<%1>") end },
    { "find %d+ août, all hits", 50, function(L)
        local i, c = 1, 0
        while true do
          local a, b = L.find(text, "%d+ août", i)
          if not a then break end
          c = c + 1
          i = b + 1
        end
        return c
      end },
    { "match date, short subject x10000", 20, function(L)
        local c = 0
        for i = 1, 10000 do
          local y, m, d = L.match("2024-08-17", "^(%d+)-(%d+)-(%d+)$")
          c = c + #d
        end
        return c
      end },
    { "gmatch words per line", 20, function(L)
        local c = 0
        for i = 1, #lines do
          for w in L.gmatch(lines[i], "%S+") do c = c + 1 end
        end
        return c
      end },
    { "gsub %a+ with a function", 10, function(L)
        return L.gsub(text, "%a+", function(w) return #w > 3 and w or nil end)
      end },
    { "gmatch (%a+) (%a+) pairs", 20, function(L)
        local c = 0
        for a, b in L.gmatch(text, "(%a+) (%a+)") do c = c + #a + #b end
        return c
      end },
  }

  local function timeit(f, lib, reps)
    local t0 = os.clock()
    local r
    for _ = 1, reps do r = f(lib) end
    return os.clock() - t0, r
  end

  local worst = 0
  for _, w in ipairs(workloads) do
    local name, reps, f = w[1], w[2], w[3]
    local bn, bs = math.huge, math.huge
    local rn, rs
    for _ = 1, 7 do
      local tn, tr = timeit(f, N, reps)
      local ts, sr = timeit(f, S, reps)
      if tn < bn then bn = tn end
      if ts < bs then bs = ts end
      rn, rs = tr, sr
    end
    expect("bench result identical: " .. name, rn == rs)
    local ratio = bs / bn
    if ratio > worst then worst = ratio end
    print(fmt("bench %-34s native %8.3f ms  safe %8.3f ms  ratio %.2f",
              name, bn * 1000 / reps, bs * 1000 / reps, ratio))
  end
  print(fmt("bench worst ratio %.2f", worst))
end

return passed, failed
