-- The Nordelia policy's active rules and indicators (Policies/nordelia with
-- the divulgation, donnees-personnelles and reputation plugins) written in
-- plain Lua 5.4, the way one would without Vigie: text folded byte by byte
-- with gsub, Lua patterns instead of Vigie's detectors, each word of a list
-- searched with string.find. Same semantics as far as plain Lua allows
-- (no whole-word matching, no Unicode beyond the accents listed below).
-- Loaded by Benchmarks/plain/standalone.lua (lua5.4) and lupa-host.py.
-- usage: local M = dofile("rules.lua")(vocab); M.check(post) -> findings
return function(vocab)
  local M = {}
  local find, gsub, lower = string.find, string.gsub, string.lower

  local accents = {
    ["à"]="a", ["â"]="a", ["ä"]="a", ["á"]="a", ["ç"]="c", ["é"]="e", ["è"]="e", ["ê"]="e", ["ë"]="e",
    ["î"]="i", ["ï"]="i", ["í"]="i", ["ô"]="o", ["ö"]="o", ["ó"]="o", ["ù"]="u", ["û"]="u", ["ü"]="u",
    ["ú"]="u", ["ÿ"]="y", ["ñ"]="n", ["œ"]="oe", ["æ"]="ae", ["À"]="a", ["Â"]="a", ["Ç"]="c", ["É"]="e",
    ["È"]="e", ["Ê"]="e", ["Î"]="i", ["Ô"]="o", ["Û"]="u", ["Œ"]="oe", ["’"]="'", ["‘"]="'", ["«"]='"',
    ["»"]='"', [" "]=" ", [" "]=" ",
  }
  local function fold(s)
    s = gsub(s, "[\xC2-\xF4][\x80-\xBF]+", accents)
    return lower(s)
  end
  M.fold = fold

  local function folded_list(list)
    local t = {}
    for i, w in ipairs(list) do t[i] = fold(w) end
    return t
  end
  local lists = {}
  for name, terms in pairs(vocab) do lists[name] = folded_list(terms) end

  -- Every occurrence of every word of the lists, as {start, end} spans.
  local function matches(text, ...)
    local found = {}
    for i = 1, select("#", ...) do
      for _, w in ipairs(lists[select(i, ...)] or {}) do
        local s, e = find(text, w, 1, true)
        while s do
          found[#found + 1] = { s, e }
          s, e = find(text, w, e + 1, true)
        end
      end
    end
    return found
  end

  -- Profile: who is who (the corpus's emp-N are not in Nordelia's profile:
  -- strangers, as Vigie resolves them), the employer, the channels.
  local kinds = { ines = "employee", theo = "employee", ["community"] = "employee" }
  local OWN = { employee = true, organisation = true }
  local employer = fold("Nordelia")
  local approved = { linkedin = true, website = true, mastodon = true }
  local function kind_of(post) return kinds[post.actor] or "stranger" end

  local inside = folded_list {
    "la direction", "mon patron", "ma patronne", "mon boss", "réunion interne", "restructuration", "licenciements",
    "plan social", "les chiffres du trimestre", "le comité de direction", "mes collègues", "au bureau",
    "the management", "my boss", "layoffs", "restructuring", "internal meeting", "quarterly numbers",
  }
  local function any_of(text, words)
    for _, w in ipairs(words) do if find(text, w, 1, true) then return true end end
    return false
  end

  -- Classification: markers by level, the level each channel allows.
  local rank = { public = 1, internal = 2, confidential = 3, secret = 4 }
  local markers = {
    { "internal", folded_list { "comité de direction", "réunion interne", "plan de réorganisation" } },
    { "confidential", folded_list { "appel d'offres en cours", "prix soumis", "chiffres du trimestre" } },
    { "secret", folded_list { "projet Hermès", "Hermès", "Transports Boréal" } },
  }
  local channels = { public = "public", unlisted = "public", followers = "internal", direct = "confidential" }
  local function classify(text)
    local best
    for _, m in ipairs(markers) do
      if any_of(text, m[2]) then best = m[1] end
    end
    return best
  end
  local function allowed(post)
    if post.platform == "linkedin" and post.visibility == "connections" then return "internal" end
    return channels[post.visibility] or "public"
  end

  local public_domains = { ["nordelia.example"] = true }
  local address_words = { "rue", "boulevard", "boul.", "avenue", "av.", "chemin", "rang", "street", "road",
                          "place", "impasse", "allee", "route" }

  local rules = {
    { "information-classifiee", function(post, f)
      local c = classify(f)
      return c and rank[c] > rank[allowed(post)] and 1 or 0
    end },
    { "entreprise-sujet", function(post, f)
      if kind_of(post) ~= "employee" or not find(f, employer, 1, true) then return 0 end
      return (any_of(f, inside) or #matches(f, "venting") > 0) and 1 or 0
    end },
    { "canal-non-approuve", function(post, f)
      if kind_of(post) ~= "employee" or approved[post.platform] then return 0 end
      return find(f, employer, 1, true) and 1 or 0
    end },
    { "telephone-personnel", function(post, f)
      local t = post.text
      if find(t, "%d%d%d[ .-]?%d%d%d[ .-]%d%d%d%d") or find(t, "0%d[ .]?%d%d[ .]?%d%d[ .]?%d%d[ .]?%d%d")
        or find(t, "%+33 ?%d[ .]?%d%d[ .]?%d%d[ .]?%d%d[ .]?%d%d") then return 1 end
      return 0
    end },
    { "courriel-personnel", function(post, f)
      local n = 0
      for domain in f:gmatch("[%w%._%-]+@([%w%-]+%.[%w%.%-]*%w)") do
        if not public_domains[domain] then n = n + 1 end
      end
      for domain in f:gmatch("[%w%._%-]+ ?[%[%(]?at[%]%)]? ?([%w%-]+ ?[%[%(]?dot[%]%)]? ?%a+)") do n = n + 1 end
      return n > 0 and 1 or 0
    end },
    { "adresse-personnelle", function(post, f)
      for _, w in ipairs(address_words) do
        if find(f, "%d+,? " .. w:gsub("%.", "%%.") .. " ") then return 1 end
      end
      return 0
    end },
    { "identifiant-officiel", function(post, f)
      local t = post.text
      if find(t, "%f[%d]%d%d%d[ -]%d%d%d[ -]%d%d%d%f[%D]") or find(t, "%u%u%d%d ?%d%d%d%d ?%d%d%d%d ?%d%d%d%d")
        or find(t, "%f[%d][12] ?%d%d ?%d%d ?%d%d ?%d%d%d ?%d%d%d ?%d%d%f[%D]") then return 1 end
      return 0
    end },
    { "emotions-frustrations", function(post, f)
      return OWN[kind_of(post)] and #matches(f, "venting") > 0 and 1 or 0
    end },
    { "ragots-vie-privee", function(post, f)
      return OWN[kind_of(post)] and #matches(f, "gossip", "personal-life") > 0 and 1 or 0
    end },
    { "propos-injurieux", function(post, f)
      return OWN[kind_of(post)] and #matches(f, "insult") > 0 and 1 or 0
    end },
  }

  -- Indicators: per-actor history.
  local DAY = 86400
  local history = {}
  local function state(actor)
    local s = history[actor]
    if not s then
      s = { day = nil, count = 0, days = 0, total = 0, times = {}, last = -1e18, seen = {}, n = 0, window = {} }
      history[actor] = s
    end
    return s
  end
  local indicators = {
    { "rythme-inhabituel", function(post, f, s)
      local day = post.time // DAY
      if s.day ~= day then
        if s.day then s.days = s.days + 1; s.total = s.total + s.count end
        s.day, s.count = day, 0
      end
      s.count = s.count + 1
      if s.days < 3 then return 0 end
      local baseline = s.total / s.days
      if s.count >= 5 and s.count >= 3 * baseline and s.signalled ~= day then s.signalled = day; return 1 end
      return 0
    end },
    { "publication-nocturne", function(post, f, s)
      if post.hour >= 5 then return 0 end
      local t = s.times
      t[#t + 1] = post.time
      while #t > 0 and t[1] < post.time - 7 * DAY do table.remove(t, 1) end
      if #t >= 3 and post.time - s.last > 7 * DAY then s.last = post.time; return 1 end
      return 0
    end },
    { "identites-multiples", function(post, f, s)
      local key = post.platform .. ":" .. post.handle
      if s.seen[key] then return 0 end
      s.seen[key] = true
      s.n = s.n + 1
      return s.n == 3 and 1 or 0
    end },
    { "confusion-perso-pro", function(post, f, s)
      if kind_of(post) ~= "employee" then return 0 end
      local personal = #matches(f, "personal-life") > 0
      local work = find(f, employer, 1, true) or classify(f)
      local w = s.window
      w[#w + 1] = (personal and work) and 1 or 0
      if #w > 20 then table.remove(w, 1) end
      local n = 0
      for _, x in ipairs(w) do n = n + x end
      if n >= 3 and n / #w >= 0.3 and not s.signalled_mix then s.signalled_mix = true; return 1 end
      return 0
    end },
  }
  M.rules, M.indicators = rules, indicators
  M.ids = {}
  for _, r in ipairs(rules) do M.ids[#M.ids + 1] = r[1] end
  for _, r in ipairs(indicators) do M.ids[#M.ids + 1] = r[1] end

  -- All rules then all indicators on one post; returns the number of findings.
  function M.check(post)
    local f = fold(post.text)
    local n = 0
    for i = 1, #rules do n = n + rules[i][2](post, f) end
    local s = state(post.actor)
    for i = 1, #indicators do n = n + indicators[i][2](post, f, s) end
    return n
  end

  -- One rule (index into M.ids) alone, for the per-rule cost.
  function M.one(k)
    local r = rules[k]
    if r then return function(post) return r[2](post, fold(post.text)) end end
    local ind = indicators[k - #rules]
    return function(post) return ind[2](post, fold(post.text), state(post.actor)) end
  end
  return M
end
