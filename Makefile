# Vigie: the two commands a newcomer runs (both install what is missing).
#   make demo   runs Vigie on the bundled example
#   make test   runs every test
SWIFT ?= swift
VIGIE := .build/debug/vigie

.PHONY: all setup build demo test lint bench clean

all: build

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

demo: build
	@scripts/demo.sh

# The engine's Lua half, the plugins and the policies (.luacheckrc).
lint: setup
	luacheck --quiet --no-color Sources/VigieEngine/Lua/vigie Plugins Policies

test: setup lint
	$(SWIFT) build --build-tests
	$(SWIFT) test
	Tests/PatternHarness/run.sh --no-bench
	$(VIGIE) test Policies Plugins --coverage-threshold 90

bench: setup
	@scripts/bench.sh

clean:
	rm -rf .build out
