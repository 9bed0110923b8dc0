#!/usr/bin/env bash
# What the bundled policies cost `vigie check`: this tree's policies and
# plugins, and those of BASE (a commit, default adede5a: before issue 18)
# run by the same release binary, so that the difference is the rules'.
# Activities per second of processor time (user + system), start-up and
# policy load taken off (the same command on an empty stream; the load is
# given on its own). The configurations take turns, round after round
# (BENCH_ROUNDS, default 5), and the best round of each is kept: a busy
# spell of this shared machine falls on all of them.
# Two streams: a generated corpus (`vigie corpus --count 20000 --seed 7
# --violations 0.1`) and the activities of entretien-menager's labeled sets
# (corpus and public, ten times over).
# (Instructions under valgrind are out of reach here: valgrind slows the
# policy load past its 5-second time limit.)
# Usage: scripts/bench-policy-cost.sh [BASE]    (about 10 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-adede5a}
ROUNDS=${BENCH_ROUNDS:-5}
scripts/setup.sh time >/dev/null
TMP=${BENCH_TMP:-/tmp/vigie-bench-policy}
rm -rf "$TMP" && mkdir -p "$TMP/base"
swift build -c release --product vigie >/dev/null 2>&1
VIGIE=.build/release/vigie
git archive "$BASE" Policies Plugins | tar -x -C "$TMP/base"
[ -s "$TMP/corpus.jsonl" ] || $VIGIE corpus --count 20000 --seed 7 --violations 0.1 --out "$TMP/corpus.jsonl" 2>/dev/null
# Ten copies, each activity with an id of its own (check skips a record
# whose id it has already seen).
cat Policies/entretien-menager/eval/corpus.jsonl Policies/entretien-menager/eval/public.jsonl | python3 -c '
import sys, json
items = []
for line in sys.stdin:
    line = line.strip()
    if not line: continue
    d = json.loads(line)
    if d.get("schema") != "vigie.activity/1": continue
    for k in ("labels", "tags", "note"): d.pop(k, None)
    items.append(d)
for copy in range(10):
    for d in items:
        print(json.dumps(dict(d, id="%s-%d" % (d["id"], copy)), ensure_ascii=False))' > "$TMP/labeled.jsonl"
printf '{"schema": "vigie.activity/1", "id": "x", "author": {"platform": "facebook", "handle": "x"}, "platform": "facebook", "kind": "post", "timestamp": "2026-01-01T00:00:00Z", "text": "."}\n' > "$TMP/one.jsonl"
cpu() { # command... : user + system seconds (check exits 1 when it finds something)
  { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{ print $1 + $2 }'
}
configs=("entretien-menager:." "entretien-menager:$TMP/base" "nordelia:." "nordelia:$TMP/base")
declare -A best
for round in $(seq "$ROUNDS"); do
  for row in "${configs[@]}"; do
    policy=${row%%:*}; tree=${row#*:}
    args="--policy $tree/Policies/$policy --plugins $tree/Plugins --no-case-file --format json --workers 1"
    for stream in one corpus labeled; do
      t=$(cpu $VIGIE check "$TMP/$stream.jsonl" $args)
      key="$row|$stream"
      if [ -z "${best[$key]:-}" ] || awk -v a="$t" -v b="${best[$key]}" 'BEGIN { exit !(a < b) }'; then best[$key]=$t; fi
    done
  done
done
nc=$(wc -l < "$TMP/corpus.jsonl"); nl=$(wc -l < "$TMP/labeled.jsonl")
echo "Best of $ROUNDS rounds; $nc generated activities, $nl labeled ones (entretien-menager's sets ten times)."
echo
echo "| policy | policies and plugins | start-up and load | generated corpus: µs per activity | activities/s | labeled sets: µs per activity | activities/s |"
echo "|---|---|---|---|---|---|---|"
for row in "${configs[@]}"; do
  policy=${row%%:*}; tree=${row#*:}
  label=$([ "$tree" = . ] && echo "this tree" || echo "$BASE")
  awk -v p="$policy" -v t="$label" -v e="${best[$row|one]}" -v c="${best[$row|corpus]}" -v l="${best[$row|labeled]}" \
      -v nc="$nc" -v nl="$nl" 'BEGIN {
    pc = (c - e) / nc; pl = (l - e) / nl
    printf "| %s | %s | %.2f s | %.1f | %.0f | %.1f | %.0f |\n", p, t, e, pc * 1e6, 1 / pc, pl * 1e6, 1 / pl }'
done
