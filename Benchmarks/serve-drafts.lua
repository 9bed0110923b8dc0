-- wrk script for scripts/bench-serve.sh: POST /v1/check with a mix of
-- invented French drafts (most pass, some warn, some block), one per
-- request in turn, as an organisation's people would send them.
local drafts = {
  { text = "Grand ménage de printemps terminé chez une famille de Laval, merci pour votre confiance !", platform = "facebook" },
  { text = "Nous embauchons ! Une préposée à l'entretien pour l'équipe de Laval, écrivez-nous sur la page.", platform = "facebook" },
  { text = "Conseil du jour : le vinaigre blanc fait des miracles sur les robinets.", platform = "mastodon" },
  { text = "Pour une soumission, textez-moi au 514 555-0142 !", platform = "facebook" },
  { text = "Merci à Mme Tremblay pour sa confiance depuis trois ans !", platform = "facebook" },
  { text = "En vacances du 3 au 17 août, la maison sera vide !", platform = "instagram" },
  { text = "J'en ai ras le bol de ce boulot, journée épuisante.", platform = "facebook" },
  { text = "Bonne fin de semaine à tous nos clients, on se revoit lundi.", platform = "facebook" },
  { text = "Nouvelle trousse de produits écologiques pour toute l'équipe, on a hâte de l'essayer.", platform = "instagram" },
  { text = "Devinez chez quel ministre on a fait le grand ménage ce matin 😉", platform = "facebook" },
  { text = "Merci à tous nos clients de Laval pour cette belle année !", platform = "linkedin" },
  { text = "Écrivez-moi à karine.o.1990@exemple.fr pour les disponibilités.", platform = "facebook" },
}

local function escape(s)
  return (s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end))
end

local bodies = {}
for i, d in ipairs(drafts) do
  bodies[i] = string.format('{"text":"%s","platform":"%s","person":"employee"}', escape(d.text), d.platform)
end

-- Paced mode (WRK_RATE requests/s over WRK_CONNECTIONS connections): each
-- connection waits an exponentially distributed pause (Poisson arrivals)
-- before each request, so that the server is measured at that load rather
-- than at saturation, where latency is only the connections' queue.
local rate = tonumber(os.getenv("WRK_RATE") or "")
local connections = tonumber(os.getenv("WRK_CONNECTIONS") or "")
if rate and connections then
  local mean = 1000 * connections / rate
  math.randomseed(os.time())
  delay = function()
    return math.floor(-math.log(1 - math.random()) * mean + 0.5)
  end
end

local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  return wrk.format(nil, "/v1/check", nil, bodies[(counter % #bodies) + 1])
end

done = function(summary, latency, requests)
  io.write(string.format("non-200 answers: %d; p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
