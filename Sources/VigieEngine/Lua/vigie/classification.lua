-- Classification of information: classify(s) finds the markers of the
-- policy's levels (and of the profile's assets) in a text;
-- allowed_level(post) is the highest level the post's channel may carry.

local E = ...
local api, reg = E.api, E.reg
local type, ipairs = type, ipairs

local DEFAULT_LEVELS = { "public", "internal", "confidential", "secret" }
local classifier = nil -- set by the host: a lexicon of markers

function E.entry.set_classifier(lex_id, marker_levels)
  classifier = { lex = lex_id, levels = marker_levels }
end

local function levels() return reg.classification and reg.classification.levels or DEFAULT_LEVELS end
local function rank_of(level)
  for i, l in ipairs(levels()) do if l == level then return i end end
  return nil
end

-- classify(s) -> { level = ..., rank = ..., matches = { ... } } or nil
function api.classify(s)
  if type(s) ~= "string" and (type(s) == "table" or type(s) == "userdata") then s = s.text end
  if classifier == nil or type(s) ~= "string" then return nil end
  local matches = E.lexicon_matches(classifier.lex, s)
  local best, best_rank = nil, 0
  for _, m in ipairs(matches) do
    local level = classifier.levels[m.category or ""] or m.category
    m.level = level
    local r = rank_of(level) or 0
    if r > best_rank then best, best_rank = level, r end
  end
  if best == nil then return nil end
  return { level = best, rank = best_rank, matches = matches }
end

-- The highest level a channel may carry (platform, visibility or kind), or nil.
function api.allowed_level(post)
  local c = reg.classification
  if not c then return nil end
  local ch = c.channels
  local candidates = { post.kind, post.visibility, post.platform and (post.platform .. ":" .. (post.visibility or "")), post.platform }
  for _, k in ipairs(candidates) do
    if k and ch[k] then return ch[k], rank_of(ch[k]) end
  end
  if ch["*"] then return ch["*"], rank_of(ch["*"]) end
  return nil
end
