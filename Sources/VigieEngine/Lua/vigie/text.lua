-- The text toolkit as scripts see it: text.*, pii.*, links.*, dates.*,
-- geo.*, vocab and lexicon objects. The host does the work (folding,
-- detectors, lexicons of tens of thousands of terms); this file adds
-- what is simpler in Lua and hands everything out read-only.

local E = ...
local api, host = E.api, E.host
local type, error, pairs, ipairs, setmetatable, tostring = type, error, pairs, ipairs, setmetatable, tostring
local fmt = string.format
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
function text.lexicon(spec)
  if type(spec) ~= "table" then error("text.lexicon expects a table of terms", 2) end
  local terms = {}
  for i, t in ipairs(spec) do
    if type(t) == "string" then
      terms[i] = { term = t }
    elseif type(t) == "table" and type(t.term) == "string" then
      terms[i] = { term = t.term, category = t.category, weight = t.weight, language = t.language }
    else
      error(fmt("text.lexicon: term %d must be a text or { term = ..., category = ... }", i), 2)
    end
  end
  local id, count = lex.new(terms, spec.whole_words ~= false)
  return new_lexicon(id, count)
end

-- Byte positions (as string.find gives) to a scalar span { start, stop }.
function text.span(s, i, j, label)
  local start = ulen(s, 1, i - 1) or (i - 1)
  local stop = ulen(s, 1, j) or j
  return { start = start, stop = stop, label = label, text = s:sub(i, j) }
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
  local find, absences = host.dates.find, host.dates.absences
  local function ref(r, off)
    if type(r) == "userdata" or type(r) == "table" then return r.time, r.utc_offset end
    return r, off
  end
  api.dates = E.readonly("dates", {
    find = function(s, r, off)
      local t, o = ref(r, off)
      return find(s, t, o)
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
