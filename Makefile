# Flowscope: `make gallery` sets up, builds in release mode and rebuilds the stale figures of the
# gallery; `make test` sets up, builds, runs the whole test suite and checks that no committed
# figure drifted (ode-gallery check).
SWIFT ?= swift
RELEASE := .build/release

.PHONY: setup build gallery check test bench clean

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

clean:
	rm -rf .build
