#!/bin/sh
# Vigie's `check` against the limit of plain Lua and a peer host, on the same
# corpus and the same rules, in one run (BENCHMARKS.md, "Checking a stream").
#   scripts/bench-check.sh [ACTIVITIES]          (default 100000: the three workloads, see below)
#   scripts/bench-check.sh --memory [ACTIVITIES] (default 1000000: peak memory of a big stream)
#   scripts/bench-check.sh --instructions [ACTIVITIES] (default 2000: instructions per activity and per
#                                          finding under valgrind, the same on a busy machine as on a quiet one)
#   scripts/bench-check.sh --profile [ACTIVITIES] (default 60000: where processor time goes, as shares
#                                          of perf's samples, which a busy machine slows alike)
#
# The workloads (the same activities for every contender):
#   5%   Policies/nordelia and its plugins (Benchmarks/plain/rules.lua in plain Lua) on
#        `vigie corpus --violations 0.1`: about 5 % of activities flagged;
#   33%  Benchmarks/workloads/douze-regles (twelve rules: lexicons, phones, e-mails, addresses,
#        dates with an away cue, capitals, night posting, hashtag floods; Benchmarks/workloads/
#        douze-regles.lua in plain Lua) on `--violations 0.37`: about a third flagged;
#   66%  the same rules on `--violations 0.73`: about two thirds flagged.
# and, for the instructions: the floor (Benchmarks/workloads/plancher: one empty rule) and one
# finding per activity (Benchmarks/workloads/constat: the floor's rule flagging every post).
#
# Installs what it needs when it is missing (scripts/setup.sh: lua5.4, time, valgrind or linux-perf
# from Debian; lupa from PyPI); swift and python3 must be there. The release build goes to
# .build-release (BUILD_DIR to change it), apart from the debug build the tests use.
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
N=${1:-100000}
[ "$MODE" = memory ] && N=${1:-1000000}
[ "$MODE" = instructions ] && N=${1:-2000}
[ "$MODE" = profile ] && N=${1:-60000}
TMP=${BENCH_TMP:-/tmp/vigie-bench-check}
BUILD=${BUILD_DIR:-.build-release}
mkdir -p "$TMP"
swift build -c release --product vigie --scratch-path "$BUILD" >/dev/null
VIGIE=$BUILD/release/vigie
VOCAB=Sources/VigieToolkit/Vocabulary/Vocabulary+Lists.swift
DOUZE=Benchmarks/workloads/douze-regles
JSON="--no-case-file --format json"
NORDELIA="--policy Policies/nordelia --plugins Plugins $JSON"
TEXT="--policy Policies/nordelia --plugins Plugins --no-case-file"   # text output (the default)

# The corpus of `count` activities with violations in the share `rate`.
corpus() { # count rate -> path
  f=$TMP/corpus-$1-$2.jsonl
  [ -s "$f" ] || $VIGIE corpus --count "$1" --seed 7 --violations "$2" --out "$f" 2>/dev/null
  echo "$f"
}

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
  CORPUS=$(corpus "$N" 0.1)
  head -n $((N / 10)) "$CORPUS" > "$TMP/tenth.jsonl"
  CLEAN=$(corpus "$N" 0)
  head -n $((N / 10)) "$CLEAN" > "$TMP/clean-tenth.jsonl"
  measure "check-$N-w1-text" $VIGIE check "$CORPUS" $TEXT --workers 1
  measure "check-$N-w2-text" $VIGIE check "$CORPUS" $TEXT --workers 2
  measure "check-$((N / 10))-w1-text" $VIGIE check "$TMP/tenth.jsonl" $TEXT --workers 1
  measure "check-clean-$N-w1-text" $VIGIE check "$CLEAN" $TEXT --workers 1
  measure "check-clean-$((N / 10))-w1-text" $VIGIE check "$TMP/clean-tenth.jsonl" $TEXT --workers 1
  measure "check-$N-w1-json" $VIGIE check "$CORPUS" $NORDELIA --workers 1
  measure "check-$((N / 10))-w1-json" $VIGIE check "$TMP/tenth.jsonl" $NORDELIA --workers 1
  measure "check-$N-66-w1-json" $VIGIE check "$(corpus "$N" 0.73)" --policy $DOUZE $JSON --workers 1
  for f in "$TMP"/check-*.time; do echo "  $(basename "$f" .time): $(grep -hE "activities checked|activités examinées" "$f")"; done
  exit 0
