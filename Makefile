# bobra — see README.md. Every target works on a fresh clone with only the
# Go toolchain and the package registries.

GO ?= go

.PHONY: all build test lint race fuzz report bench clean assets browser-deps release

all: build

build: assets
	$(GO) build -o bin/bobra ./cmd/bobra

# ECharts is inlined in rapport.html so the report works offline. It comes
# from the npm registry as a pinned, checksum-verified package and is
# extracted into reports/assets/echarts/ (ignored by git), which the binary
# embeds. Licence: Apache-2.0 (LICENSE and NOTICE are extracted beside it).
ECHARTS_VERSION = 5.6.0
ECHARTS_SHA256 = e1b82487dd7f8d9f0438eec1f1433051148e0095ac7a15d4db890afda45cf610
ECHARTS_DIR = reports/assets/echarts

assets: $(ECHARTS_DIR)/echarts.min.js

$(ECHARTS_DIR)/echarts.min.js:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	(cd "$$tmp" && npm pack --silent echarts@$(ECHARTS_VERSION) >/dev/null); \
	echo "$(ECHARTS_SHA256)  $$tmp/echarts-$(ECHARTS_VERSION).tgz" | sha256sum -c --quiet -; \
	tar -xzf "$$tmp/echarts-$(ECHARTS_VERSION).tgz" -C "$$tmp" package/dist/echarts.min.js package/LICENSE package/NOTICE; \
	mkdir -p $(ECHARTS_DIR); \
	cp "$$tmp/package/LICENSE" "$$tmp/package/NOTICE" $(ECHARTS_DIR)/; \
	cp "$$tmp/package/dist/echarts.min.js" $(ECHARTS_DIR)/echarts.min.js.tmp; \
	mv $(ECHARTS_DIR)/echarts.min.js.tmp $@
	@echo "ECharts $(ECHARTS_VERSION) hentet til $(ECHARTS_DIR)"

# axe-core checks the HTML report for WCAG violations in the browser test;
# pinned and checksum-verified like ECharts, never embedded in the binary.
AXE_VERSION = 4.14.1
AXE_SHA256 = e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745
AXE_DIR = reports/testdata/axe

browser-deps: $(AXE_DIR)/axe.min.js

$(AXE_DIR)/axe.min.js:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	(cd "$$tmp" && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null); \
	echo "$(AXE_SHA256)  $$tmp/axe-core-$(AXE_VERSION).tgz" | sha256sum -c --quiet -; \
	tar -xzf "$$tmp/axe-core-$(AXE_VERSION).tgz" -C "$$tmp" package/axe.min.js; \
	mkdir -p $(AXE_DIR); \
	cp "$$tmp/package/axe.min.js" $(AXE_DIR)/axe.min.js.tmp; \
	mv $(AXE_DIR)/axe.min.js.tmp $@

# Runs the main job on the embedded sample data; outputs land in ./ut.
report: build
	./bin/bobra rapport --ut ut

# Benchmarks (docs/ytelse.md): Go benchmarks of the reader, the metrics and
# each renderer at 40, 10 000 and 100 000 families, then bench/run.sh, which
# times `bobra rapport` end to end at 40, 10 000, 100 000 and 300 000
# families against the floor and a bare excelize scan and prints the table
# with the targets. Generated data is cached in $$BOBRA_BENCH_DIR
# (default /tmp/bobra-bench). Not part of `make test`: targets are reported,
# never enforced.
bench: assets
	BOBRA_BENCH_LARGE=1 $(GO) test -run '^$$' -bench . -benchmem ./bench/
	bench/run.sh

# The browser test of rapport.html (charts drawn, no console error, no
# network request, axe-core WCAG 2.1 A/AA) and of the page of `bobra app`
# (used as a person would, compared with `bobra rapport`) run when Chromium
# is installed; their screenshots land in ut/.
CHROMIUM ?= /usr/bin/chromium

test: assets
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt -w trengs for: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	BOBRA_REQUIRE_ASSETS=1 $(GO) test ./...
	@if [ -x "$(CHROMIUM)" ]; then \
		$(MAKE) --no-print-directory browser-deps && \
		BOBRA_BROWSER=$(CHROMIUM) $(GO) test -count=1 -run 'TestBrowser' -v ./reports ./cmd/bobra; \
	else echo "Chromium finnes ikke ($(CHROMIUM)): nettlesertesten av rapport.html er hoppet over"; fi

# Static checks: formatting, go vet, a tidy go.mod, and staticcheck with
# every check on, at a pinned version (fetched through the Go proxy and
# cached; nothing is added to go.mod).
STATICCHECK = honnef.co/go/tools/cmd/staticcheck@v0.8.2

lint: assets
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt -w trengs for: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) mod tidy -diff
	$(GO) run $(STATICCHECK) -checks all ./...

# The race detector over every package that starts goroutines or runs
# code on them: the parallel reader and the sorted-zip writer (data), the
# renderers run at once (pipeline), the homes sheet's pieces made on every
# core (reports). -short skips the slow tests of very large inputs.
RACE_PKGS = ./data ./pipeline/... ./reports ./internal/...

race: assets
	$(GO) test -race -short -count=1 $(RACE_PKGS)

# Every fuzz target in the repository, each for FUZZTIME: the parsers and
# the reader must never panic or hang whatever the input, and every
# hand-written fast path must keep giving the result of the library it
# replaces. Targets are found with go test -list, so a new one is fuzzed
# without editing this file.
#
# Go 1.26's fuzz coordinator can report "context deadline exceeded" at the
# end of -fuzztime on a loaded machine, with no failing input (a race in
# internal/fuzz, fixed in Go 1.27). A target that fails so is run once
# more; one that writes a failing input fails at once.
FUZZTIME ?= 10s

fuzz: assets
	@set -e; log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	for pkg in $$($(GO) list ./...); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			for try in 1 2; do \
				echo "fuzz $$target in $$pkg ($(FUZZTIME))"; \
				if $(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$pkg >"$$log" 2>&1; then \
					cat "$$log"; break; \
				fi; \
				cat "$$log"; \
				if [ $$try = 2 ] || grep -q 'Failing input written to' "$$log" || ! grep -q 'context deadline exceeded' "$$log"; then \
					exit 1; \
				fi; \
				echo "fuzz $$target: the coordinator's deadline race, no failing input; once more"; \
			done; \
		done; \
	done

# Ready-made programs for people who never build from source (README, «Last
# ned»): dist/bobra-<versjon>-<os>-<arch>.zip for Windows, macOS and Linux on
# amd64 and arm64, each with the program and LESMEG.txt, and dist/SHA256SUMS.
# Reproducible: no paths, VCS stamp, build ID or times go in, so two runs on
# one commit give the same bytes (.ci/release-check.sh checks it).
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo ukjent)

release: assets
	$(GO) run ./internal/release -go "$(GO)" -versjon $(VERSION) -ut dist

clean:
	rm -rf bin ut dist
