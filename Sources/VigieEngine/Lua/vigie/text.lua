-- The text toolkit as scripts see it: text.*, pii.*, links.*, dates.*,
-- geo.*, vocab and lexicon objects. The host does the work (folding,
-- detectors, lexicons of tens of thousands of terms); this file adds
-- what is simpler in Lua and hands everything out read-only.

local E = ...
local api, host = E.api, E.host
local type, error, pairs, ipairs, setmetatable, tostring, getmetatable = type, error, pairs, ipairs, setmetatable, tostring,
  getmetatable
local fmt, find, sub = string.format, string.find, string.sub
local concat = table.concat
local ulen = utf8.len
local sin, cos, asin, sqrt, min, pi = math.sin, math.cos, math.asin, math.sqrt, math.min, math.pi
local lex = host.lex

-- Lexicons: the host holds the terms; a lexicon object is an empty,
-- read-only table whose id and size only the engine knows.
local lexicons = setmetatable({}, { __mode = "k" }) -- object -> { id = ..., count = ... }

local function lexicon_of(self, method)
  local l = lexicons[self]
  if l == nil then error(fmt("lexicon:%s must be called on a lexicon, as in words:%s(s)", method, method), 3) end
  return l
end

local Methods = {}
function Methods:matches(s)
  local l = lexicon_of(self, "matches")
  if type(s) ~= "string" then error("lexicon:matches expects a text", 2) end
  return lex.match(l.id, s)
end
-- The match that starts first (the longest there), or nil.
function Methods:first(s)
  local l = lexicon_of(self, "first")
  if type(s) ~= "string" then error("lexicon:first expects a text", 2) end
  return lex.first(l.id, s)
end
function Methods:contains(s)
  local l = lexicon_of(self, "contains")
  if type(s) ~= "string" then error("lexicon:contains expects a text", 2) end
  return lex.contains(l.id, s)
end
function Methods:count() return lexicon_of(self, "count").count end

local LexiconMT = {
  __index = Methods,
  __newindex = function(_, k) error(fmt("lexicon.%s is read-only", tostring(k)), 2) end,
  __len = function(self) return lexicons[self].count end,
  __tostring = function(self) return fmt("lexicon (%d terms)", lexicons[self].count) end,
  __name = "lexicon",
  __metatable = "lexicon",
}

local function new_lexicon(id, count)
  local object = E.seal(setmetatable({}, LexiconMT), "lexicon")
  lexicons[object] = { id = id, count = count }
  return object
end