fi

if [ "$MODE" = instructions ]; then
  # valgrind 3.19 cannot read the DWARF 5 of a Swift 6 build: profile a copy without debug
  # information, beside the build's resource bundle (the engine's Lua files).
  strip -g -o "$BUILD/release/vigie-stripped" "$VIGIE"
  STRIPPED=$BUILD/release/vigie-stripped
  # Under valgrind every call runs about fifty times slower: the watchdog's tick is lengthened
  # so that the calls a native run leaves without the count hook stay without it.
  export VIGIE_WATCHDOG_TICK_MS=1000
  : > "$TMP/empty.jsonl"
  count() { # command... : instructions executed
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ { print $NF }'
  }
  vigie_per() { # policy-options... : instructions per activity on $FIRST, start-up and load taken off
    v1=$(count "$STRIPPED" check "$FIRST" "$@")
    v0=$(count "$STRIPPED" check "$TMP/empty.jsonl" "$@")
    echo $(( (v1 - v0) / N ))
  }
  standalone_per() { # data.lua [rules file]
    export VIGIE_BENCH_RULES="${2:-}"
    s1=$(count lua5.4 Benchmarks/plain/standalone.lua "$1" $((N + 1)))
    s0=$(count lua5.4 Benchmarks/plain/standalone.lua "$1" 1)
    echo $(( (s1 - s0) / N ))
  }
  FIRST=$TMP/first-$N.jsonl
  head -n "$N" "$(corpus 200000 0.1)" > "$FIRST"
  floor=$(vigie_per --policy Benchmarks/workloads/plancher $JSON)
  flagged=$(vigie_per --policy Benchmarks/workloads/constat $JSON)
  revealed=$(vigie_per --policy Benchmarks/workloads/constat $JSON --reveal)
  echo "instructions over $N activities (valgrind; start-up and load taken off):"
  echo "  floor (read the line, build the post, one call into Lua, one empty rule, no finding): $floor per activity"
  echo "  a finding (one per activity: ctx:flag to its line in the JSON output), masked:     $((flagged - floor))"
  echo "  a finding, --reveal (no masking):                                                  $((revealed - floor))"
  echo "  (masking runs the seven personal-data detectors on the text of an activity with findings)"
  for w in 5 33 66; do
    case $w in
      5) rate=0.1; opts="$NORDELIA"; rules="" ;;
      33) rate=0.37; opts="--policy $DOUZE $JSON"; rules=$PWD/$DOUZE.lua ;;
      66) rate=0.73; opts="--policy $DOUZE $JSON"; rules=$PWD/$DOUZE.lua ;;
    esac
    head -n "$N" "$(corpus 200000 $rate)" > "$FIRST"
    python3 Benchmarks/plain/make_data.py $VOCAB "$FIRST" "$N" "$TMP/data-first.lua"
    # shellcheck disable=SC2086
    v=$(vigie_per $opts)
    s=$(standalone_per "$TMP/data-first.lua" "$rules")
    hits=$($VIGIE check "$FIRST" $opts 2>&1 >/dev/null | awk '/activities checked|activités examinées/ { print $4 }')
    awk -v w="$w" -v v="$v" -v s="$s" -v h="$hits" -v n="$N" 'BEGIN {
      printf "  %s%% workload (%d findings over %d activities): vigie %d per activity, standalone lua5.4 %d; standalone / vigie = %.2f\n",
        w, h, n, v, s, s / v }'
  done
  exit 0
fi

