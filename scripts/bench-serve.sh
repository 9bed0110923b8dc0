#!/bin/sh
# `vigie serve` under load (BENCHMARKS.md, "Serving drafts"): wrk from Debian
# posts a mix of drafts (Benchmarks/serve-drafts.lua) to POST /v1/check with
# the bundled Policies/entretien-menager policy, the decision log on.
#   scripts/bench-serve.sh [SECONDS] [CONNECTIONS]   (default 30 s, 64 connections: as fast as
#                                                    the server answers, then paced at about 2,000 requests/s)
#   scripts/bench-serve.sh --soak [SECONDS]          (default 300 s: the server's memory,
#                                                    sampled every 10 s while wrk runs flat out)
#   RATE=N changes the paced rate (default 2100 requests/s asked: about 2,000 achieved, the
#   pauses coming on top of each answer's time).
# Environment: WORKERS (default: one per core), WRK_THREADS (default 2).
# The server and wrk share the machine: on 2 cores, that is the condition measured.
set -eu
cd "$(dirname "$0")/.."
MODE=load
if [ "${1:-}" = "--soak" ]; then MODE=soak; shift; fi
SECONDS_=${1:-30}
[ "$MODE" = soak ] && SECONDS_=${1:-300}
CONNECTIONS=${2:-64}
WORKERS=${WORKERS:-$(nproc)}
THREADS=${WRK_THREADS:-2}
scripts/setup.sh wrk curl
swift build -c release --product vigie --scratch-path .build-release >/dev/null
VIGIE=.build-release/release/vigie
TMP=$(mktemp -d /tmp/vigie-bench-serve.XXXXXX)
cp -r Policies/entretien-menager "$TMP/policy"
rm -rf "$TMP/policy/.vigie"
$VIGIE serve --policy "$TMP/policy" --plugins Plugins --port 0 --workers "$WORKERS" --watch-interval 0 \
  >"$TMP/out" 2>"$TMP/err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
PORT=""
for _ in $(seq 1 200); do
  PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$TMP/out")
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { echo "bench-serve: the server did not start" >&2; cat "$TMP/err" >&2; exit 2; }
URL=http://127.0.0.1:$PORT/v1/check
echo "vigie serve (pid $SERVER) on port $PORT: $(cat "$TMP/out")"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
rss() { awk '/VmRSS/ { print $2 }' /proc/$SERVER/status; }
# The server's processor time (user + system), in clock ticks, and its requests answered so far.
ticks() { awk '{ print $14 + $15 }' /proc/$SERVER/stat; }
answered() { curl -s "http://127.0.0.1:$PORT/metrics" | awk -F' ' '/^vigie_serve_requests_total\{route="\/v1\/check",status="200"\}/ { print $2 }'; }
HZ=$(getconf CLK_TCK)
# Warm-up: every worker's engine, the allocator, the case file.
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s Benchmarks/serve-drafts.lua "$URL" >/dev/null
echo "RSS after warm-up: $(rss) kB"
if [ "$MODE" = load ]; then
  echo "== flat out: wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_}s --latency -s Benchmarks/serve-drafts.lua $URL"
  T0=$(ticks); N0=$(answered)
  # The server's instructions too, when perf can count them (the same on a busy machine as on a quiet one).
  PERF=""
  if command -v perf >/dev/null 2>&1 && perf stat -x, -e instructions true 2>&1 | grep -q '^[0-9]'; then
    perf stat -x, -e instructions -p $SERVER -o "$TMP/perf" -- sleep "$SECONDS_" 2>/dev/null &
    PERF=$!
  fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s Benchmarks/serve-drafts.lua "$URL"
  [ -n "$PERF" ] && wait $PERF
  T1=$(ticks); N1=$(answered)
  if [ -n "$PERF" ]; then
    awk -F, -v n=$((N1 - N0)) '$3 ~ /instructions/ && $1 ~ /^[0-9]+$/ { printf "server instructions: %.0f a draft (perf stat)\n", $1 / n }' "$TMP/perf"
  fi
  # Processor time per draft, whatever else the machine does: the capacity of a core.
  awk -v t=$((T1 - T0)) -v n=$((N1 - N0)) -v hz="$HZ" 'BEGIN {
    printf "server processor time: %.1f s for %d drafts, %.0f µs a draft (%.0f drafts/s per core)\n",
      t / hz, n, 1e6 * t / hz / n, n / (t / hz) }'
  RATE=${RATE:-2100}
  echo "== paced at $RATE requests/s: WRK_RATE=$RATE WRK_CONNECTIONS=$CONNECTIONS wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_}s --latency -s Benchmarks/serve-drafts.lua $URL"
  WRK_RATE=$RATE WRK_CONNECTIONS=$CONNECTIONS wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_}s" --latency \
    -s Benchmarks/serve-drafts.lua "$URL"
  echo "RSS after the runs: $(rss) kB"
else
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s Benchmarks/serve-drafts.lua "$URL" >"$TMP/wrk" &
  WRK=$!
  echo "seconds  RSS (kB)"
  ELAPSED=0
  while kill -0 $WRK 2>/dev/null; do
    echo "$ELAPSED  $(rss)"
    sleep 10
    ELAPSED=$((ELAPSED + 10))
  done
  wait $WRK
  echo "$ELAPSED  $(rss)   (wrk done)"
  cat "$TMP/wrk"
fi
echo "case file (.vigie/, the decision log and its journal): $(du -sk "$TMP/policy/.vigie" | cut -f1) kB"
curl -s "http://127.0.0.1:$PORT/metrics" | grep -E '^vigie_serve_(decisions_total|decision_log_total|rule_failures_total|requests_total)' || true
