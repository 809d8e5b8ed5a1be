# Two commands do all the set-up on a fresh machine with Python 3.11, pip and make:
#   make demo   — install, then code the bundled sample into detente.duckdb and print a summary
#   make test   — install (with test tools), then run the test suite
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install bench eval clean docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

# every dependency, the spaCy model included, comes from requirements.lock with its hash
$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/detente code src/detente/data/sample/articles.jsonl --db detente.duckdb

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) detente.duckdb .pytest_cache
