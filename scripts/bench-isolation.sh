#!/bin/bash
# What rule isolation (issue 23: the finding budget in vigie/check.lua) costs: instructions per
# activity for the floor (one empty rule) and per finding (one flag per activity), with the
# dispatcher before the budget (20e949b, plus the new entry point as a no-op) and after it, in
# alternating rounds on the same release binary (only the engine's Lua file is swapped).
#   scripts/bench-isolation.sh      (about 15 minutes; valgrind)
set -e
cd "$(dirname "$0")/.."
scripts/setup.sh valgrind binutils >/dev/null
B=.build-release/release
swift build -c release --product vigie --scratch-path .build-release >/dev/null
strip -g -o $B/vigie-stripped $B/vigie
export VIGIE_WATCHDOG_TICK_MS=1000
N=2000
TMP=/tmp/vigie-bench-check; mkdir -p $TMP; : > $TMP/empty.jsonl
[ -s $TMP/corpus-200000-0.1.jsonl ] || $B/vigie corpus --count 200000 --seed 7 --violations 0.1 --out $TMP/corpus-200000-0.1.jsonl 2>/dev/null
head -n $N $TMP/corpus-200000-0.1.jsonl > $TMP/first.jsonl
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ { print $NF }'; }
per() { v1=$(count $B/vigie-stripped check $TMP/first.jsonl "$@"); v0=$(count $B/vigie-stripped check $TMP/empty.jsonl "$@"); echo $(( (v1 - v0) / N )); }
R=$B/Vigie_VigieEngine.resources/vigie/check.lua
cp $R /tmp/check.new.lua
trap 'cp /tmp/check.new.lua $R' EXIT
git show 20e949b:Sources/VigieEngine/Lua/vigie/check.lua > /tmp/check.old.lua; echo "function E.entry.stop() end" >> /tmp/check.old.lua
for which in old new old new; do
  cp /tmp/check.$which.lua $R
  f=$(per --policy Benchmarks/workloads/plancher --no-case-file --format json)
  c=$(per --policy Benchmarks/workloads/constat --no-case-file --format json)
  echo "$which check.lua: floor $f, finding $((c - f))"
done
cp /tmp/check.new.lua $R
