# The README's two commands are `make run` and `make test`; both start with `make install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
# The tagger's engine compiled with Cython (synthesis/tagger/build.py), rebuilt when the
# engine changes; without a C compiler the pure Python engine runs.
ENGINE_BUILT := synthesis/tagger/.engine-built

.PHONY: install run test backup bench lint format migrations-check ci demo clean

install: $(STAMP) $(ENGINE_BUILT)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

$(ENGINE_BUILT): $(STAMP) synthesis/tagger/engine.py synthesis/tagger/build.py
	$(BIN)/python -m synthesis.tagger.build
	touch $(ENGINE_BUILT)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python -m pytest

# Speed is measured here, never asserted in tests. They need PostgreSQL on 127.0.0.1:5432
# (BENCH_PG_URL to change it); each makes and drops its own database and gunicorn.
bench: install
	$(BIN)/python bench/tagger_bench.py
	$(BIN)/python bench/server_bench.py
	$(BIN)/python bench/export_bench.py
	$(BIN)/python bench/retag_bench.py
	$(BIN)/python bench/quotes_bench.py
	$(BIN)/python bench/mail_bench.py
	$(BIN)/python bench/learning_bench.py

# The workshop morning for LOADTEST_SECONDS (60): exits non-zero on any error.
loadtest: install
	$(BIN)/python bench/loadtest.py

# A restorable dump: pg_dump on PostgreSQL, dumpdata on SQLite (see README, Operations).
backup: install
	$(BIN)/python manage.py backup

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

ci: lint migrations-check test

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles $(ENGINE_BUILT) synthesis/tagger/_engine_compiled.*.so
