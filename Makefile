# Vigie: the two commands a newcomer runs (both install what is missing).
#   make demo   runs Vigie on the bundled example
#   make test   runs every test
SWIFT ?= swift
VIGIE := .build/debug/vigie

.PHONY: all setup build demo test bench clean

all: build

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

demo: build
	@scripts/demo.sh

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test
	Tests/PatternHarness/run.sh --no-bench
	$(VIGIE) test Policies Plugins --coverage-threshold 90
	$(VIGIE) eval Policies/entretien-menager/eval/corpus.jsonl --policy Policies/entretien-menager --summary \
		--min-precision 0.9 --min-recall 0.85 --max-false-alarm-rate 0.05
	$(VIGIE) eval Policies/entretien-menager/eval/public.jsonl --policy Policies/entretien-menager --summary \
		--max-false-alarm-rate 0.05

bench: setup
	@scripts/bench.sh

clean:
	rm -rf .build out