if [ "$MODE" = profile ]; then
  CORPUS=$(corpus "$N" 0.1)
  # Samples of processor time with their call stacks (DWARF unwinding: Debian's
  # liblua has no frame pointers); each area's share is the part of the
  # samples whose stack holds one of its functions (an area's callees count).
  # Debian's liblua5.4 has no symbols: the collector and the hook read 0 unless
  # LUA_LIB_DIR names a folder holding a liblua5.4.so.0 built with them from
  # the same 5.4.4 source, for the profile only (in the source's src folder:
  # gcc -O2 -g -fPIC -shared -o DIR/liblua5.4.so.0 $(ls *.c | grep -v -e '^lua.c$' -e '^luac.c$') -lm).
  env ${LUA_LIB_DIR:+LD_LIBRARY_PATH="$LUA_LIB_DIR"} perf record -q -e cpu-clock -F 2000 --call-graph dwarf,16384 \
    -o "$TMP/perf.data" $VIGIE check "$CORPUS" $NORDELIA --workers 1 > /dev/null 2>&1 || true
  perf script -i "$TMP/perf.data" 2> /dev/null | awk '
    function area(label, yes) { names[++n] = label; if (yes) hit[n]++ }
    BEGIN { RS = "" }
    { total++; n = 0
      area("reading and decoding the JSONL line", $0 ~ /ActivityLineDecoder/)
      area("writing the post (Swift)", $0 ~ /ActivityView/)
      area("decoding the post and results into Lua", $0 ~ /decode_value|lazy_index/ && $0 !~ /swift_trampoline/)
      area("Swift functions called from Lua (detectors, lexicons)", $0 ~ /swift_trampoline/)
      area("garbage collection", $0 ~ /luaC_step/)
      area("count hook (after the watchdog armed it)", $0 ~ /luaG_traceexec|rethook/)
      area("Lua allocator", $0 ~ /vigie_alloc/)
      area("Swift allocation and release", $0 ~ /swift_slowAlloc|_swift_release_dealloc/)
      area("masking (the detectors on a flagged text)", $0 ~ /DetectorsO3all/)
      area("spilling findings, the JSON output", $0 ~ /FindingSpill|FindingJSON|SpillBytes/) }
    END { printf "share of %d samples (a stack can fall in two areas):\n", total
      for (i = 1; i <= n; i++) printf "  %-58s %5.1f %%\n", names[i], 100 * hit[i] / total }'
  exit 0
fi

: > "$TMP/empty.jsonl"
: > "$TMP/results"
ROUNDS=${BENCH_ROUNDS:-3}
echo "$N activities per workload, $ROUNDS rounds; release build $VIGIE"
measure vigie-empty $VIGIE check "$TMP/empty.jsonl" $NORDELIA
measure vigie-help $VIGIE check --help
measure lua-start lua5.4 -e ""
measure lupa-start python3 -c "import lupa.lua54; lupa.lua54.LuaRuntime()"

