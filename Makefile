# `make run` and `make test` are the only commands a new user needs: each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STORE ?= .briefing/store
SHARED ?= ../shared
PORT ?= 7860

.PHONY: run test check bench bench-llm eval eval-questions clean chromium screenshot

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The CPU build of torch first, or pip pulls several GB of CUDA packages.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	# llama-cpp-python compiles from source the first time (about 5 minutes; pip caches the wheel).
	$(BIN)/python -m pip install --quiet -e '.[dev,llm]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/briefing --store $(STORE) ingest examples/briefings
	$(BIN)/briefing --store $(STORE) ask "What did Lena Marwick say?"
	@echo "Opening the chat on http://127.0.0.1:$(PORT) (Ctrl-C to stop)"
	$(BIN)/briefing --store $(STORE) serve --port $(PORT)

# The browser tests drive Debian's chromium (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "install Debian's chromium (sudo apt-get install chromium) for the browser tests"; exit 1; fi; }

test: $(STAMP) chromium
	$(BIN)/python -m pytest

screenshot: $(STAMP) chromium
	$(BIN)/python bench/screenshot.py docs/chat.png

check: $(STAMP)
	$(BIN)/ruff check assistant ingest evaluation tests bench
	$(BIN)/ruff format --check assistant ingest evaluation tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/bench.py $(SHARED)/eval/polnear-dev/text

bench-llm: $(STAMP)
	$(BIN)/python bench/llm_bench.py $(SHARED)

eval: $(STAMP)
	$(BIN)/briefing eval $(SHARED)/eval/polnear-dev

# The question benchmark (evaluation/questions.jsonl): right / partly / wrong per kind, beside the naive pipeline.
eval-questions: $(STAMP)
	$(BIN)/python -m evaluation.questions $(SHARED) --failures

clean:
	rm -rf $(VENV) .briefing .pytest_cache .mypy_cache .ruff_cache
