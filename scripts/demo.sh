#!/usr/bin/env bash
# The bundled example, end to end: import a client's exports, then run a
# sandboxed Lua script over them.
set -euo pipefail
cd "$(dirname "$0")/.."
vigie=.build/debug/vigie
fixtures=Tests/VigieModelTests/Fixtures
mkdir -p out
echo "== vigie import (Mastodon, X, Facebook, Instagram and LinkedIn exports)"
$vigie import "$fixtures/mastodon" "$fixtures/twitter" "$fixtures/facebook" "$fixtures/instagram" \
  "$fixtures/linkedin" --out out/demo.jsonl
echo
echo "== vigie run scripts/demo-scan.lua --data out/demo.jsonl"
$vigie run scripts/demo-scan.lua --data out/demo.jsonl
