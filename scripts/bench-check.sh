#!/bin/sh
# Vigie's `check` against the limit of plain Lua and a peer host, on the same
# corpus and the same rules, in one run (BENCHMARKS.md, "Checking a stream").
#   scripts/bench-check.sh [ACTIVITIES]          (default 200000)
#   scripts/bench-check.sh --memory [ACTIVITIES] (default 1000000: peak memory of a big stream)
#   scripts/bench-check.sh --instructions [ACTIVITIES] (default 2000: instructions per activity under
#                                          valgrind, the same on a busy machine as on a quiet one)
#   scripts/bench-check.sh --profile [ACTIVITIES] (default 60000: where processor time goes, as shares
#                                          of perf's samples, which a busy machine slows alike)
# Installs what it needs when it is missing (scripts/setup.sh: lua5.4, time, valgrind or linux-perf
# from Debian; lupa from PyPI); swift and python3 must be there.
set -eu
cd "$(dirname "$0")/.."
MODE=compare
if [ "${1:-}" = "--memory" ]; then MODE=memory; shift; fi
if [ "${1:-}" = "--instructions" ]; then MODE=instructions; shift; fi
if [ "${1:-}" = "--profile" ]; then MODE=profile; shift; fi
# Set-up: the Debian packages each mode needs, and lupa from PyPI.
case $MODE in
  compare) scripts/setup.sh lua5.4 time
           if ! python3 -c "import lupa.lua54" 2>/dev/null; then
             python3 -m pip --version >/dev/null 2>&1 || scripts/setup.sh python3-pip
             python3 -m pip install --quiet lupa 2>/dev/null || python3 -m pip install --quiet --break-system-packages lupa
           fi ;;
  memory) scripts/setup.sh time ;;
  instructions) scripts/setup.sh lua5.4 valgrind binutils ;;
  profile) scripts/setup.sh linux-perf ;;
esac
N=${1:-200000}
[ "$MODE" = memory ] && N=${1:-1000000}
[ "$MODE" = instructions ] && N=${1:-2000}
[ "$MODE" = profile ] && N=${1:-60000}
TMP=${BENCH_TMP:-/tmp/vigie-bench-check}
mkdir -p "$TMP"
swift build -c release --product vigie >/dev/null
VIGIE=.build/release/vigie
POLICY="--policy Policies/nordelia --plugins Plugins --no-case-file --format json"
TEXT="--policy Policies/nordelia --plugins Plugins --no-case-file"   # text output (the default)
CORPUS=$TMP/corpus-$N.jsonl
[ -s "$CORPUS" ] || $VIGIE corpus --count "$N" --seed 7 --violations 0.1 --out "$CORPUS" 2>/dev/null

# /usr/bin/time -v of a command: wall seconds, processor (user + system) seconds, peak RSS in kB.
measure() { # name, command...
  name=$1; shift
  /usr/bin/time -v "$@" > "$TMP/$name.out" 2> "$TMP/$name.time" || true
  wall=$(awk -F': ' '/Elapsed/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$TMP/$name.time")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$TMP/$name.time")
  rss=$(awk -F': ' '/Maximum resident/ { print $2 }' "$TMP/$name.time")
  echo "$name $wall $rss $cpu" >> "$TMP/results"
  printf '%-28s wall %8.2f s  cpu %8.2f s  peak %8d kB\n' "$name" "$wall" "$cpu" "$rss"
}

if [ "$MODE" = memory ]; then
  : > "$TMP/results"
  head -n $((N / 10)) "$CORPUS" > "$TMP/tenth.jsonl"
  $VIGIE corpus --count "$N" --seed 7 --violations 0 --out "$TMP/clean-$N.jsonl" 2>/dev/null
  head -n $((N / 10)) "$TMP/clean-$N.jsonl" > "$TMP/clean-tenth.jsonl"
  measure "check-$N-w1-text" $VIGIE check "$CORPUS" $TEXT --workers 1
  measure "check-$N-w2-text" $VIGIE check "$CORPUS" $TEXT --workers 2
  measure "check-$((N / 10))-w1-text" $VIGIE check "$TMP/tenth.jsonl" $TEXT --workers 1
  measure "check-clean-$N-w1-text" $VIGIE check "$TMP/clean-$N.jsonl" $TEXT --workers 1
  measure "check-clean-$((N / 10))-w1-text" $VIGIE check "$TMP/clean-tenth.jsonl" $TEXT --workers 1
  measure "check-$N-w1-json" $VIGIE check "$CORPUS" $POLICY --workers 1
  measure "check-$((N / 10))-w1-json" $VIGIE check "$TMP/tenth.jsonl" $POLICY --workers 1
  for f in "$TMP"/check-*.time; do echo "  $(basename "$f" .time): $(grep -h "activities checked" "$f")"; done
  exit 0
fi

if [ "$MODE" = instructions ]; then
  # valgrind 3.19 cannot read the DWARF 5 of a Swift 6 build: profile a copy without debug information.
  strip -g -o "$TMP/vigie-stripped" "$VIGIE"
  python3 Benchmarks/plain/make_data.py Sources/VigieToolkit/Vocabulary/Vocabulary+Lists.swift "$CORPUS" 5000 "$TMP/data.lua"
  head -n "$N" "$CORPUS" > "$TMP/first-$N.jsonl"
  : > "$TMP/empty.jsonl"
  count() { # command... : instructions executed
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ { print $NF }'
  }
  v1=$(count "$TMP/vigie-stripped" check "$TMP/first-$N.jsonl" $POLICY --workers 1)
  v0=$(count "$TMP/vigie-stripped" check "$TMP/empty.jsonl" $POLICY --workers 1)
  s1=$(count lua5.4 Benchmarks/plain/standalone.lua "$TMP/data.lua" $((N + 1)))
  s0=$(count lua5.4 Benchmarks/plain/standalone.lua "$TMP/data.lua" 1)
  awk -v n="$N" -v v1="$v1" -v v0="$v0" -v s1="$s1" -v s0="$s0" 'BEGIN {
    v = (v1 - v0) / n; s = (s1 - s0) / n
    printf "instructions per activity over %d activities (valgrind; start-up and load taken off):\n", n
    printf "  vigie check, 1 worker (decoding the JSONL line included): %.0f\n", v
    printf "  standalone lua5.4, plain-Lua rules:                       %.0f\n", s
    printf "  standalone / vigie = %.2f (above 1: Vigie executes fewer instructions)\n", s / v }'
  exit 0
