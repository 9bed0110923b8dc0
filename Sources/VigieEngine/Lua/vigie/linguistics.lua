-- The linguistic layer as scripts see it: ling.lexicon, ling.pattern,
-- ling.vocab, ling.tokens, ling.sentences, ling.stem (docs/toolkit.md, "The
-- linguistic layer"). The host tokenizes, stems and matches; this file
-- checks what a script hands over and wraps each compiled lexicon or
-- pattern in a read-only object.

local E = ...
local host = E.host.ling
local type, error, ipairs, setmetatable, tostring = type, error, ipairs, setmetatable, tostring
local fmt = string.format
local concat = table.concat

-- A table, or a read-only view of host data (a plugin's parameters, a post).
local function is_list(v) return type(v) == "table" or type(v) == "userdata" end

-- Matchers: the host holds the compiled lexicon or pattern; a matcher
-- object is an empty, read-only table whose id only the engine knows.
local matchers = setmetatable({}, { __mode = "k" }) -- object -> { id, count, what }

local function matcher_of(self, method)
  local m = matchers[self]
  if m == nil then
    error(fmt("matcher:%s must be called on a ling lexicon or pattern, as in words:%s(s)", method, method), 3)
  end
  return m
end

local function check_filter(what, filter)
  if not is_list(filter) then
    error(fmt("%s: the filter must be a table such as { negated = false, question = true }", what), 3)
  end
end

-- The filter goes to the host field by field (reading a table there costs more).
local match, contains = host.match, host.contains
local Methods = {}
function Methods:matches(s, filter)
  local m = matcher_of(self, "matches")
  if type(s) ~= "string" then error(m.what .. ":matches expects a text", 2) end
  if filter == nil then return match(m.id, s) end
  check_filter(m.what .. ":matches", filter)
  return match(m.id, s, filter.negated, filter.question, filter.overlapping, filter.language, filter.category)
end
function Methods:contains(s, filter)
  local m = matcher_of(self, "contains")
  if type(s) ~= "string" then error(m.what .. ":contains expects a text", 2) end
  if filter == nil then return contains(m.id, s) end
  check_filter(m.what .. ":contains", filter)
  return contains(m.id, s, filter.negated, filter.question, filter.overlapping, filter.language, filter.category)
end
function Methods:count() return matcher_of(self, "count").count end

local MatcherMT = {
  __index = Methods,
  __newindex = function(self, k) error(fmt("%s.%s is read-only", matchers[self].what, tostring(k)), 2) end,
  __len = function(self) return matchers[self].count end,
  __tostring = function(self)
    local m = matchers[self]
    return fmt("ling %s (%d %s)", m.what, m.count, m.what == "pattern" and "patterns" or "terms")
  end,
  __name = "ling matcher",
  __metatable = "ling matcher",
}

local function new_matcher(id, count, what)
  local object = E.seal(setmetatable({}, MatcherMT), what)
  matchers[object] = { id = id, count = count, what = what }
  return object
end

-- ling.lexicon { "crétin", { term = "j'en ai marre", category = "ras-le-bol", weight = 2 },
--                language = "fr", category = "insulte", weight = 1, gap = 1 }
local function lexicon(spec)
  if not is_list(spec) then error("ling.lexicon expects a table of terms", 2) end
  local terms = {}
  local language, category, weight = spec.language, spec.category, spec.weight
  for i, t in ipairs(spec) do
    if type(t) == "string" then
      terms[i] = { term = t, language = language, category = category, weight = weight }
    elseif is_list(t) and type(t.term) == "string" then
      terms[i] = { term = t.term, language = t.language or language, category = t.category or category,
                   weight = t.weight or weight }
    else
      error(fmt("ling.lexicon: term %d must be a text or { term = ..., category = ... }", i), 2)
    end
  end
  local gap = spec.gap or 0
  if type(gap) ~= "number" or gap < 0 or gap > 8 or gap % 1 ~= 0 then
    error("ling.lexicon: gap must be a whole number from 0 to 8", 2)
  end
  local id, count, empty = host.lexicon(terms, gap)
  if #empty > 0 then
    error(fmt("ling.lexicon: term %d (%q) has no word to match", empty[1], terms[empty[1]].term), 2)
  end
  return new_matcher(id, count, "lexicon")
end

-- ling.pattern "tu vas … regretter"
-- ling.pattern { "paie … ou", { pattern = "sinon je publie", category = "publication" }, language = "fr" }
local function pattern(spec)
  local list = {}
  if type(spec) == "string" then
    list[1] = { pattern = spec }
  elseif is_list(spec) then
    local language, category, weight = spec.language, spec.category, spec.weight
    for i, p in ipairs(spec) do
      if type(p) == "string" then
        list[i] = { pattern = p, language = language, category = category, weight = weight }
      elseif is_list(p) and type(p.pattern) == "string" then
        list[i] = { pattern = p.pattern, language = p.language or language, category = p.category or category,
                    weight = p.weight or weight }
      else
        error(fmt("ling.pattern: pattern %d must be a text or { pattern = ..., category = ... }", i), 2)
      end
    end
    if #list == 0 then error("ling.pattern: no pattern given", 2) end
  else
    error("ling.pattern expects a pattern (a text) or a list of them", 2)
  end
  local id, count = host.pattern(list)
  if id == nil then error("ling.pattern: " .. tostring(count), 2) end
  return new_matcher(id, count, "pattern")
end

-- ling.vocab("insult"): a built-in vocabulary (vocab.names), matched by stems.
local vocab_cache = {}
local function vocab(name)
  local v = vocab_cache[name]
  if v then return v end
  local id, count = host.vocab(name)
  if id == nil then
    error(fmt("ling.vocab: no vocabulary named %q; the vocabularies are %s", tostring(name),
      concat(host.vocabularies(), ", ")), 2)
  end
  v = new_matcher(id, count, "vocab")
  vocab_cache[name] = v
  return v
end

E.api.ling = E.readonly("ling", {
  lexicon = lexicon,
  pattern = pattern,
  vocab = vocab,
  tokens = host.tokens,
  sentences = host.sentences,
  stem = host.stem,
})
