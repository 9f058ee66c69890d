# Two commands do all the set-up on a fresh machine with Python 3.11:
#   make run    creates .venv, installs, starts the app on http://localhost:8501
#   make test   creates .venv, installs, runs the whole test suite
# For a workshop (many people opening the link at once): make serve WORKERS=2 (needs Debian's haproxy).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run serve test test-fast validate build bench
WORKERS ?= 2

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run app.py --server.port 8501

# WORKERS Streamlit processes behind HAProxy on port 8501; each browser stays with one process.
serve: $(STAMP)
	$(BIN)/python -m explorer serve --workers $(WORKERS) --port 8501

test: $(STAMP)
	$(BIN)/python -m pytest

# Unit and AppTest tests only (no browser).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser"

validate: $(STAMP)
	$(BIN)/python -m explorer validate

# Regenerate data/pathways/pathways.csv and datapackage.json after editing the YAML files.
build: $(STAMP)
	$(BIN)/python -m explorer build

bench: $(STAMP)
	$(BIN)/python -m explorer bench --browser
