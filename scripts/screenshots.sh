#!/usr/bin/env bash
# Renders the report and the charter of each bundled policy (Policies/*) and
# takes what a reviewer looks at: screenshots at 1400 px (a desk) and 420 px
# (a phone), the HTML printed to PDF, and the PDF's pages as PNG.
#
#   scripts/screenshots.sh [OUT]      (default OUT: out/screenshots)
#
# Needs Debian's chromium and poppler-utils (apt-get install chromium
# poppler-utils); `make test` does not use them. Builds vigie if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/screenshots}
for tool in chromium pdftoppm; do
  command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (apt-get install chromium poppler-utils)" >&2; exit 2; }
done
[ -x .build/debug/vigie ] || swift build
vigie=.build/debug/vigie
mkdir -p "$out"
shot() { # html png width height
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --screenshot="$2" --window-size="$3,$4" "file://$(realpath "$1")" >/dev/null 2>&1
}
pdf() { # html pdf
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$2" \
    "file://$(realpath "$1")" >/dev/null 2>&1
}
for dir in Policies/*/; do
  name=$(basename "$dir")
  data=()
  [ -d "$dir/donnees" ] && for f in "$dir"donnees/*; do data+=("$f"); done
  if [ ${#data[@]} -eq 0 ]; then data=("$out/$name-empty.jsonl"); : > "${data[0]}"; fi
  $vigie report "${data[@]}" --policy "$dir" --no-case-file --replay --keep-going --output "$out/$name-report.html" >/dev/null 2>&1
  $vigie charter --policy "$dir" --output "$out/$name-charter.html" 2>/dev/null
  $vigie charter --policy "$dir" --format print --output "$out/$name-charter-print.html" 2>/dev/null
  for doc in report charter; do
    shot "$out/$name-$doc.html" "$out/$name-$doc-1400.png" 1400 2400
    shot "$out/$name-$doc.html" "$out/$name-$doc-420.png" 420 2400
  done
  pdf "$out/$name-report.html" "$out/$name-report.pdf"
  pdf "$out/$name-charter-print.html" "$out/$name-charter.pdf"
  for doc in report charter; do
    pdftoppm -png -r 60 "$out/$name-$doc.pdf" "$out/$name-$doc-page"
  done
  echo "$name: $(ls "$out" | grep -c "^$name-") files in $out"
done
