# Sister Cities of Los Angeles CMS. `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run demo test test-sqlite test-postgres lint format check clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-15s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the requirements

run: install ## Install, migrate, load the demo, create an admin account and serve http://$(HOST):$(PORT)
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin
	$(MANAGE) runserver $(HOST):$(PORT)

demo: install ## Rebuild the demo content from scratch
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo --reset

check: install ## Django's system checks and the missing-migrations check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run

lint: install ## ruff: lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## ruff: fix what can be fixed and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test-sqlite: install ## The test suite on SQLite
	DATABASE_URL= $(BIN)/pytest

test-postgres: install ## The test suite on a throwaway PostgreSQL cluster
	$(BIN)/python -m tests.services postgres -- $(BIN)/pytest

test: check lint test-sqlite test-postgres ## Everything CI runs: checks, lint, the suite on SQLite and PostgreSQL

clean: ## Remove the virtualenv, the local database and media
	rm -rf $(VENV) db.sqlite3 media static
