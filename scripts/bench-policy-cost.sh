#!/usr/bin/env bash
# Instructions per activity of `vigie check` with the bundled policies, under
# valgrind (the same on a busy machine as on a quiet one): this tree's
# policies and plugins, and those of BASE (a commit, default adede5a: before
# issue 18) run by the same binary, so that the difference is the rules'.
# Start-up and policy load are taken off (the same command on an empty
# stream); the load is given on its own.
# Two streams: a generated corpus (`vigie corpus --count 2000 --seed 7
# --violations 0.1`, the one scripts/bench-check.sh --instructions uses) and
# the activities of entretien-menager's labeled sets (corpus and public).
# Usage: scripts/bench-policy-cost.sh [BASE]    (about 15 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-adede5a}
scripts/setup.sh valgrind binutils >/dev/null
TMP=${BENCH_TMP:-/tmp/vigie-bench-policy}
rm -rf "$TMP/base" && mkdir -p "$TMP/base"
swift build -c release --product vigie >/dev/null
# valgrind 3.19 cannot read the DWARF 5 of a Swift 6 build: a copy without debug information.
strip -g -o "$TMP/vigie" .build/release/vigie
git archive "$BASE" Policies Plugins | tar -x -C "$TMP/base"
[ -s "$TMP/corpus.jsonl" ] || "$TMP/vigie" corpus --count 2000 --seed 7 --violations 0.1 --out "$TMP/corpus.jsonl" 2>/dev/null
cat Policies/entretien-menager/eval/corpus.jsonl Policies/entretien-menager/eval/public.jsonl \
  | python3 -c '
import sys, json
for line in sys.stdin:
    line = line.strip()
    if not line: continue
    d = json.loads(line)
    if d.get("schema") != "vigie.activity/1": continue
    for k in ("labels", "tags", "note"): d.pop(k, None)
    print(json.dumps(d, ensure_ascii=False))' > "$TMP/labeled.jsonl"
: > "$TMP/empty.jsonl"
count() { # command... : instructions executed (a load cut short by the time limit under valgrind is retried)
  for _ in 1 2 3; do
    out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null)
    if ! grep -q "time limit exceeded" <<<"$out"; then awk '/Collected/ { print $NF }' <<<"$out"; return; fi
  done
  echo "loading keeps hitting the time limit under valgrind" >&2; exit 1
}
echo "| policy | plugins | load (instructions) | generated corpus, per activity | labeled sets, per activity |"
echo "|---|---|---|---|---|"
for row in "entretien-menager:." "entretien-menager:$TMP/base" "nordelia:." "nordelia:$TMP/base"; do
  policy=${row%%:*}; tree=${row#*:}
  args="--policy $tree/Policies/$policy --plugins $tree/Plugins --no-case-file --format json --workers 1"
  e=$(count "$TMP/vigie" check "$TMP/empty.jsonl" $args)
  c=$(count "$TMP/vigie" check "$TMP/corpus.jsonl" $args)
  l=$(count "$TMP/vigie" check "$TMP/labeled.jsonl" $args)
  nc=$(wc -l < "$TMP/corpus.jsonl"); nl=$(wc -l < "$TMP/labeled.jsonl")
  label=$([ "$tree" = . ] && echo "this tree" || echo "$BASE")
  awk -v p="$policy" -v t="$label" -v e="$e" -v c="$c" -v l="$l" -v nc="$nc" -v nl="$nl" \
    'BEGIN { printf "| %s | %s | %.0f | %.0f | %.0f |\n", p, t, e, (c - e) / nc, (l - e) / nl }'
done
