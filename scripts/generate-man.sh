#!/bin/sh
# Writes docs/man/vigie.1 from the command line's own help, with
# swift-argument-parser's GenerateManual plugin (one page, every command).
# Run it after changing a command's options or help; a test
# (ConventionsTests) says when the page is out of date.
set -eu
cd "$(dirname "$0")/.."
swift package --allow-writing-to-package-directory generate-manual --configuration debug >/dev/null
mkdir -p docs/man
# The date line changes every day: the page keeps the version's instead.
sed -e 's/^\.Dd .*/.Dd Vigie '"$(.build/debug/vigie --version)"'/' \
  .build/plugins/GenerateManual/outputs/vigie/vigie.1 > docs/man/vigie.1
echo "wrote docs/man/vigie.1 ($(wc -l < docs/man/vigie.1) lines); read it with: man -l docs/man/vigie.1"
