#!/bin/sh
# Property-based test of `vigie serve` against its OpenAPI document with
# schemathesis (PyPI, in a virtual environment of its own under $TMPDIR):
# generated requests, valid and not, to every operation of
# docs/openapi/serve.yaml; every answer must be documented, conform to its
# schema and never be a 5xx. Not part of `make test` (it needs pip); the
# Swift tests check their own responses against the same document.
#   scripts/serve-schemathesis.sh [MAX_EXAMPLES]   (default 100 per operation)
set -eu
cd "$(dirname "$0")/.."
EXAMPLES=${1:-100}
VENV=${TMPDIR:-/tmp}/vigie-schemathesis
[ -x "$VENV/bin/st" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet schemathesis==4.32.5; }
swift build --product vigie >/dev/null
TMP=$(mktemp -d /tmp/vigie-schemathesis-run.XXXXXX)
cp -r Policies/entretien-menager "$TMP/policy"
rm -rf "$TMP/policy/.vigie"
# With a token, as the document's security says (schemathesis also tries without, and with a wrong one).
TOKEN=schemathesis-token-0123456789
echo "$TOKEN" >"$TMP/tokens"
.build/debug/vigie serve --policy "$TMP/policy" --plugins Plugins --port 0 --watch-interval 0 --token-file "$TMP/tokens" \
  >"$TMP/out" 2>"$TMP/err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
PORT=""
for _ in $(seq 1 200); do
  PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$TMP/out")
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { echo "serve-schemathesis: the server did not start" >&2; cat "$TMP/err" >&2; exit 2; }
# Excluded: positive_data_acceptance, which wants every schema-valid draft accepted: a
# `person` must be one of the policy's profile (400 unknown-person otherwise), and the
# document, written for every policy, cannot list them.
# Run from the temporary folder: schemathesis keeps its example database in the current one.
ROOT=$(pwd)
cd "$TMP"
"$VENV/bin/st" run "$ROOT/docs/openapi/serve.yaml" --url "http://127.0.0.1:$PORT" --checks all \
  --exclude-checks positive_data_acceptance -H "Authorization: Bearer $TOKEN" \
  --max-examples "$EXAMPLES" --no-color
