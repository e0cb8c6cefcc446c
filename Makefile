# Sister Cities of Los Angeles CMS. `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The site's address in links, feeds and the API (`configure_site`, docs/deployment.md): what `make run` serves.
SITE_URL ?= http://$(HOST):$(PORT)
# Runs a Procfile's processes together and stops them all on Ctrl-C (README, "Dependencies").
HONCHO := SITE_URL=$(SITE_URL) HOST=$(HOST) PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho

.DEFAULT_GOAL := help
.PHONY: help install assets messages messages-update run demo serve worker schema possible-types test test-sqlite test-postgres lint format check clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-15s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the requirements

# Front-end assets (README, "Front-end assets"): the npm packages pinned in package-lock.json,
# built by frontend/build.mjs into static_src/build/ (the map, the fonts and their fonts.css, the
# flags). Both git-ignored.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static_src/build/.built: node_modules/.installed frontend/build.mjs
	npm run --silent build
	touch $@

assets: static_src/build/.built ## Install the pinned npm packages and build the map, fonts and flags into static_src/build/

# The interface's translations (docs/development.md): locale/es/LC_MESSAGES/django.po is committed,
# its compiled django.mo is built from it (git-ignored). compilemessages runs msgfmt (GNU gettext).
MESSAGES_PO := $(wildcard locale/*/LC_MESSAGES/django.po)
MESSAGES_MO := $(MESSAGES_PO:.po=.mo)
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=static --ignore=static_src/build

$(MESSAGES_MO): %.mo: %.po
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) compilemessages $(MESSAGES_IGNORE) --verbosity 0

messages: install $(MESSAGES_MO) ## Compile the interface's translations (locale/*/LC_MESSAGES/django.po) into django.mo

messages-update: install ## Collect new interface strings into locale/es/LC_MESSAGES/django.po (then translate them)
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemessages -l es $(MESSAGES_IGNORE)

run: install assets messages ## Install, build the assets, migrate, load the demo, create an admin account, serve http://$(HOST):$(PORT) and publish scheduled pages
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin
	SITE_URL=$(SITE_URL) $(MANAGE) configure_site
	$(HONCHO) --procfile Procfile.dev --env /dev/null start --port $(PORT)

demo: install messages ## Rebuild the demo content from scratch
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo --reset

serve: install assets messages ## Production settings: gunicorn on http://$(HOST):$(PORT) and the scheduler (needs the production environment, see docs/deployment.md)
	DJANGO_SETTINGS_MODULE=cms.settings.production $(MANAGE) check --deploy
	DJANGO_SETTINGS_MODULE=cms.settings.production $(MANAGE) collectstatic --no-input --verbosity 0
	DJANGO_SETTINGS_MODULE=cms.settings.production $(MANAGE) migrate --no-input
	DJANGO_SETTINGS_MODULE=cms.settings.production $(MANAGE) configure_site
	DJANGO_SETTINGS_MODULE=cms.settings.production $(HONCHO) --procfile Procfile --env /dev/null start --port $(PORT) web scheduler

worker: install ## The background task worker, with the production settings
	DJANGO_SETTINGS_MODULE=cms.settings.production $(MANAGE) db_worker --queue-name '*'

schema: install ## Write the GraphQL API's schema to schema.graphql (commit it with the change)
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) graphql_schema --schema cms.graphql.schema.schema --out schema.graphql

# Apollo Client's possibleTypes (docs/graphql.md, "Using a normalising client"): the same JSON as
# GET /api/graphql/possible-types.json, for a site that builds without the CMS running.
POSSIBLE_TYPES ?= possible-types.json
possible-types: install ## Write Apollo's possibleTypes (the schema's interfaces and unions) to possible-types.json, or POSSIBLE_TYPES=FILE
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python -m cms.graphql.possible_types $(POSSIBLE_TYPES)

check: install ## Django's system checks and the missing-migrations check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run

lint: install ## ruff: lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## ruff: fix what can be fixed and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test-sqlite: install assets messages ## The test suite on SQLite, with the browser tests (tests/browser/, Chromium)
	DATABASE_URL= $(BIN)/pytest $(PYTEST_ARGS)

# The browser tests run in the SQLite pass only: they take minutes, and their live server needs
# the shared in-memory SQLite connection (tests/browser/conftest.py).
test-postgres: install assets messages ## The test suite on a throwaway PostgreSQL cluster (without the browser tests)
	$(BIN)/python -m tests.services postgres -- $(BIN)/pytest --ignore=tests/browser $(PYTEST_ARGS)

# `make test` runs the two passes side by side (they share nothing: each has its own database, media
# folder, servers on free ports and artifact files): the SQLite pass prints as it goes, the PostgreSQL
# pass writes test-artifacts/test-postgres.log, printed when both are done. Each pass lists its
# slowest tests. `make test-sqlite test-postgres` runs them one after the other.
PYTEST_REPORT := --durations=15
test: check lint install assets messages ## Everything CI runs: checks, lint, the suite on SQLite and PostgreSQL (side by side)
	@mkdir -p test-artifacts
	@echo "== $$(date -u +%T) the PostgreSQL pass starts in the background (test-artifacts/test-postgres.log)"
	@$(MAKE) --no-print-directory test-postgres PYTEST_ARGS="$(PYTEST_REPORT)" > test-artifacts/test-postgres.log 2>&1 & postgres=$$!; \
	echo "== $$(date -u +%T) the SQLite pass"; \
	$(MAKE) --no-print-directory test-sqlite PYTEST_ARGS="$(PYTEST_REPORT)"; sqlite=$$?; \
	echo "== $$(date -u +%T) the SQLite pass ended ($$sqlite); waiting for the PostgreSQL pass"; \
	wait $$postgres; pg=$$?; \
	echo "== $$(date -u +%T) the PostgreSQL pass ended ($$pg); its output:"; \
	cat test-artifacts/test-postgres.log; \
	test $$sqlite -eq 0 && test $$pg -eq 0

clean: ## Remove the virtualenv, node_modules, built assets, the local database and media
	rm -rf $(VENV) node_modules static_src/build db.sqlite3 media static $(MESSAGES_MO)
