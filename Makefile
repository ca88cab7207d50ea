# The two commands of README.md: `make serve` and `make test`. Every target installs what it needs
# from the registries (crates.io, npm, Debian) when missing, at pinned versions.

SHELL := /bin/bash
PORT ?= 8080
TRUNK_VERSION := 0.22.1
# The wasm-bindgen CLI must equal the crate version in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/version = "\(.*\)"/\1/p;q}' Cargo.lock 2>/dev/null)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
APT_PACKAGES := chromium chromium-driver fonts-noto-cjk

.PHONY: serve dist test test-native test-wasm test-e2e bench fuzz data tools wasm-target clippy trunk wasm-bindgen wasm-split browser npm clean

serve: dist
	@echo ""
	@echo "  民生实事项目进度 — serving dist/ at http://127.0.0.1:$(PORT)/"
	@echo ""
	python3 tools/serve.py dist --port $(PORT)

dist: tools npm
	trunk build --release

data: ## Regenerates the bundled 2024 plan from the published list, and its packed copy (what the page reads).
	cargo run --quiet --release --bin import-list -- tests/fixtures/hangzhou-2024.txt --packed data/plan-2024.bin > data/plan-2024.json

test: tools browser npm
	@$(MAKE) --no-print-directory test-native
	@$(MAKE) --no-print-directory test-wasm
	@$(MAKE) --no-print-directory test-e2e

test-native:
	@echo "== 1/3 native: cargo test (pure core), then clippy (core natively, views for wasm32) =="
	cargo test --quiet 2>&1 | tee /tmp/minsheng-native.log | grep -E "^(test result|error|failures|---- )|panicked" ; test $${PIPESTATUS[0]} -eq 0
	cargo clippy --quiet --all-targets -- -D warnings
	cargo clippy --quiet --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings

test-wasm:
	@echo "== 2/3 browser components: wasm-bindgen-test in headless Chromium =="
	CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web

test-e2e: dist
	@echo "== 3/3 end to end: Playwright driving Chromium against dist/ =="
	playwright test --config e2e/playwright.config.mjs

bench: dist browser
	cargo bench --quiet --bench core
	cargo build --quiet --release --bin synth
	node bench/run.mjs

FUZZ_SECONDS ?= 60
FUZZ_TARGETS := list_parser plan_file progress_file url_query office_reader
fuzz: ## Property tests with many cases, then each cargo-fuzz target for FUZZ_SECONDS (nightly toolchain).
	PROPTEST_CASES=20000 cargo test --quiet --release --test properties
	@cargo fuzz --version 2>/dev/null | grep -q "0.12.0" || cargo install cargo-fuzz --version 0.12.0 --locked
	HOSTILE_CORPUS_DIR=fuzz/corpus/office_reader cargo test --quiet --test hostile_files write_corpus -- --ignored
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$t; \
	  echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
	  cargo +nightly fuzz run $$t fuzz/corpus/$$t tests/fuzz-regressions/$$t -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	  || { cp fuzz/artifacts/$$t/* tests/fuzz-regressions/$$t/ 2>/dev/null; echo "crash kept in tests/fuzz-regressions/$$t"; exit 1; }; \
	done

tools: wasm-target clippy trunk wasm-bindgen wasm-split

clippy:
	@cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

trunk:
	@trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)" || \
	  cargo install trunk --version $(TRUNK_VERSION) --locked --ignore-rust-version

# Cuts the app's wasm into the first load and chunks loaded on demand (tools/split_wasm.py).
WASM_SPLIT_VERSION := 0.2.4
wasm-split:
	@test -x $(CARGO_BIN)/wasm-split-cli && test -f $(CARGO_BIN)/.wasm-split-$(WASM_SPLIT_VERSION) || { \
	  cargo install wasm_split_cli_support --version $(WASM_SPLIT_VERSION) --features build-binary --locked && \
	  touch $(CARGO_BIN)/.wasm-split-$(WASM_SPLIT_VERSION); }

wasm-bindgen:
	@test -n "$(WASM_BINDGEN_VERSION)" || { echo "Cargo.lock names no wasm-bindgen version"; exit 1; }
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" || \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

browser:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y --no-install-recommends $(APT_PACKAGES) || \
	  { apt-get update && apt-get install -y --no-install-recommends $(APT_PACKAGES); }; \
	fi

npm: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

clean:
	cargo clean
	rm -rf dist node_modules
