# Project Nexus: the two commands a newcomer needs are `make serve` and `make test`.
# Everything installs into .venv (Python) and node_modules (npm); nothing global.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SITE   ?= site
export NO_MKDOCS_2_WARNING := 1
# The tests run in one process per core (pytest-xdist): the hub's, so no test writes into the
# repository (each builds into its own temporary folder), and the examples'. Measured here, the
# three example suites took 506 s in one process and 348 s in two. PARALLEL= runs them in one.
PARALLEL ?= -n auto
# Reproducible builds: dates that default to "now" use the last commit's time instead.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)

.PHONY: serve check test test-sweep test-fast lint build example test-example test-services \
        test-services-running health bench bench-scale offline preview new-page fix contract screenshots vendor clean help

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The hub's own package (pyproject.toml), editable: its steps, checks and commands run from this tree.
$(VENV)/.site: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.tools: $(VENV)/.site requirements-test.txt
	$(BIN)/pip install --quiet -r requirements-test.txt
	@touch $@

$(VENV)/.example: examples/jobboard/requirements-test.txt examples/recipes/requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r examples/jobboard/requirements-test.txt -r examples/recipes/requirements.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

serve: $(VENV)/.site  ## Preview the hub with live reload at http://127.0.0.1:8000/
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.site  ## Strict build into site/
	$(BIN)/nexus build --site-dir $(SITE)

fix: $(VENV)/.tools  ## Fix what the page checks can fix (field order, date format, tag case, trailing spaces)
	$(BIN)/nexus fix

check: $(VENV)/.tools  ## Fast gate, no browser: page checks, strict build, linters
	$(BIN)/nexus check --site-dir $(SITE)
	$(LINT)

# The linters, in one place for `make check` and `make lint` (no recursive make: a test's copy of
# the repository runs this Makefile with this checkout's VENV, and must not reinstall it).
LINT = $(BIN)/codespell \
	&& $(BIN)/pymarkdown --config .pymarkdown.json scan --recurse docs \
	&& $(BIN)/yamllint --strict . \
	&& $(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml \
	&& $(BIN)/check-jsonschema --builtin-schema vendor.dependabot .github/dependabot.yml \
	&& $(BIN)/check-jsonschema --builtin-schema vendor.github-issue-forms .github/ISSUE_TEMPLATE/[!c]*.yml \
	&& $(BIN)/check-jsonschema --builtin-schema vendor.github-issue-config .github/ISSUE_TEMPLATE/config.yml \
	&& $(BIN)/zizmor --offline --no-progress .

lint: $(VENV)/.tools  ## Spelling, Markdown, YAML and workflow linters
	$(LINT)

test: check $(VENV)/.example node_modules/.installed  ## The gate, then hub, browser and example tests
	NEXUS_SITE=$(SITE) $(BIN)/python -m pytest $(PARALLEL) -m "not sweep" --durations=15
	cd examples/jobboard && PATH="$(CURDIR)/$(BIN):$$PATH" ../../$(BIN)/python -m pytest -q $(PARALLEL)
	cd examples && ../$(BIN)/python -m pytest -q $(PARALLEL) python shell errors
	cd examples/recipes && PATH="$(CURDIR)/$(BIN):$$PATH" ../../$(BIN)/python -m pytest -q $(PARALLEL)

# What `make test` checks on a sample, over every page and every case (pytest.ini's `sweep`):
# axe on every page, no page scrolls sideways, layout shift on a phone's first visit and on a
# desktop, every question's search bytes. GitHub Actions runs it beside `make test` and before
# every deploy; it would take `make test` past its thirty minutes.
test-sweep: check node_modules/.installed  ## The sample checks of make test over every page and case
	NEXUS_SITE=$(SITE) $(BIN)/python -m pytest $(PARALLEL) -m sweep

test-fast: $(VENV)/.tools node_modules/.installed  ## Hub tests without the browser
	$(BIN)/python -m pytest -m "not browser"

contract: $(VENV)/.example  ## After changing an endpoint: write the Job Board contract (OpenAPI, GraphQL SDL, recorded examples)
	cd examples/jobboard && PATH="$(CURDIR)/$(BIN):$$PATH" bin/export-contract

example: $(VENV)/.example  ## Run the Job Board API at http://127.0.0.1:8001/api/
	cd examples/jobboard && PATH="$(CURDIR)/$(BIN):$$PATH" bin/run

test-example: $(VENV)/.example  ## The example's embedded test tier only
	cd examples/jobboard && PATH="$(CURDIR)/$(BIN):$$PATH" bin/test

test-services: $(VENV)/.example  ## The example against real PostgreSQL, Redis and RabbitMQ (started here); ARGS="-m services" for the service tests only
	cd examples/jobboard && PATH="$(CURDIR)/$(BIN):$$PATH" bin/test-services $(ARGS)

test-services-running: $(VENV)/.example  ## The services tier against services already running (GitHub Actions)
	cd examples/jobboard && NEXUS_SERVICES=1 ../../$(BIN)/python -m pytest -q

health: $(VENV)/.tools  ## Weekly report: external links and stale pages -> health-report.md
	$(BIN)/nexus build --site-dir $(SITE)
	$(BIN)/python scripts/health.py --site $(SITE) --out health-report.md

offline: $(VENV)/.site  ## Offline copy of the hub: site-offline/ and project-nexus-offline.zip
	$(BIN)/nexus offline

screenshots: $(VENV)/.tools  ## Home and a deep page, desktop and phone, light and dark -> test-results/screenshots/
	$(BIN)/python scripts/screenshots.py

preview: $(VENV)/.site  ## Build site-preview/: open its index.html from the file system, no server needed
	$(BIN)/nexus preview

new-page: $(VENV)/.tools  ## Start a page: make new-page SECTION=tech TITLE="Nginx" TAGS=nginx (asks for what is missing)
	$(BIN)/nexus new-page $(if $(SECTION),--section "$(SECTION)") $(if $(TITLE),--title "$(TITLE)") $(if $(TAGS),--tags "$(TAGS)")

bench: check node_modules/.installed  ## Lighthouse, bytes, search latency and index size
	$(BIN)/python scripts/bench.py

bench-scale: $(VENV)/.tools  ## Build time at 500, 1000 and 2000 synthetic pages
	$(BIN)/python scripts/bench_scale.py

vendor: $(VENV)/.site node_modules/.installed  ## After an npm upgrade: copy data/vendored.yml's files into docs/
	$(BIN)/python scripts/vendor.py

clean:  ## Remove build output (keeps .venv and node_modules)
	rm -rf $(SITE) site-offline site-preview project-nexus-offline.zip .pytest_cache
