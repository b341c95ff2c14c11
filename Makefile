# The two commands: `make run` sets up and serves the site, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The local PostgreSQL used for the second test run when DATABASE_URL is not set.
LOCAL_POSTGRES ?= postgres://postgres@127.0.0.1:5432/wenming
# One test worker per core (pytest-xdist); `make test PYTEST_ARGS=` runs them in one process.
PYTEST_ARGS ?= -n auto

.DEFAULT_GOAL := run
.PHONY: run test test-sqlite test-postgres lint browser-deps checker-deps serve-production clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime-installed

# The admin's Chinese catalogues (cms/locale/*.po) compiled with polib: no GNU gettext needed.
run: $(VENV)/.runtime-installed
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Debian's Chromium for the browser tests, and a Chinese font so its screenshots are legible.
browser-deps:
	@if ! command -v chromium >/dev/null || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && \
		$$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei >/dev/null; \
	fi

# axe-core and the Nu Html Checker (tests/test_accessibility.py) at the versions in package-lock.json;
# Node to install them and Java to run vnu.jar come from apt when missing. --ignore-scripts: vnu-jar
# would otherwise try to download a Java of its own.
checker-deps:
	@if ! command -v npm >/dev/null || ! command -v java >/dev/null; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && \
		$$SUDO apt-get install -y -qq --no-install-recommends nodejs npm default-jre-headless >/dev/null; \
	fi

node_modules/.installed: package.json package-lock.json | checker-deps
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

test-sqlite: $(VENV)/.dev-installed browser-deps node_modules/.installed
	$(BIN)/python manage.py compile_translations
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

# PostgreSQL: DATABASE_URL if set, else the local server if it answers. Browser tests ran above.
test-postgres: $(VENV)/.dev-installed node_modules/.installed
	@$(BIN)/python manage.py compile_translations >/dev/null
	@url="$${DATABASE_URL:-$(LOCAL_POSTGRES)}"; \
	if $(BIN)/python -c "import sys, psycopg, dj_database_url as d; c = d.parse(sys.argv[1]); \
		psycopg.connect(host=c['HOST'], port=c['PORT'] or 5432, user=c['USER'], password=c['PASSWORD'], \
		dbname='postgres', connect_timeout=3).close()" "$$url" 2>/dev/null; then \
		echo "== PostgreSQL: $$url"; \
		DATABASE_URL="$$url" $(BIN)/pytest $(PYTEST_ARGS) -m "not browser"; \
	else \
		echo "== PostgreSQL not reachable at $$url: PostgreSQL run skipped"; \
	fi

test: lint test-sqlite test-postgres

# What production runs (see README): collectstatic, migrate, gunicorn. Needs the environment set.
serve-production: $(VENV)/.runtime-installed
	DJANGO_SETTINGS_MODULE=cms.settings.production $(BIN)/python manage.py compile_translations
	DJANGO_SETTINGS_MODULE=cms.settings.production $(BIN)/python manage.py collectstatic --noinput
	DJANGO_SETTINGS_MODULE=cms.settings.production $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=cms.settings.production GUNICORN_BIND=127.0.0.1:$(PORT) $(BIN)/gunicorn -c deploy/gunicorn.conf.py cms.wsgi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/screenshots
