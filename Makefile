# VTH-monitor Twente. `make run` and `make test` are the front door (README).
# Every target sets itself up: a .venv with the pinned requirements.txt.

VENV   := .venv
PY     := $(VENV)/bin/python
export VTH_DATA_DIR ?= $(CURDIR)/data
DEMO_DIR := $(VTH_DATA_DIR)/demo-leveringen

.PHONY: setup run demo test bench lint clean browser nginx postgres fixtures poppler

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

# Demo warehouse: demo deliveries -> ingest -> dbt build -> published vth.duckdb. No server.
demo: setup
	rm -rf "$(DEMO_DIR)"
	$(PY) -m ingest.demo --out "$(DEMO_DIR)"
	$(PY) -m ingest "$(DEMO_DIR)"
	$(PY) -m warehouse build

# The dashboard on http://localhost:8501, in demo mode unless the caller sets VTH_DEMO=0.
run: setup
	@test -f "$(VTH_DATA_DIR)/vth.duckdb" || $(MAKE) demo
	VTH_DEMO=$${VTH_DEMO:-1} $(VENV)/bin/streamlit run dashboard/app.py \
		--server.port 8501 --server.headless true

# Debian chromium for the browser test (a script, so a clean machine gets it too).
browser:
	bash scripts/install-browser.sh

# Regenerate the spreadsheet fixtures with LibreOffice Calc (Debian package, installed by the
# script). Not needed by `make test`: the generated workbooks are committed.
fixtures: setup
	bash scripts/install-libreoffice.sh
	$(PY) tests/fixtures/spreadsheets/maak.py

# Debian nginx for the deployment test (tests/deploy starts its own, on loopback).
nginx:
	bash scripts/install-nginx.sh

# Debian's PostgreSQL server binaries for the server-class warehouse test (it starts its own
# throw-away cluster on loopback).
postgres:
	bash scripts/install-postgres.sh

# Debian's poppler-utils for the board report test (pdftotext reads the PDF's text, pdftoppm
# renders its pages to PNG for tests/artifacts/).
poppler:
	bash scripts/install-poppler.sh

test: setup browser nginx postgres poppler
	$(PY) -m pytest

# The performance benchmark: scales 1, 5 and 20; table on stdout, numbers in bench/results.json.
bench: setup
	$(PY) -m bench

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf "$(VTH_DATA_DIR)" dbt_project/target dbt_project/logs .pytest_cache
