#!/usr/bin/env bash
# Benchmarks of the Lua host (figures in BENCHMARKS.md). Not tests.
#   scripts/bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh lua5.4
n=${1:-400000}
build=${BUILD_DIR:-.build-release}
swift build -c release --product host-bench --scratch-path "$build" >/dev/null
echo "== a rule called once per event, $n events (standalone, host, standalone)"
lua5.4 Benchmarks/standalone.lua "$n"
"$build"/release/host-bench events "$n"
lua5.4 Benchmarks/standalone.lua "$n"
echo
echo "== how far past its deadline a runaway script goes"
"$build"/release/host-bench limits
