#!/usr/bin/env bash
# Renders the sample reports (French and English, every format) from the test
# suite's sample document and screenshots the HTML ones in headless Chromium,
# to look at the heat map and the layout with your own eyes.
# Usage: scripts/check-html-report.sh [OUTPUT_DIR]   (default: out/report-check)
# Needs Debian's chromium (apt-get install chromium); the test suite does not.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/report-check}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "check-html-report: no Chromium found; install it (apt-get install chromium) and rerun" >&2
  exit 2
fi

swift build --build-tests >/dev/null
VIGIE_REPORT_SAMPLE_DIR="$out" swift test --skip-build --filter writeSampleReportsWhenAsked >/dev/null

for language in fr en; do
  html="$out/report.$language.html"
  for width in 1280 800; do
    png="$out/report.$language.$width.png"
    log="$out/chromium.$language.$width.log"
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr --v=0 \
      --screenshot="$png" --window-size="$width,4200" "file://$html" >"$log" 2>&1
    # Anything the page wrote to its console (the report has no script, so any
    # message is a fault), or a resource it failed to load; not the browser's own start-up noise.
    if grep -E ":CONSOLE|Failed to load resource|net::ERR" "$log"; then
      echo "check-html-report: $html logged errors (see $log)" >&2
      exit 1
    fi
    echo "$png"
  done
  # Print layout, as the client would print it.
  "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$out/report.$language.pdf" "file://$html" >/dev/null 2>&1
  echo "$out/report.$language.pdf"
done
