# Flowscope: `make gallery` sets up, builds in release mode and rebuilds the gallery;
# `make test` sets up and runs the whole test suite.
SWIFT ?= swift
RELEASE := .build/release

.PHONY: setup build gallery check test bench clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release

gallery: build
	$(RELEASE)/ode-solve --system van-der-pol --y0 2,0 --t1 20 --points 11 --method dopri5 --stats

test: setup
	$(SWIFT) build
	$(SWIFT) test

bench: build
	$(RELEASE)/ode-bench

clean:
	rm -rf .build
