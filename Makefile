# Vigie: the two commands a newcomer runs (both install what is missing).
#   make demo   runs Vigie on the bundled example
#   make test   runs every test
#   make fuzz   runs the long robustness suite (FUZZ_CASES, FUZZ_SEED; docs/reliability.md)
SWIFT ?= swift
VIGIE := .build/debug/vigie

.PHONY: all setup build demo test test-beside-server lint bench fuzz clean

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

# The tests run beside a private PostgreSQL server (scripts/with-postgres.sh:
# a cluster in a temporary folder on a free loopback port, stopped at the
# end) for the shared case file's back end; if it truly cannot be started,
# they run without it and its tests say they are skipped, and why.
test: setup lint
	$(SWIFT) build --build-tests
	scripts/with-postgres.sh --or-skip $(MAKE) --no-print-directory test-beside-server

test-beside-server:
	# Every suite but the server's; docs/tutorial.md runs among them (TutorialTests).
	$(SWIFT) test --skip-build --skip VigieServeTests
	# The server's tests time requests against a looping rule: run apart, so
	# that the rest of the suite does not take their threads.
	$(SWIFT) test --skip-build --filter VigieServeTests
	Tests/PatternHarness/run.sh --no-bench
	$(VIGIE) test Policies Plugins --coverage-threshold 90
	$(VIGIE) eval Policies/entretien-menager/eval/corpus.jsonl --policy Policies/entretien-menager --summary \
		--min-precision 0.9 --min-recall 0.85 --max-false-alarm-rate 0.05
	$(VIGIE) eval Policies/entretien-menager/eval/public.jsonl --policy Policies/entretien-menager --summary \
		--max-false-alarm-rate 0.05

bench: setup
	@scripts/bench.sh

# The long run of the robustness suite: FUZZ_CASES malformed inputs (3000 by
# default, four to five minutes) from FUZZ_SEED (the time by default; the report
# prints it, to replay a run), one in ten also through the built binary.
FUZZ_CASES ?= 3000
FUZZ_POLICY_CASES ?= 280
FUZZ_SEED ?= $(shell date +%s)
fuzz: setup
	$(SWIFT) build
	.build/debug/vigie-fuzz --cases $(FUZZ_CASES) --policy-cases $(FUZZ_POLICY_CASES) --seed $(FUZZ_SEED) --binary $(VIGIE) --binary-every 10

clean:
	rm -rf .build out
