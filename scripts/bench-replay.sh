#!/usr/bin/env bash
# The cost of `vigie check --replay` beside the same check without it, on
# generated streams of growing size (BENCHMARKS.md, "Replaying in time order").
# Usage: scripts/bench-replay.sh [COUNT...]   (default: 50000 200000)
# Builds a release binary in .build-release; wall and processor time from
# /usr/bin/time (installed by scripts/setup.sh when missing), peak memory too.
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(50000 200000)
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
swift build -c release --scratch-path .build-release --product vigie >&2
vigie=.build-release/release/vigie
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r Policies/nordelia "$work/policy"
rm -rf "$work/policy/.vigie"
printf '%-9s %-22s %8s %8s %9s\n' activities mode "wall s" "cpu s" "peak MB"
for n in "${counts[@]}"; do
  "$vigie" corpus --count "$n" --seed 7 --violations 0.1 --people 400 --out "$work/s.jsonl" 2>/dev/null
  for mode in check replay replay-2-workers case-file-replay; do
    args=("$work/s.jsonl" --policy "$work/policy" --plugins Plugins --format json --fail-on critical)
    case $mode in
      check) args+=(--no-case-file) ;;
      replay) args+=(--no-case-file --replay) ;;
      replay-2-workers) args+=(--no-case-file --replay --workers 2) ;;
      case-file-replay) rm -rf "$work/policy/.vigie"; args+=(--replay) ;;
    esac
    /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$vigie" check "${args[@]}" >/dev/null 2>&1 || [ $? -le 1 ]
    awk -v n="$n" -v m="$mode" '{ printf "%-9s %-22s %8.2f %8.2f %9.1f\n", n, m, $1, $2 + $3, $4 / 1024 }' "$work/t"
  done
done
