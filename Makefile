# Everything a new machine needs, from Python 3.11+ and make alone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install run serve static worker test lint migrate demo clean e2e-deps bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_admin

run: demo
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	PUBLIC_BASE_URL=http://$(HOST):$(PORT) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production: gunicorn (gunicorn.conf.py) with cms.settings.production. Release steps, run once per
# deploy before the servers start: `make static` and `make migrate` (docs/deploy.md).
serve: install
	DJANGO_SETTINGS_MODULE=cms.settings.production $(BIN)/gunicorn -c gunicorn.conf.py

static: install
	$(BIN)/python manage.py collectstatic --noinput

worker: install
	$(BIN)/python manage.py task_worker

test: install
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# Headless Chromium and its driver from Debian's packages for tests/e2e (never a browser download),
# and axe-core (the accessibility checks) from npm, exactly as locked in package-lock.json.
e2e-deps:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then \
		echo "chromium and chromedriver are installed"; \
	else \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	fi
	npm ci --no-audit --no-fund

# The project against stock Wagtail 8 on PostgreSQL and Redis; regenerates BENCHMARKS.md (~8 min).
# Needs PostgreSQL (BENCH_POSTGRES), Redis (BENCH_REDIS_URL), and Debian's wrk for the
# gunicorn part (apt-get install -y wrk). Not run in CI.
bench: install
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=cms.settings.test

clean:
	rm -rf $(VENV) db.sqlite3 media var .pytest_cache