rate() { awk -v f="$TMP/$1.out" 'BEGIN { while ((getline l < f) > 0) if (l ~ /^events /) { split(l, p, " "); print p[8] } }'; }
hits() { awk -v f="$TMP/$1.out" 'BEGIN { while ((getline l < f) > 0) if (l ~ /^events /) { split(l, p, " "); print p[4] } }'; }
wall() { awk -v n="$1" '$1 == n { print $2 }' "$TMP/results"; }
cpu() { awk -v n="$1" '$1 == n { print $4 }' "$TMP/results"; }
best() { echo "$1" | tr ' ' '\n' | grep . | sort -n | tail -1; }
least() { echo "$1" | tr ' ' '\n' | grep . | sort -n | head -1; }
median() { echo "$1" | tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# One workload: the contenders take turns, round after round, so that a busy
# spell of the machine falls on all of them; each one's best round is kept.
workload() { # label violations vigie-options... (VIGIE_BENCH_RULES set for the plain-Lua rules)
  label=$1; violations=$2; shift 2
  CORPUS=$(corpus "$N" "$violations")
  # The plain-Lua contenders get the same activities (all of them, loaded before the clock starts).
  python3 Benchmarks/plain/make_data.py $VOCAB "$CORPUS" "$N" "$TMP/data-$label.lua"
  measure "vigie-empty-$label" $VIGIE check "$TMP/empty.jsonl" "$@"
  for r in $(seq "$ROUNDS"); do
    measure "standalone-$label-$r" lua5.4 Benchmarks/plain/standalone.lua "$TMP/data-$label.lua" "$N"
    measure "vigie-w1-$label-$r" $VIGIE check "$CORPUS" "$@" --workers 1
    measure "lupa-$label-$r" python3 Benchmarks/plain/lupa-host.py "$CORPUS" "$TMP/data-$label.lua"
    measure "vigie-w2-$label-$r" $VIGIE check "$CORPUS" "$@" --workers 2
  done
  # Processor time for one worker (Vigie: N / (its user + system time - that of the same check on
  # an empty stream); Lua: os.clock(); lupa: time.process_time()), wall time for the two-worker
  # speed-up (the second core is the point).
  SR=""; LR=""; V1R=""; SPR=""; W1=""; W2=""
  for r in $(seq "$ROUNDS"); do
    W1="$W1 $(wall "vigie-w1-$label-$r")"; W2="$W2 $(wall "vigie-w2-$label-$r")"
    SR="$SR $(rate "standalone-$label-$r")"
    LR="$LR $(rate "lupa-$label-$r")"
    V1R="$V1R $(awk -v n="$N" -v c="$(cpu "vigie-w1-$label-$r")" -v e="$(cpu "vigie-empty-$label")" 'BEGIN { printf "%.0f", n / (c - e) }')"
    SPR="$SPR $(awk -v a="$(wall "vigie-w1-$label-$r")" -v b="$(wall "vigie-w2-$label-$r")" -v e="$(wall "vigie-empty-$label")" 'BEGIN { printf "%.2f", (a - e) / (b - e) }')"
  done
  S=$(best "$SR"); L=$(best "$LR"); V1=$(best "$V1R"); SP=$(median "$SPR")
  # Each contender's best round, as for the rates: the rounds least disturbed by
  # the machine's other work (the closest to both cores free).
  BW1=$(least "$W1"); BW2=$(least "$W2")
  SPB=$(awk -v a="$BW1" -v b="$BW2" -v e="$(wall "vigie-empty-$label")" 'BEGIN { printf "%.2f", (a - e) / (b - e) }')
  VH=$(grep -hE "activities checked|activités examinées" "$TMP/vigie-w1-$label-1.time" | awk '{ print $4 }')
  echo
  echo "== $label workload: $CORPUS"
  echo "findings: vigie $VH ($(awk -v h="$VH" -v n="$N" 'BEGIN { printf "%.1f", 100 * h / n }') % of activities), standalone $(hits "standalone-$label-1"), lupa $(hits "lupa-$label-1")"
  echo "events/s per round, processor time (start-up and load taken off)"
  echo "  standalone lua5.4:$SR"
  echo "  lupa:             $LR"
  echo "  vigie 1 worker:   $V1R"
  echo "two workers' speed-up per round (wall time of 1 worker / of 2 workers, start-up taken off):$SPR"
  echo "  best wall times: 1 worker$W1 -> $BW1 s; 2 workers$W2 -> $BW2 s; best / best $SPB"
  awk -v s="$S" -v l="$L" -v v1="$V1" -v sp="$SP" 'BEGIN {
    printf "best of each: standalone %d, lupa %d, vigie 1 worker %d; median speed-up %.2f\n", s, l, v1, sp }'
  awk -v s="$S" -v l="$L" -v v1="$V1" -v sp="$SP" -v spb="$SPB" -v label="$label" 'BEGIN {
    printf "  %s%%: vigie / standalone %.2f (target 1.5), vigie / lupa %.2f (target 2), 2 workers / 1 %.2f median, %.2f best / best (target 1.7)\n",
      label, v1 / s, v1 / l, sp, spb }' | tee -a "$TMP/ratios"
}

: > "$TMP/ratios"
export VIGIE_BENCH_RULES=""
workload 5 0.1 $NORDELIA
export VIGIE_BENCH_RULES="$PWD/$DOUZE.lua"
workload 33 0.37 --policy $DOUZE $JSON
workload 66 0.73 --policy $DOUZE $JSON
echo
echo "start-up: vigie check on an empty stream (start-up and loading Nordelia) $(wall vigie-empty) s, --help $(wall vigie-help) s;" \
     "lua5.4 $(wall lua-start) s, python3 + lupa $(wall lupa-start) s"
echo "summary (best rounds; two workers: median of the rounds' ratios, and the ratio of the best rounds):"
cat "$TMP/ratios"