fi

if [ "$MODE" = profile ]; then
  # Samples of processor time with their call stacks (DWARF unwinding: Debian's
  # liblua has no frame pointers); each area's share is the part of the
  # samples whose stack holds one of its functions (an area's callees count).
  # Debian's liblua5.4 has no symbols: the collector and the hook read 0 unless
  # LUA_LIB_DIR names a folder holding a liblua5.4.so.0 built with them from
  # the same 5.4.4 source, for the profile only (in the source's src folder:
  # gcc -O2 -g -fPIC -shared -o DIR/liblua5.4.so.0 $(ls *.c | grep -v -e '^lua.c$' -e '^luac.c$') -lm).
  env ${LUA_LIB_DIR:+LD_LIBRARY_PATH="$LUA_LIB_DIR"} perf record -q -e cpu-clock -F 2000 --call-graph dwarf,16384 \
    -o "$TMP/perf.data" $VIGIE check "$CORPUS" $POLICY --workers 1 > /dev/null 2>&1 || true
  perf script -i "$TMP/perf.data" 2> /dev/null | awk '
    function area(label, yes) { names[++n] = label; if (yes) hit[n]++ }
    BEGIN { RS = "" }
    { total++; n = 0
      area("reading and decoding the JSONL line", $0 ~ /ActivityLineDecoder/)
      area("packing the view (Swift)", $0 ~ /ActivityView/)
      area("decoding the view into Lua", $0 ~ /decode_value/ && $0 !~ /swift_trampoline/)
      area("Swift functions called from Lua (detectors, lexicons)", $0 ~ /swift_trampoline/)
      area("garbage collection", $0 ~ /luaC_step/)
      area("count hook (instruction limit, deadline)", $0 ~ /luaG_traceexec|rethook/)
      area("Lua allocator", $0 ~ /vigie_alloc/)
      area("Swift allocation and release", $0 ~ /swift_slowAlloc|_swift_release_dealloc/)
      area("spilling findings and masking", $0 ~ /FindingSpillC6append|7MaskingO/) }
    END { printf "share of %d samples (a stack can fall in two areas):\n", total
      for (i = 1; i <= n; i++) printf "  %-58s %5.1f %%\n", names[i], 100 * hit[i] / total }'
  exit 0
fi

python3 Benchmarks/plain/make_data.py Sources/VigieToolkit/Vocabulary/Vocabulary+Lists.swift "$CORPUS" 5000 "$TMP/data.lua"
head -n 100 "$CORPUS" > "$TMP/export-100.jsonl"
: > "$TMP/empty.jsonl"
: > "$TMP/results"
ROUNDS=${BENCH_ROUNDS:-3}
echo "corpus: $N activities ($CORPUS), rules: Policies/nordelia (and Benchmarks/plain/rules.lua), $ROUNDS rounds"

