# The two commands a fresh checkout needs:
#   make site   build the whole site (with PDFs) from briefs/ into site/
#   make test   run the whole test suite
# Each creates .venv if missing and installs what it needs itself.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
BENCH_VENV := .venv-bench
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve bench clean support-rates

# DRAFTS=1 (pull-request previews) includes draft briefs under a banner; the published site leaves them out.
site: $(VENV)/.site-installed node_modules/.installed
	$(BIN)/brief check
	$(BIN)/brief build $(if $(DRAFTS),--drafts)

# Lint, format and types first (seconds), then the tests.
test: $(VENV)/.test-installed node_modules/.installed $(BENCH_VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto

check: $(VENV)/.site-installed
	$(BIN)/brief check

# The support check's false-alarm and miss rates on the labelled corpus (tests/support_corpus), per rule.
support-rates: $(VENV)/.site-installed
	$(BIN)/brief support-rates

# make serve                        serve the whole site with live reload (each save rebuilds every brief)
# make serve BRIEF=paris-talks-2025  preview one brief (id or file): a site of that brief alone, reloaded
#                                    about a second after each save however many briefs there are
# PORT=8001 serves on another port (default 8000); the address is printed at start.
serve: $(VENV)/.site-installed
	$(BIN)/brief serve $(BRIEF) $(if $(PORT),--port $(PORT))

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-installed: $(VENV)/bin/python pyproject.toml requirements.lock
	scripts/system-deps
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# Browser files shipped inside the site (the iframe-worker shim for offline search),
# pinned in package-lock.json; node_modules/ is git-ignored.
node_modules/.installed: package.json package-lock.json
	scripts/system-deps
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed requirements-test.lock
	scripts/system-deps --test
	$(BIN)/pip install --quiet -r requirements-test.lock
	touch $@

# make bench: time the build at 10, 100 and 1,000 synthetic briefs (not part of the tests); it types
# searches into Chromium, so it installs what the tests install.
# Zensical, the comparison builder and the theme's successor, goes into its own venv so the
# runtime lock stays clean; the tests build the site with it too (tests/test_zensical.py), so
# `make test` installs it and fails if it cannot. BENCH_ARGS passes options
# (e.g. BENCH_ARGS="--sizes 10,100 --runs 5"); see scripts/bench.py --help.

bench: $(VENV)/.test-installed node_modules/.installed $(BENCH_VENV)/.installed
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

$(BENCH_VENV)/.installed: requirements-bench.lock
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet -r requirements-bench.lock
	touch $@

clean:
	rm -rf site site.* docs/briefs .pytest_cache build/pdf-cache build/cache build/bench
