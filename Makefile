# Beatbook: `make run` (install, migrate, demo data, serve) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
export DJANGO_SETTINGS_MODULE ?= beatbook.settings.base

.PHONY: install run demo serve test test-sqlite test-postgres lint format checks clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -c "from beatbook.core.i18n import compile_catalogs; compile_catalogs()"
	touch $@

run: install
	$(BIN)/beatbook migrate --noinput
	$(BIN)/beatbook demo
	@echo ""
	@echo "Beatbook is serving on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/beatbook runserver $(HOST):$(PORT) --noreload

demo: install
	$(BIN)/beatbook migrate --noinput
	$(BIN)/beatbook demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

checks: install
	$(BIN)/beatbook check --fail-level WARNING
	$(BIN)/beatbook makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=beatbook.settings.production SECRET_KEY=ci-$$(date +%s)-a-long-random-value-for-the-deploy-check-only \
	  ALLOWED_HOSTS=beatbook.example.org $(BIN)/beatbook check --deploy --fail-level WARNING

test-sqlite: install
	$(BIN)/pytest -q --ds=beatbook.settings.test

test-postgres: install
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q --ds=beatbook.settings.test

# The whole suite on SQLite, then on PostgreSQL when it is reachable (CI makes sure it is).
test: lint checks test-sqlite
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== PostgreSQL suite =="; DATABASE_URL=$(PG_URL) $(BIN)/pytest -q --ds=beatbook.settings.test; \
	else \
	  if [ -n "$$CI" ]; then echo "PostgreSQL at $(PG_URL) is not reachable" >&2; exit 1; fi; \
	  echo "PostgreSQL not reachable at $(PG_URL): skipped the PostgreSQL run"; \
	fi

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
