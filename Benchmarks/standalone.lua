-- The same loop as host-bench, run by the standalone interpreter on tables it
-- builds itself: lua5.4 Benchmarks/standalone.lua N
-- The events' strings exist before the timed loop (as they exist in the
-- host's memory before it hands them over); the loop builds each event's
-- tables and calls the rule.
local n = tonumber(arg[1]) or 200000
local rule = dofile((arg[0]:match("^(.*)/") or ".") .. "/rule.lua")
local platforms = { "facebook", "twitter", "mastodon", "linkedin" }
local texts = {
  "Je serai en vacances du 3 au 17 août, la maison sera vide",
  "Belle journée de travail chez un client à Outremont",
  "Réunion d'équipe lundi matin, on prépare le nouveau contrat",
  "Merci à tous pour vos messages, à bientôt",
}
local ids, tags, handles = {}, {}, {}
for i = 1, n do ids[i] = "p" .. i end
for i = 0, 6 do tags[i] = "tag" .. i end
for i = 0, 99 do handles[i] = "@user" .. i end
local clock = os.clock
local start = clock()
local total = 0
for i = 1, n do
  local post = {
    id = ids[i],
    platform = platforms[i % 4 + 1],
    text = texts[i % 4 + 1],
    hashtags = { tags[i % 7], "vigie" },
    author = { handle = handles[i % 100], followers = (i * 37) % 3000 },
  }
  total = total + rule(post)
end
local elapsed = clock() - start
print(string.format("standalone lua5.4: %d events in %.3f s = %.0f events/s (checksum %d)", n, elapsed, n / elapsed, total))
