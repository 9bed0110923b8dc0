#!/bin/sh
# Builds and runs the differential harness of vigie_pattern.c against the
# native Lua 5.4 string functions. Works from any current directory.
# Extra arguments are passed to the harness (e.g. --no-bench).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vigie-pattern.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wno-comment \
    -I"$root/Sources/CLuaShim/include" \
    -o "$tmp/harness" \
    "$here/harness.c" "$root/Sources/CLuaShim/vigie_pattern.c" \
    $(pkg-config --cflags --libs lua5.4) -lpthread
"$tmp/harness" "$here/cases.lua" "$@"
