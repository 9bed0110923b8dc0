-- The twelve rules of Benchmarks/workloads/douze-regles/policy.lua written
-- in plain Lua 5.4, as one would without Vigie (see Benchmarks/plain/rules.lua
-- for the same approach to Nordelia): the text folded with gsub and lower,
-- each word of a list searched with string.find (whole words by frontier
-- patterns), Lua patterns instead of Vigie's detectors. Run by
-- Benchmarks/plain/standalone.lua and lupa-host.py with
-- VIGIE_BENCH_RULES=Benchmarks/workloads/douze-regles.lua.
-- usage: local M = dofile("douze-regles.lua")(vocab); M.check(post) -> findings
return function(vocab)
  local M = {}
  local find, gsub, lower, gmatch = string.find, string.gsub, string.lower, string.gmatch

  local accents = {
    ["à"]="a", ["â"]="a", ["ä"]="a", ["á"]="a", ["ç"]="c", ["é"]="e", ["è"]="e", ["ê"]="e", ["ë"]="e",
    ["î"]="i", ["ï"]="i", ["í"]="i", ["ô"]="o", ["ö"]="o", ["ó"]="o", ["ù"]="u", ["û"]="u", ["ü"]="u",
    ["ú"]="u", ["ÿ"]="y", ["ñ"]="n", ["œ"]="oe", ["æ"]="ae", ["À"]="a", ["Â"]="a", ["Ç"]="c", ["É"]="e",
    ["È"]="e", ["Ê"]="e", ["Î"]="i", ["Ô"]="o", ["Û"]="u", ["Œ"]="oe", ["’"]="'", ["‘"]="'", ["«"]='"',
    ["»"]='"', [" "]=" ", [" "]=" ",
  }
  local function fold(s)
    s = gsub(s, "[\xC2-\xF4][\x80-\xBF]+", accents)
    s = gsub(s, "%-", " ")
    return lower(s)
  end

  -- A word list indexed by each term's first word (terms split into words
  -- like the text), all folded: a post's words are looked up one by one.
  local function word_list(list)
    local first = {}
    for _, term in ipairs(list) do
      local ws = {}
      for x in gmatch(fold(term), "[%w_]+") do ws[#ws + 1] = x end
      if #ws > 0 then
        local t = first[ws[1]]
        if not t then t = {}; first[ws[1]] = t end
        t[#t + 1] = ws
      end
    end
    return first
  end
  local function any_word(words, list)
    for i = 1, #words do
      local terms = list[words[i]]
      if terms then
        for _, ws in ipairs(terms) do
          local ok = true
          for k = 2, #ws do
            if words[i + k - 1] ~= ws[k] then ok = false; break end
          end
          if ok then return true end
        end
      end
    end
    return false
  end

  local colere = word_list(vocab.venting or {})
  local insultes = word_list(vocab.insult or {})
  local vie_privee = word_list { "ragots", "potins", "gossip", "rumeur", "rumor", "enceinte", "pregnant", "divorce",
                                 "ma blonde", "mon chum", "my girlfriend", "my boyfriend" }
  local marqueurs = word_list { "confidentiel", "confidential", "projet Hermès", "project Hermes", "restructuration",
                                "restructuring", "trimestre", "quarter", "memo", "avant même l'annonce" }

  local phone_patterns = {
    "%f[%d]%d%d%d[ .-]?%d%d%d[ .-]%d%d%d%d%f[%D]", "%(%d%d%d%) ?%d%d%d[ .-]%d%d%d%d",
    "%f[%d]0%d[ .]?%d%d[ .]?%d%d[ .]?%d%d[ .]?%d%d%f[%D]", "%+33 ?%d[ .]?%d%d[ .]?%d%d[ .]?%d%d[ .]?%d%d",
    "%+1 ?%d%d%d[ .-]?%d%d%d[ .-]?%d%d%d%d",
  }
  local street_words = { "rue", "boulevard", "boul", "avenue", "av", "chemin", "rang", "street", "road", "avenue",
                         "place", "impasse", "allee", "route", "drive", "lane" }
  local address_patterns = {}
  for i, w in ipairs(street_words) do address_patterns[i] = "%f[%d]%d+,? " .. w .. "%f[^%w]" end
  local street_names = { "main street", "maple avenue" }

  -- An away cue (a word list, as the policy's lexicon), then a date.
  local absence_cues = word_list { "vacances", "absent", "absente", "absence", "congé", "on part", "part", "partons",
                                   "off to", "out of office", "away", "personne à la maison", "maison sera vide",
                                   "nobody home", "house will be empty" }
  local date_patterns = { "du %d+ au %d+", "jusqu'?au %d+", "until %a+ %d+", "%d+ %a+ au %d+", "ce week end",
                          "this weekend", "%d%d?/%d%d?/%d%d%d?%d?", "%d%d%d%d%-%d%d%-%d%d" }
  local function any(f, patterns)
    for i = 1, #patterns do if find(f, patterns[i]) then return true end end
    return false
  end

  local rules = {
    { "colere", function(post, f, w) return any_word(w, colere) and 1 or 0 end },
    { "insultes", function(post, f, w) return any_word(w, insultes) and 1 or 0 end },
    { "vie-privee", function(post, f, w) return any_word(w, vie_privee) and 1 or 0 end },
    { "marqueurs-confidentiels", function(post, f, w) return any_word(w, marqueurs) and 1 or 0 end },
    { "telephone", function(post, f)
      return find(f, "%d%d") and any(post.text, phone_patterns) and 1 or 0
    end },
    { "courriel", function(post, f)
      return find(f, "@", 1, true) and find(f, "[%w%._%-]+@[%w%-]+%.[%w%.%-]*%w") and 1 or 0
    end },
    { "adresse", function(post, f)
      if find(f, "%d") and any(f, address_patterns) then return 1 end
      for i = 1, #street_names do if find(f, street_names[i], 1, true) then return 1 end end
      return 0
    end },
    { "absence-datee", function(post, f, w)
      return any_word(w, absence_cues) and any(f, date_patterns) and 1 or 0
    end },
    { "majuscules", function(post, f)
      local t = post.text
      local letters = select(2, gsub(t, "%a", ""))
      return (letters >= 12 and select(2, gsub(t, "%u", "")) * 3 >= letters * 2) and 1 or 0
    end },
    { "mots-en-capitales", function(post, f)
      local n = 0
      for _ in gmatch(post.text, "%f[%a]%u%u%u%u+%f[%A]") do n = n + 1 end
      return n >= 3 and 1 or 0
    end },
    { "publication-nocturne", function(post, f)
      local h = post.hour
      return (h >= 23 or h < 5) and 1 or 0
    end },
    { "avalanche-mots-clics", function(post, f)
      local n = #post.hashtags
      for _ in gmatch(post.text, "#[%w_]+") do n = n + 1 end
      return n >= 6 and 1 or 0
    end },
  }
  M.rules = rules
  M.ids = {}
  for _, r in ipairs(rules) do M.ids[#M.ids + 1] = r[1] end

  -- The folded text and its words, once per post.
  local function words_of(f)
    local words = {}
    for w in gmatch(f, "[%w_]+") do words[#words + 1] = w end
    return words
  end
  M.fold = function(s) local f = fold(s); return f, words_of(f) end

  function M.check(post)
    local f = fold(post.text)
    local w = words_of(f)
    local n = 0
    for i = 1, #rules do n = n + rules[i][2](post, f, w) end
    return n
  end

  function M.one(k)
    local r = rules[k]
    return function(post) local f = fold(post.text); return r[2](post, f, words_of(f)) end
  end
  return M
end
