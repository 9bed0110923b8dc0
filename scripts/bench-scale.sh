#!/usr/bin/env bash
# Past one machine (BENCHMARKS.md, "Past one machine: the PostgreSQL case file"),
# against a private PostgreSQL server (scripts/with-postgres.sh starts one
# when none is given):
#  1. shard: a check of COUNT activities (default 200,000) on one SQLite case
#     file, then the same check shared by three processes on PostgreSQL
#     (`--shard auto`), one of them stopped while it holds a chunk and killed
#     with SIGKILL once a third of the chunks are done; the two case files'
#     summaries (findings, incidents, decisions) must be equal.
#  2. serve: one `vigie serve` on SQLite (2 workers) under wrk, then two
#     instances on one PostgreSQL (1 worker each) under two wrk at once;
#     requests per second and p99 latency, and the decision log's rows
#     against the requests answered.
# Usage: scripts/bench-scale.sh [shard|serve|all] [COUNT] [SECONDS]
# Release build in .build-release (VIGIE_BIN: another binary); needs wrk (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VIGIE_TEST_POSTGRES:-}" ]; then exec scripts/with-postgres.sh "$0" "$@"; fi
what=${1:-all}
count=${2:-200000}
seconds=${3:-30}
scripts/setup.sh wrk >&2
# VIGIE_BIN: another binary (a debug one, to try the script quickly).
if [ -z "${VIGIE_BIN:-}" ]; then swift build -c release --scratch-path .build-release --product vigie >&2; fi
vigie=${VIGIE_BIN:-$PWD/.build-release/release/vigie}
psql="$VIGIE_TEST_PG_BIN/psql"
work=$(mktemp -d /tmp/vigie-bench-scale.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL on ${VIGIE_TEST_POSTGRES#*@}"
sql() { "$psql" -qAt "$VIGIE_TEST_POSTGRES" -c "$1"; }
now() { date +%s.%N; }

if [ "$what" = shard ] || [ "$what" = all ]; then
  echo "== shard: $count activities"
  echo "\$ vigie corpus --count $count --seed 7 --violations 0.1 --people 400 --out stream.jsonl"
  "$vigie" corpus --count "$count" --seed 7 --violations 0.1 --people 400 --out "$work/stream.jsonl" 2>/dev/null
  for p in single shared; do cp -r Policies/nordelia "$work/$p"; rm -rf "$work/$p/.vigie"; done
  check=(check "$work/stream.jsonl" --plugins Plugins --fail-on critical --format json)

  echo "\$ vigie check stream.jsonl --policy single --fail-on critical --format json     (one process, SQLite)"
  t0=$(now)
  status=0; "$vigie" "${check[@]}" --policy "$work/single" >/dev/null 2>"$work/single.err" || status=$?
  t1=$(now)
  echo "  exit $status, $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s: $(tail -n 1 "$work/single.err")"

  url="$VIGIE_TEST_POSTGRES?schema=vigie_bench_shard"
  sql "SET client_min_messages TO warning; DROP SCHEMA IF EXISTS vigie_bench_shard CASCADE; DROP SCHEMA IF EXISTS vigie_bench_shard0 CASCADE"
  # First without a kill: the time three workers take.
  echo "\$ vigie check stream.jsonl --policy shared0 --case-file postgres://…?schema=vigie_bench_shard0 --shard auto --shard-chunks 16   (three times at once, none killed)"
  cp -r Policies/nordelia "$work/shared0"; rm -rf "$work/shared0/.vigie"
  t0=$(now)
  pids=()
  for i in 1 2 3; do
    "$vigie" "${check[@]}" --policy "$work/shared0" --case-file "$VIGIE_TEST_POSTGRES?schema=vigie_bench_shard0" \
      --shard auto --shard-chunks 16 >/dev/null 2>"$work/worker0-$i.err" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
  pids=()
  t1=$(now)
  echo "  three workers: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s; $(grep -h '^shared run' "$work"/worker0-*.err | sed -n 's/.*\(the run is [^;]*\).*/\1/p' | head -n 1)"
  "$vigie" case-file summary "$VIGIE_TEST_POSTGRES?schema=vigie_bench_shard0" --format json >"$work/shared0.json"
  shard=(--policy "$work/shared" --case-file "$url" --shard auto --shard-chunks 16 --shard-lease 10)
  echo "\$ vigie check stream.jsonl --policy shared --case-file postgres://…?schema=vigie_bench_shard --shard auto --shard-chunks 16 --shard-lease 10   (three times at once)"
  t0=$(now)
  pids=()
  for i in 1 2 3; do
    "$vigie" "${check[@]}" "${shard[@]}" >/dev/null 2>"$work/worker-$i.err" &
    pids+=($!)
  done
  victim=${pids[1]}
  # In the middle: once a third of the chunks are done, and while the victim holds one.
  killed=""
  while [ -z "$killed" ] && kill -0 "$victim" 2>/dev/null; do
    done_=$(sql "SELECT count(*) FROM vigie_bench_shard.run_chunk WHERE state = 'done'" 2>/dev/null || echo 0)
    if [ "${done_:-0}" -ge 6 ]; then
      held=$(sql "SELECT chunk FROM vigie_bench_shard.run_chunk WHERE state = 'claimed' AND owner LIKE '%:$victim:%'" 2>/dev/null || true)
      if [ -n "$held" ]; then
        kill -STOP "$victim"
        held=$(sql "SELECT chunk FROM vigie_bench_shard.run_chunk WHERE state = 'claimed' AND owner LIKE '%:$victim:%'")
        if [ -n "$held" ]; then
          kill -KILL "$victim"
          killed=$held
          echo "  kill -9 $victim (worker 2) at $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }') s, holding chunk $held, $done_ of 16 chunks done"
        else
          kill -CONT "$victim"
        fi
      fi
    fi
    sleep 0.05
  done
  for i in 1 2 3; do
    status=0; wait "${pids[$((i - 1))]}" 2>/dev/null || status=$?
    echo "  worker $i: exit $status; $(grep '^shared run' "$work/worker-$i.err" || echo '(killed: no summary)')"
  done
  pids=()
  t1=$(now)
  echo "  three workers, one killed: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"
  echo "  chunks: $(sql "SELECT count(*) FILTER (WHERE state = 'done') || ' done, ' || count(*) FILTER (WHERE attempts > 1) || ' taken over' FROM vigie_bench_shard.run_chunk")"
  echo "  run: $(sql "SELECT status || ', ' || activity_count || ' activities, ' || finding_count || ' findings, ' || incident_count || ' incidents' FROM vigie_bench_shard.run")"
  echo "  decisions: $(sql "SELECT count(*) FROM vigie_bench_shard.decision WHERE NOT superseded")"
  echo "\$ vigie case-file summary single/.vigie/case.sqlite"
  "$vigie" case-file summary "$work/single/.vigie/case.sqlite" | tee "$work/single.summary" | sed 's/^/  /'
  echo "\$ vigie case-file summary postgres://…?schema=vigie_bench_shard"
  "$vigie" case-file summary "$url" | tee "$work/shared.summary" | sed 's/^/  /'
  "$vigie" case-file summary "$work/single/.vigie/case.sqlite" --format json >"$work/single.json"
  "$vigie" case-file summary "$url" --format json >"$work/shared.json"
  if cmp -s "$work/single.json" "$work/shared.json" && cmp -s "$work/single.json" "$work/shared0.json"; then
    echo "  EQUAL: the same findings, incidents and decisions in all three (summary --format json, byte for byte)"
  else
    echo "  DIFFERENT:"; diff "$work/single.json" "$work/shared.json" | head -20; exit 1
  fi
fi

if [ "$what" = serve ] || [ "$what" = all ]; then
  echo "== serve: wrk ${seconds} s, Benchmarks/serve-drafts.lua"
  # Starts `vigie serve` on the policy copy $1 with --workers $2 and more
  # arguments; its port in $port (not in a subshell: its pid goes in pids).
  start_serve() {
    local folder=$1 workers=$2; shift 2
    "$vigie" serve --policy "$folder" --plugins Plugins --port 0 --workers "$workers" --watch-interval 0 "$@" \
      >"$folder.out" 2>"$folder.err" &
    pids+=($!)
    port=""
    for _ in $(seq 1 300); do
      port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$folder.out")
      [ -n "$port" ] && break
      sleep 0.1
    done
    [ -n "$port" ] || { echo "bench-scale: the server did not start" >&2; cat "$folder.err" >&2; exit 2; }
  }
  # The checks answered (200) once the requests wrk left in flight are done: the count stops moving.
  answered() {
    local before="" after
    after=$(curl -s "http://127.0.0.1:$1/metrics" | awk '/^vigie_serve_requests_total\{route="\/v1\/check",status="200"\}/ { print $2 }')
    while [ "$before" != "$after" ]; do
      sleep 0.5
      before=$after
      after=$(curl -s "http://127.0.0.1:$1/metrics" | awk '/^vigie_serve_requests_total\{route="\/v1\/check",status="200"\}/ { print $2 }')
    done
    echo "$after"
  }
  # wrk's lines: requests/s and the 99th percentile.
  report() { awk '/Requests\/sec/ { rps = $2 } /^ +99%/ { p99 = $2 } /requests in/ { n = $1 } END { printf "%s requests, %s requests/s, p99 %s", n, rps, p99 }' "$1"; }
  stop_all() {
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    pids=()
  }

  cp -r Policies/entretien-menager "$work/lite"; rm -rf "$work/lite/.vigie"
  start_serve "$work/lite" 2
  echo "\$ vigie serve --policy lite --workers 2     (one instance, SQLite)"
  wrk -t2 -c64 -d5s -s Benchmarks/serve-drafts.lua "http://127.0.0.1:$port/v1/check" >/dev/null   # warm-up
  echo "\$ wrk -t2 -c64 -d${seconds}s --latency -s Benchmarks/serve-drafts.lua http://127.0.0.1:$port/v1/check"
  wrk -t2 -c64 -d"${seconds}s" --latency -s Benchmarks/serve-drafts.lua "http://127.0.0.1:$port/v1/check" >"$work/wrk-lite"
  n=$(answered "$port")
  stop_all
  rows=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM serveDecision').fetchone()[0])" "$work/lite/.vigie/case.sqlite")
  echo "  $(report "$work/wrk-lite")"
  echo "  answered (200, warm-up included): $n; decision log rows: $rows"

  url="$VIGIE_TEST_POSTGRES?schema=vigie_bench_serve"
  sql "SET client_min_messages TO warning; DROP SCHEMA IF EXISTS vigie_bench_serve CASCADE"
  "$vigie" case-file migrate "$url" >/dev/null
  for i in 1 2; do cp -r Policies/entretien-menager "$work/pg$i"; rm -rf "$work/pg$i/.vigie"; done
  start_serve "$work/pg1" 1 --case-file "$url"
  p1=$port
  start_serve "$work/pg2" 1 --case-file "$url"
  p2=$port
  echo "\$ vigie serve --policy pg1 --workers 1 --case-file postgres://…?schema=vigie_bench_serve   (and pg2: two instances)"
  wrk -t1 -c32 -d5s -s Benchmarks/serve-drafts.lua "http://127.0.0.1:$p1/v1/check" >/dev/null &   # warm-up
  w1=$!
  wrk -t1 -c32 -d5s -s Benchmarks/serve-drafts.lua "http://127.0.0.1:$p2/v1/check" >/dev/null
  wait $w1
  echo "\$ wrk -t1 -c32 -d${seconds}s --latency -s Benchmarks/serve-drafts.lua http://127.0.0.1:PORT/v1/check   (one per instance, at once)"
  wrk -t1 -c32 -d"${seconds}s" --latency -s Benchmarks/serve-drafts.lua "http://127.0.0.1:$p1/v1/check" >"$work/wrk-pg1" &
  w1=$!
  wrk -t1 -c32 -d"${seconds}s" --latency -s Benchmarks/serve-drafts.lua "http://127.0.0.1:$p2/v1/check" >"$work/wrk-pg2" &
  w2=$!
  wait $w1 $w2
  n1=$(answered "$p1"); n2=$(answered "$p2")
  health=$(curl -s "http://127.0.0.1:$p1/healthz")
  stop_all
  rows=$(sql "SELECT count(*) FROM vigie_bench_serve.serve_decision")
  echo "  instance 1: $(report "$work/wrk-pg1")"
  echo "  instance 2: $(report "$work/wrk-pg2")"
  awk '/Requests\/sec/ { s += $2 } END { printf "  together: %.0f requests/s\n", s }' "$work/wrk-pg1" "$work/wrk-pg2"
  echo "  /healthz during the run: $health"
  echo "  answered (200, warm-up included): $n1 + $n2 = $((n1 + n2)); decision log rows: $rows"
  [ "$rows" -eq $((n1 + n2)) ] && echo "  EXACT: the decision log holds the requests answered" || { echo "  MISMATCH"; exit 1; }
fi
