# `make run` and `make test` are the only commands a new user needs: each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STORE ?= .briefing/store
SHARED ?= ../shared

.PHONY: run test check bench eval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The CPU build of torch first, or pip pulls several GB of CUDA packages.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/briefing --store $(STORE) ingest examples/briefings
	$(BIN)/briefing --store $(STORE) ask "What did Lena Marwick say?"
	$(BIN)/briefing --store $(STORE) ask "Who called the manoeuvre reckless?"
	$(BIN)/briefing --store $(STORE) speakers

test: $(STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/ruff check assistant ingest tests bench
	$(BIN)/ruff format --check assistant ingest tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/bench.py $(SHARED)/eval/polnear-dev/text

eval: $(STAMP)
	$(BIN)/briefing eval $(SHARED)/eval/polnear-dev

clean:
	rm -rf $(VENV) .briefing .pytest_cache .mypy_cache .ruff_cache
