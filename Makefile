# airvault: `make run` starts the demo, `make test` runs every test. Both install first.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
UV     := $(VENV)/bin/uv
# The React app in Airflow's UI: built from ui/ into the package; the built file is committed,
# so Airflow serves it even where npm is missing (then `make install` warns and keeps it).
UI_BUNDLE  := include/airvault/airflow/page/static/ui/airvault.js
UI_SOURCES := $(shell find ui/src -type f 2>/dev/null) ui/package.json ui/package-lock.json \
              ui/vite.config.ts ui/tsconfig.json
PYTEST_ARGS ?=

.PHONY: install run test lint format bench lock clean browser reliability redis scale ui-types

install: $(STAMP) $(UI_BUNDLE)

# Bytecode is compiled once here: where PYTHONDONTWRITEBYTECODE is set (as on this machine),
# Python would otherwise compile every module it imports from source in every process (the
# CLI's imports went from 0.9 s to 0.3 s; every Airflow process paid it too).

# requirements-dev.txt is what runs (requirements.txt, which the compose image installs alone)
# plus the test and lint tools; both resolve through the one lock, constraints.txt.
$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q uv==0.13.9
	$(UV) pip install --python $(PY) -q --compile-bytecode -r requirements-dev.txt -c constraints.txt -e .
	$(PY) -m compileall -q include dags plugins scripts >/dev/null
	touch $(STAMP)

$(UI_BUNDLE): $(UI_SOURCES)
	@if command -v npm >/dev/null 2>&1; then \
	  cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build && touch ../$(UI_BUNDLE); \
	else \
	  echo "warning: npm not found: keeping the committed $(UI_BUNDLE) (ui/ is not rebuilt)" >&2; \
	fi

# After an endpoint or a response model changes: the OpenAPI schema and the React app's types
# generated from it (tests/airflow/test_ui_schema.py fails while they differ from the app).
ui-types: $(STAMP)
	$(PY) scripts/ui_schema.py
	cd ui && npm run types

run: install
	$(PY) scripts/run_demo.py $(ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff check --preview --select AIR3 dags plugins include/airvault/airflow
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) scripts/check_shape.py  # functions <= 80 lines and 8 parameters; fmt: skip for tables

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The Backups page test drives Debian's chromium (playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null || (apt-get install -y -q chromium >/dev/null 2>&1 || \
	  (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1)) || \
	  echo "warning: could not install chromium; the browser test will be skipped" >&2

# The Celery broker of `make scale` and its test: Debian's redis-server (not started as a service).
redis:
	@command -v redis-server >/dev/null || (apt-get install -y -q redis-server >/dev/null 2>&1 || \
	  (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q redis-server >/dev/null 2>&1)) || \
	  echo "warning: could not install redis-server; the scale test will be skipped" >&2

# docker-compose.yaml's design for real on this machine (CeleryExecutor, redis-server, 3 workers):
# writes docs/scaling.json and docs/scaling.md. `make scale ARGS=--short` is the test's version.
scale: install redis
	$(PY) scripts/scale.py $(ARGS)

# pytest exits 5 when it collected no test: that must not pass as green.
test: install lint browser redis
	$(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$rc

# The reliability suite in full (`make test` runs it short): faults, bad inputs, secrets.
reliability: install
	rm -f .airvault/reliability.json
	AIRVAULT_RELIABILITY=full $(PY) -m pytest -p no:cacheprovider tests/reliability; rc=$$?; \
	$(PY) scripts/reliability_docs.py; exit $$rc

# Part 2 (continuous protection under pgbench: the minute drain, then `airvault capture
# stream`) runs in the same `make bench`; CAPTURE_ARGS shortens it, e.g.
# CAPTURE_ARGS="--seconds 30 --drain-every 15".
# Issue 20's scale proof: `make bench ARGS="--scale 750"` (21 M rows, 5 GB; ~10 min on a quiet
# machine, the demo's ~3 min build included, + part 2; ~20 GB of free disk). Every scale's run
# adds its row to docs/bench-scale.json and docs/benchmarks.md's scale table; only scale 75 (the
# default) writes docs/bench-backup.json.
bench: install
	$(PY) scripts/bench.py $(ARGS); rc=$$?; $(PY) scripts/bench_docs.py; \
	$(PY) scripts/bench_capture.py $(CAPTURE_ARGS) || rc=1; \
	$(PY) scripts/bench_capture.py --stream $(CAPTURE_ARGS) || rc=1; exit $$rc

lock: install
	$(UV) pip install --python $(PY) -q -r requirements-dev.txt -e .
	(echo "# Lock file: the exact versions 'make install' resolves requirements-dev.txt (requirements.txt and the test tools) to (regenerate with 'make lock')."; \
	 $(UV) pip freeze --python $(PY) --exclude-editable | grep -v '^uv==\|^pip==') > constraints.txt

clean:
	rm -rf $(VENV) .airvault
