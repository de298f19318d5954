# Flowscope: `make gallery` sets up, builds in release mode and rebuilds the stale figures of the
# gallery; `make test` sets up, builds, runs the whole test suite and checks that no committed
# figure drifted (ode-gallery check; its HTML and JUnit report go to gallery-report/).
# `make install PREFIX=…` (default /usr/local) installs the programs, their man pages and bash,
# zsh and fish completions; `make uninstall` removes them.
SWIFT ?= swift
RELEASE := .build/release
REPORT := gallery-report

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(DESTDIR)$(PREFIX)/bin
MANDIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
# Every ode-* program except the benchmark.
PROGRAMS := $(filter-out ode-bench,$(notdir $(wildcard Sources/ode-*)))
# Man pages carry the date of the last commit, so regenerating them changes nothing.
MANUAL_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date +%F)
MANUALS := .build/manual
COMPLETIONS := .build/completions

.PHONY: setup build gallery check test bench bench-scale fuzz sanitize-c man completions install uninstall clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build -c release

gallery: build
	$(RELEASE)/ode-gallery build

check: build
	$(RELEASE)/ode-gallery check --report $(REPORT) --junit $(REPORT)/junit.xml

test: build
	$(SWIFT) build --build-tests
	$(SWIFT) test
	rm -rf $(REPORT)
	$(RELEASE)/ode-gallery check --report $(REPORT) --junit $(REPORT)/junit.xml

bench: build
	$(RELEASE)/ode-bench

# The scale task against the peers (torchdiffeq, diffrax), back to back; prints README's table.
bench-scale: setup
	benchmarks/scale.sh

# ArgumentParser's manual plugin: one page per command and subcommand (ode-plot.1, ode-plot.phase.1, …).
# The plugin builds the release programs itself (quick after `make build`), but with parameters of
# its own: the next `swift build -c release` compiles everything again, so install does not run one.
man: setup
	$(SWIFT) package --disable-sandbox plugin generate-manual --multi-page --date $(MANUAL_DATE)
	rm -rf $(MANUALS) && mkdir -p $(MANUALS)
	for p in $(PROGRAMS); do cp .build/plugins/GenerateManual/outputs/$$p/*.1 $(MANUALS)/; done

# Run after man (or build), which leaves the release programs.
completions:
	rm -rf $(COMPLETIONS) && mkdir -p $(COMPLETIONS)/bash $(COMPLETIONS)/zsh $(COMPLETIONS)/fish
	for p in $(PROGRAMS); do \
	  $(RELEASE)/$$p --generate-completion-script bash > $(COMPLETIONS)/bash/$$p && \
	  $(RELEASE)/$$p --generate-completion-script zsh > $(COMPLETIONS)/zsh/_$$p && \
	  $(RELEASE)/$$p --generate-completion-script fish > $(COMPLETIONS)/fish/$$p.fish || exit 1; \
	done

install: setup man completions
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	for p in $(PROGRAMS); do install -m 755 $(RELEASE)/$$p $(BINDIR)/$$p || exit 1; done
	install -m 644 $(MANUALS)/*.1 $(MANDIR)/
	install -m 644 $(COMPLETIONS)/bash/* $(BASHDIR)/
	install -m 644 $(COMPLETIONS)/zsh/* $(ZSHDIR)/
	install -m 644 $(COMPLETIONS)/fish/* $(FISHDIR)/

uninstall:
	for p in $(PROGRAMS); do \
	  rm -f $(BINDIR)/$$p $(MANDIR)/$$p.1 $(MANDIR)/$$p.*.1 $(BASHDIR)/$$p $(ZSHDIR)/_$$p $(FISHDIR)/$$p.fish; \
	done

# Builds the libFuzzer targets (a sanitizer build of its own, several minutes) and fuzzes each for
# FUZZ_SECONDS from its saved corpus; `make test` only replays the saved inputs (FuzzCorpusReplayTests).
FUZZ_SECONDS ?= 10
fuzz: setup
	Fuzz/fuzz.sh build
	for t in $$(ls Fuzz/Sources | grep -v FuzzDriver); do Fuzz/fuzz.sh run $$t $(FUZZ_SECONDS) || exit 1; done

# The C targets (CPNGRead, _NetworkKernels, libdeflate's streams) under clang's ASan and UBSan.
sanitize-c:
	Fuzz/csan/run.sh 1000

clean:
	rm -rf .build