-- The id of a lexicon object (classification's lexicon is an id already).
function E.lexicon_matches(id, s) return lex.match(id, s) end

local text = {}
for name, f in pairs(host.text) do text[name] = f end

-- text.lexicon { "term", { term = "...", category = "...", weight = 2 }, whole_words = true }
-- (or a plugin's list parameter, a read-only list of texts).
function text.lexicon(spec)
  local view = type(spec) == "userdata" and getmetatable(spec) == "read-only"
  if type(spec) ~= "table" and not view then
    error(fmt("text.lexicon expects a table of terms (or a list of texts), got a %s", type(spec)), 2)
  end
  local terms = {}
  for i = 1, #spec do
    local t = spec[i]
    if type(t) == "string" then
      terms[i] = { term = t }
    elseif type(t) == "table" and type(t.term) == "string" then
      terms[i] = { term = t.term, category = t.category, weight = t.weight, language = t.language }
    else
      error(fmt("text.lexicon: term %d must be a text or { term = ..., category = ... }", i), 2)
    end
  end
  local id, count = lex.new(terms, view or spec.whole_words ~= false)
  return new_lexicon(id, count)
end

-- Byte positions (as string.find gives) to a scalar span { start, stop }.
function text.span(s, i, j, label)
  local start = ulen(s, 1, i - 1) or (i - 1)
  local stop = ulen(s, 1, j) or j
  return { start = start, stop = stop, label = label, text = s:sub(i, j) }
end

-- text.search(s, pattern [, max]): every match of a Lua pattern in the
-- folded text (lower case, no accents, apostrophes and spaces unified, as
-- post.folded), each given back in the original text, ready to be
-- evidence: { kind = "pattern", start, stop, text (the original words),
-- folded (what the pattern matched), captures }. Write the pattern in
-- folded form: text.search(post.text, "vacances? du %d+").
do
  local folded_of, unfold = host.search.folded, host.search.unfold
  function text.search(s, pattern, max)
    if type(s) ~= "string" then error(fmt("text.search expects a text, got a %s", type(s)), 2) end
    if type(pattern) ~= "string" then error(fmt("text.search expects a pattern, got a %s", type(pattern)), 2) end
    if max ~= nil and (type(max) ~= "number" or max < 1) then error("text.search: max must be a number, 1 or more", 2) end
    local folded = folded_of(s)
    local out = {}
    local init = 1
    while init <= #folded + 1 do
      local r = { find(folded, pattern, init) }
      local i, j = r[1], r[2]
      if i == nil then break end
      local start, stop, original = unfold(s, i, j)
      local m = { kind = "pattern", start = start, stop = stop, text = original, folded = sub(folded, i, j) }
      if #r > 2 then
        local caps = {}
        for k = 3, #r do caps[k - 2] = r[k] end
        m.captures = caps
      end
      out[#out + 1] = m
      if max and #out >= max then break end
      init = j >= i and j + 1 or i + 1
    end
    return out
  end
end

api.text = E.readonly("text", text)
api.pii = E.readonly("pii", host.pii)
api.links = E.readonly("links", host.links)

-- vocab("insult") -> the built-in lexicon of that name (fr + en);
-- vocab.names lists them. (vocab is called in tail position by __call,
-- so that error level 2 is the script's line.)
local vocab_cache = {}
local function vocab(name)
  local v = vocab_cache[name]
  if v then return v end
  local id, count = lex.vocabulary(name)
  if id == nil then
    error(fmt("vocab: no vocabulary named %q; the vocabularies are %s", tostring(name), concat(lex.vocabularies(), ", ")), 2)
  end
  v = new_lexicon(id, count)
  vocab_cache[name] = v
  return v
end
api.vocab = E.readonly("vocab", {}, {
  __call = function(_, name) return vocab(name) end,
  __index = function(_, k) if k == "names" then return lex.vocabularies() end end,
})

-- dates.find(s [, reference]) and dates.absences(s [, reference]): the
-- reference is a post (its time and zone) or seconds since 1970.
do
  local dates_find, absences = host.dates.find, host.dates.absences
  local function ref(r, off)
    if type(r) == "userdata" or type(r) == "table" then return r.time, r.utc_offset end
    return r, off
  end
  api.dates = E.readonly("dates", {
    find = function(s, r, off)
      local t, o = ref(r, off)
      return dates_find(s, t, o)
    end,
    absences = function(s, r, off)
      local t, o = ref(r, off)
      return absences(s, t, o)
    end,
  })
end

-- geo.points(post): the positions a post gives away (EXIF of its
-- attachments, tagged place), as { lat, lon, source, attachment }.
api.geo = E.readonly("geo", {
  points = function(post)
    local out = {}
    for i, a in ipairs(post.attachments or {}) do
      local l = a.location
      if l then out[#out + 1] = { lat = l.lat, lon = l.lon, source = "exif", attachment = i } end
    end
    local p = post.place
    if p and p.location then out[#out + 1] = { lat = p.location.lat, lon = p.location.lon, source = "place" } end
    return out
  end,
  -- Distance in metres between two points { lat, lon } (haversine).
  distance = function(a, b)
    local r = 6371000
    local rad = pi / 180
    local dlat, dlon = (b.lat - a.lat) * rad, (b.lon - a.lon) * rad
    local h = sin(dlat / 2) ^ 2 + cos(a.lat * rad) * cos(b.lat * rad) * sin(dlon / 2) ^ 2
    return 2 * r * asin(min(1, sqrt(h)))
  end,
})
