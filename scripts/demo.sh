#!/usr/bin/env bash
# The bundled example, end to end: Éclat Net, the cleaning business of
# seeds/000, with its exports (Facebook page, Instagram, X archive).
set -euo pipefail
cd "$(dirname "$0")/.."
vigie=.build/debug/vigie
policy=Policies/entretien-menager
data=$policy/donnees
mkdir -p out
# The example starts afresh: its case file (runs, incidents) is the demo's own.
rm -rf "$policy/.vigie"
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
else
  step() { printf '\n== %s\n' "$*"; }
fi

step "vigie import $data/* --out out/eclat-net.jsonl"
$vigie import "$data"/* --out out/eclat-net.jsonl

step "vigie lint --policy $policy"
$vigie lint --policy "$policy"

step "vigie analyze --policy $policy     (step 1: the threat register)"
$vigie analyze --policy "$policy"

step "vigie simulate client-fache --policy $policy     (step 3: rehearsing case no 1)"
$vigie simulate client-fache --policy "$policy"

step "vigie test $policy     (the policy's own tests)"
$vigie test "$policy" --coverage

step "vigie check out/eclat-net.jsonl --policy $policy --replay     (the client's real posts, weeks replayed)"
status=0
$vigie check out/eclat-net.jsonl --policy "$policy" --replay || status=$?
# exit 1 means: findings at or above --fail-on (high) — expected on this example
[ "$status" -le 1 ] || exit "$status"

step "vigie charter --policy $policy --output out/charte-eclat-net.html     (the documents people read)"
$vigie charter --policy "$policy" --output out/charte-eclat-net.html

step "vigie report out/eclat-net.jsonl --policy $policy --output out/rapport-eclat-net.html"
$vigie report out/eclat-net.jsonl --policy "$policy" --no-case-file --replay --output out/rapport-eclat-net.html
echo
echo "The report:  $(pwd)/out/rapport-eclat-net.html"
echo "The charter: $(pwd)/out/charte-eclat-net.html (open them in a browser; they work offline)."