# The contenders take turns, round after round, so that a busy spell of the
# machine falls on all of them; each one's best round is kept.
for r in $(seq "$ROUNDS"); do
  measure "standalone-$r" lua5.4 Benchmarks/plain/standalone.lua "$TMP/data.lua" "$N"
  measure "vigie-w1-$r" $VIGIE check "$CORPUS" $POLICY --workers 1
  measure "lupa-$r" python3 Benchmarks/plain/lupa-host.py "$CORPUS" "$TMP/data.lua"
  measure "vigie-w2-$r" $VIGIE check "$CORPUS" $POLICY --workers 2
done
measure standalone-rules lua5.4 Benchmarks/plain/standalone.lua "$TMP/data.lua" 50000 per-rule
# Start-up and policy load.
measure vigie-100 $VIGIE check "$TMP/export-100.jsonl" $POLICY
measure vigie-empty $VIGIE check "$TMP/empty.jsonl" $POLICY
measure vigie-help $VIGIE check --help
measure lua-start lua5.4 -e ""
measure lupa-start python3 -c "import lupa.lua54; lupa.lua54.LuaRuntime()"

rate() { awk -v f="$TMP/$1.out" 'BEGIN { while ((getline l < f) > 0) if (l ~ /^events /) { split(l, p, " "); print p[8] } }'; }
wall() { awk -v n="$1" '$1 == n { print $2 }' "$TMP/results"; }
cpu() { awk -v n="$1" '$1 == n { print $4 }' "$TMP/results"; }
# All rounds' rates of a contender, space-separated: processor time for one
# worker (Vigie: N / (its user + system time - that of the same check on an
# empty stream); Lua: os.clock(); lupa: time.process_time()), wall time for
# the two-worker speed-up (the second core is the point).
rates() {
  for r in $(seq "$ROUNDS"); do
    case $1 in
      vigie-w1) awk -v n="$N" -v c="$(cpu "vigie-w1-$r")" -v e="$(cpu vigie-empty)" 'BEGIN { printf "%.0f ", n / (c - e) }' ;;
      speedup) awk -v a="$(wall "vigie-w1-$r")" -v b="$(wall "vigie-w2-$r")" -v e="$(wall vigie-empty)" 'BEGIN { printf "%.2f ", (a - e) / (b - e) }' ;;
      *) printf '%s ' "$(rate "$1-$r")" ;;
    esac
  done
}
best() { echo "$1" | tr ' ' '\n' | grep . | sort -n | tail -1; }
median() { echo "$1" | tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
SR=$(rates standalone); LR=$(rates lupa); V1R=$(rates vigie-w1); SPR=$(rates speedup)
S=$(best "$SR"); L=$(best "$LR"); V1=$(best "$V1R"); SP=$(median "$SPR")
echo
echo "events/s per round, processor time (start-up and load taken off)"
echo "  standalone lua5.4: $SR"
echo "  lupa:              $LR"
echo "  vigie 1 worker:    $V1R"
echo "two workers' speed-up per round (wall time of 1 worker / of 2 workers, start-up taken off): $SPR"
echo "best of each: standalone $S, lupa $L, vigie 1 worker $V1; median speed-up $SP"
awk -v s="$S" -v l="$L" -v v1="$V1" -v sp="$SP" 'BEGIN {
  printf "  vigie 1 worker / standalone = %.2f  (target 1.5)\n", v1 / s
  printf "  vigie 1 worker / lupa       = %.2f  (target 2)\n", v1 / l
  printf "  vigie 2 workers / 1 worker  = %.2f  (target 1.7)\n", sp
  printf "  lupa / standalone           = %.2f\n", l / s }'
echo "policy load: vigie (empty stream, start-up included) $(wall vigie-empty) s, --help $(wall vigie-help) s;" \
     "plain Lua $(awk '/load_ms/ { print $2 }' "$TMP/standalone-rules.out") ms, lupa $(awk '/load_ms/ { print $2 }' "$TMP/lupa-1.out") ms"
echo "start-up: lua5.4 $(wall lua-start) s, python3 + lupa $(wall lupa-start) s"
echo "vigie check on a 100-activity export: $(wall vigie-100) s (target < 0.5)"
$VIGIE check "$CORPUS" $POLICY --rule-costs 20000 2> "$TMP/rule-costs.txt" || true
echo "per-rule cost, Vigie (hidden check --rule-costs 20000: each rule alone, over the handover):"
sed -n '2,$p' "$TMP/rule-costs.txt"
echo "per-rule cost, plain Lua (µs per event, over the fold):"
grep '^rule ' "$TMP/standalone-rules.out" | sed 's/^rule /  /'
