# The archive's everyday commands. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := archive.settings

.PHONY: setup migrate demo static run serve test lint format bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@# Whoosh 2.7.4 warns about its own escape sequences when it compiles itself at import
	@# time (PYTHONDONTWRITEBYTECODE=1 stops Python keeping .pyc files), so compile it now.
	$(PY) -m compileall -q $(VENV)/lib > /dev/null || true
	touch $@

migrate: setup
	$(PY) manage.py migrate --noinput

# Loading the demo page again replaces it: running twice never duplicates anything.
demo: migrate
	$(PY) manage.py ingest fixtures/jzrb-2020-01-27-p1.txt

static: setup
	$(PY) manage.py collectstatic --noinput -v 0

run: demo static
	$(VENV)/bin/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) archive.wsgi:application

# Production: no demo data; every setting from the environment.
serve: migrate static
	$(VENV)/bin/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) archive.wsgi:application

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# make bench SIZE="1 10": search over archives of those sizes (times the corpus); default 1 10 30.
bench: setup
	$(PY) bench/run_all.py $(if $(SIZE),--scales $(SIZE))

clean:
	rm -rf $(VENV) test-output
