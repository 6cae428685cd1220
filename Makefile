# Everyday commands. `make run` starts the app; `make test` runs every check CI runs.
VENV ?= .venv
PY := $(VENV)/bin/python
export TRACKER_DB ?= data/tracker.duckdb
# `make run PORT=8502`; the address stays 127.0.0.1 (.streamlit/config.toml): a LAN goes through a proxy.
PORT ?= 8501

.PHONY: setup run demo test check static lint bench browser-deps docs-deps clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: setup
	$(PY) -m tracker init
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

demo: setup
	$(PY) -m tracker demo

# The benchmark of issue 5: builds 1,000 / 10,000 / 100,000-item registers, prints one table and
# writes it to docs/PERFORMANCE.md. `make bench BENCH_ARGS=--full` adds 1,000,000 items.
bench: setup
	$(PY) -m benchmarks.bench $(BENCH_ARGS)

# Debian's Chromium for the real-browser tests (Playwright cannot download a browser here).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# LibreOffice and poppler for the Word report's rendering tests (tests/exporting/test_report_render.py), which
# also refresh docs/report-preview/. Liberation Serif is Times New Roman's metric-compatible stand-in
# (a Recommends of LibreOffice, named here for machines that skip Recommends).
docs-deps:
	@if [ ! -x /usr/bin/soffice ] || [ ! -x /usr/bin/pdftotext ] || [ ! -x /usr/bin/pdftoppm ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libreoffice-writer-nogui poppler-utils fonts-liberation2 >/dev/null; \
	fi

# Lint, format, types and layers: seconds, so every change runs them (make check) and CI does too.
static: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The fast lane for every change: the static checks and the tests that need no browser, no
# subprocess and no demo register (under a minute on two cores).
check: static
	$(PY) -m pytest -n 2 --dist worksteal -q -m "not slow and not browser"

# --dist worksteal: a worker that runs out of tests takes half of the other's queue, so neither core
# idles at the end while the other still holds a module of slow tests. pytest's exit 5 (no test
# collected) fails the target like any other non-zero exit.
test: setup browser-deps docs-deps static
	$(PY) -m pytest -n 2 --dist worksteal -q

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
