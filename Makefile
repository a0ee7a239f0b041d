# filmbase: the two commands are `make run` and `make test`; see README.md.
# Every target sets up what it needs: a virtual environment in .venv with the locked
# dependencies (uv, itself pinned, installed into .tools).

PYTHON ?= python3
PORT ?= 8000
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help install run dev test lint format ci curator messages screenshots schema clean bench bench-smoke mutate

help:
	@echo "make run     set up and serve the site on http://127.0.0.1:$(PORT)/ (SQLite, DEBUG off)"
	@echo "make test    set up and run the whole test suite (SQLite, or DATABASE_URL when set)"
	@echo "make dev     runserver with DEBUG on"
	@echo "make lint    ruff, import-linter (imports run one way), bandit (no medium or high finding)"
	@echo "make ci      what CI runs: .ci/run"
	@echo "make schema  write the API's OpenAPI schema to docs/openapi.yaml (a test compares them)"
	@echo "make mutate  mutation testing of the guards (docs/testing.md); TARGETS=\"admin sync\" for some"
	@echo "make bench   measure speed against static twins (docs/benchmarks.md); bench-smoke: CI's quick check"

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "filmbase needs Python 3.11 or newer")'
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { echo "filmbase needs Python's venv module: sudo apt-get install python3-venv" >&2; exit 1; }
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

install: $(UV)
	$(UV) sync --locked --python "$(PYTHON)" --quiet

run: install
	PORT=$(PORT) bin/start

dev: install
	DJANGO_SETTINGS_MODULE=filmbase.settings.dev $(MANAGE) migrate --no-input
	DJANGO_SETTINGS_MODULE=filmbase.settings.dev $(MANAGE) load_films
	DJANGO_SETTINGS_MODULE=filmbase.settings.dev $(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/bandit -c pyproject.toml -r core filmbase films people bench bin/compile-messages --severity-level medium --quiet

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract interface strings (needs GNU gettext) and compile the catalogues with polib:
# the .mo files are committed, so running the site never needs gettext.
messages: install
	$(MANAGE) makemessages -l zh_Hans --no-location --ignore=.venv --ignore=.tools --ignore=node_modules --ignore=tests
	$(BIN)/python bin/compile-messages

curator: install
	$(MANAGE) createcurator

# README's pictures (docs/screenshots/), taken by the browser tests on the seed data.
# Needs Debian's chromium and `npm ci`, as the browser tests do.
screenshots: install
	FILMBASE_SCREENSHOTS=docs FILMBASE_REQUIRE_BROWSER=1 $(BIN)/pytest tests/test_pages_browser.py -k readme_screenshots -q -p no:randomly

# The schema the API serves, kept in the repository so that a change to it shows in review
# (tests/test_api_schema.py fails until this is run and the file committed).
schema: install
	$(MANAGE) spectacular --validate --file docs/openapi.yaml

ci:
	.ci/run

# Needs wrk (Debian package) and PostgreSQL's binaries, as .ci/run installs them.
bench: install
	$(BIN)/python bench/run.py

bench-smoke: install
	$(BIN)/python bench/run.py --smoke

# Mutation testing (Cosmic Ray, bin/mutate) of the draft filters, permissions, conditional
# requests, stale-save check, constraints, cache and change feed; not in CI. Each mutant
# runs its module's tests in a copy under var/mutate/ at the lowest priority. On 2 cores
# shared with other work one target takes from minutes to an hour (admin: 19 mutants,
# about 45 minutes) and all nine several hours, hence TARGETS="admin sync" to run some.
# Survivors: var/mutate/<target>/survivors.txt; docs/testing.md keeps the last results.
TARGETS ?=
mutate: install
	nice -n 19 $(BIN)/python bin/mutate $(TARGETS)

clean:
	rm -rf .venv .tools var/static
