# Borgerrådgiver: `make run` installs and serves the demo; `make test` installs and runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install assets bytecode demo lint typecheck messages clean

$(STAMP): pyproject.toml requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(STAMP) assets bytecode

assets: node_modules/.package-lock.json

# The app's bytecode, compiled ahead. An editable install leaves it to Python to write at the first
# import, which it never does where PYTHONDONTWRITEBYTECODE is set (many CI machines and container
# images): every command then compiles the app's 500 modules again, 0.4 s of each start.
bytecode: $(STAMP)
	$(PY) -m compileall -q borgerraadgiver

# Migrate the SQLite database in data/, load the 2024 demo data and the demo users, serve, with
# the task queue's worker beside the server (web imports, report documents); it stops with it.
run: install
	mkdir -p data
	$(BIN)/borgerraadgiver migrate --no-input
	$(BIN)/borgerraadgiver demo --if-empty
	$(BIN)/borgerraadgiver db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/borgerraadgiver runserver $(HOST):$(PORT)

demo: install
	mkdir -p data
	$(BIN)/borgerraadgiver migrate --no-input
	$(BIN)/borgerraadgiver demo

# Every test on SQLite; again on PostgreSQL when DATABASE_URL points there or a local server answers.
test: install
	mkdir -p data
	bash scripts/test-all

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy borgerraadgiver

# Update the translation catalogues after changing texts; the compiled .mo files are committed
# so that a machine without gettext can run the app.
messages: install
	cd borgerraadgiver && ../$(BIN)/borgerraadgiver makemessages -l da -l en --no-obsolete --ignore=migrations
	cd borgerraadgiver && ../$(BIN)/borgerraadgiver compilemessages -l da -l en

clean:
	rm -rf $(VENV) node_modules staticfiles
