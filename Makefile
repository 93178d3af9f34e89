# Rounds — a thin wrapper over meson for the two commands in the README.
#   make run    install what is missing, build, and start Rounds
#   make test   install what is missing, build, and run every test headless
#   make test-asan  the core and UI suites again, built with AddressSanitizer
#                   and UndefinedBehaviorSanitizer in a second build folder
#   make test-asan-core  the core suite only, building only what it runs
#                   (what CI runs: see docs/decisions.md, "Sanitizers in CI")
BUILDDIR ?= build
ASANDIR ?= build-asan
PACKAGES := $(shell grep -v '^\#' build-aux/packages.txt)

.PHONY: all deps setup build run test test-deps test-asan test-asan-core asan-setup clean

all: build

deps:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing build dependencies:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get update && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi
	@# The Spanish UI test runs in es_US.UTF-8 (dates and numbers in Spanish).
	@locale -a 2>/dev/null | grep -qix 'es_US.utf8' || { \
	  echo "Generating the es_US.UTF-8 locale"; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo localedef -i es_US -f UTF-8 es_US.UTF-8; \
	}

setup: deps
	@test -f $(BUILDDIR)/build.ninja || meson setup $(BUILDDIR)

build: setup
	meson compile -C $(BUILDDIR)

run: build
	meson devenv -C $(BUILDDIR) src/rounds

# The local Bluesky server the tests run (Node 22, the reference PDS and PLC
# from the npm registry, into the build folder; nothing when already there).
test-deps: setup
	build-aux/bluesky-server.sh $(BUILDDIR)/bluesky-server || \
	  echo "The local Bluesky server could not be installed: its tests will fail." >&2

test: build test-deps
	build-aux/run-tests.sh $(BUILDDIR)

# Leak checking is off: GTK, fontconfig and Mesa keep caches for the life of
# the process that LeakSanitizer reports as leaks. Any other report (a bad
# read or write, use after free, undefined behaviour) stops the test.
SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:detect_odr_violation=0 \
	UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
	G_SLICE=always-malloc

asan-setup: deps
	@test -f $(ASANDIR)/build.ninja || \
	  meson setup $(ASANDIR) -Db_sanitize=address,undefined -Db_lundef=false

test-asan: asan-setup
	meson compile -C $(ASANDIR)
	$(SANITIZER_ENV) \
	  build-aux/run-tests.sh $(ASANDIR) --suite core --suite ui --timeout-multiplier 4

# Builds only the programs the core suite runs (about a third of the
# sanitizer build's time), then runs them.
test-asan-core: asan-setup
	# rounds-gmo: the content-language test reads the build's Spanish catalog.
	ninja -C $(ASANDIR) rounds-gmo $$(build-aux/test-targets.py $(ASANDIR) core tests/servers)
	$(SANITIZER_ENV) \
	  build-aux/run-tests.sh $(ASANDIR) --suite core --no-rebuild --timeout-multiplier 4

clean:
	rm -rf $(BUILDDIR) $(ASANDIR)
