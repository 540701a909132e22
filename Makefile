# The two commands a fresh checkout needs:
#   make site   build the whole site (with PDFs) from briefs/ into site/
#   make test   run the whole test suite
# Each creates .venv if missing and installs what it needs itself.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve bench clean

site: $(VENV)/.site-installed node_modules/.installed
	$(BIN)/brief check
	$(BIN)/brief build

test: $(VENV)/.test-installed node_modules/.installed
	$(BIN)/python -m pytest

check: $(VENV)/.site-installed
	$(BIN)/brief check

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --livereload

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

clean:
	rm -rf site site.* docs/briefs .pytest_cache build/pdf-cache
