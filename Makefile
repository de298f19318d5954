# Flowscope: `make gallery` sets up, builds in release mode and rebuilds the stale figures of the
# gallery; `make test` sets up, builds, runs the whole test suite and checks that no committed
# figure drifted (ode-gallery check).
SWIFT ?= swift
RELEASE := .build/release

.PHONY: setup build gallery check test bench fuzz clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release

gallery: build
	$(RELEASE)/ode-gallery build

check: build
	$(RELEASE)/ode-gallery check

test: build
	$(SWIFT) build --build-tests
	$(SWIFT) test
	$(RELEASE)/ode-gallery check

bench: build
	$(RELEASE)/ode-bench

# Builds the libFuzzer targets (a sanitizer build of its own, several minutes) and fuzzes each for
# FUZZ_SECONDS from its saved corpus; `make test` only replays the saved inputs (FuzzCorpusReplayTests).
FUZZ_SECONDS ?= 10
fuzz: setup
	Fuzz/fuzz.sh build
	for t in $$(ls Fuzz/Sources | grep -v FuzzDriver); do Fuzz/fuzz.sh run $$t $(FUZZ_SECONDS) || exit 1; done

clean:
	rm -rf .build
