# `make run` and `make test` are the only commands a new user needs: each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STORE ?= .briefing/store
SHARED ?= ../shared
# bench-scale corpus sizes; the full run (to 10,000 articles) takes about an hour.
SIZES ?= 640,2000,10000
PORT ?= 7860

.PHONY: run test check bench bench-embeddings bench-scale bench-llm eval eval-questions train-attribution given-names clean chromium screenshot

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The CPU build of torch first, or pip pulls several GB of CUDA packages.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	# llama-cpp-python compiles from source the first time (about 5 minutes; pip caches the wheel).
	$(BIN)/python -m pip install --quiet -e '.[dev,llm]'
	# Export the embedder to ONNX once, into the user cache (otherwise the first use does it).
	$(BIN)/briefing setup-embeddings
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

bench-embeddings: $(STAMP)
	$(BIN)/python bench/embeddings.py $(SHARED)/eval/polnear-dev/text

bench-scale: $(STAMP)
	$(BIN)/python bench/scale.py --shared $(SHARED) --sizes $(SIZES)

bench-llm: $(STAMP)
	$(BIN)/python bench/llm_bench.py $(SHARED)

# The table of given names and their sex, from the name data of the nomquamgender package (MIT).
given-names: $(STAMP)
	$(BIN)/python -m pip install --quiet --no-deps nomquamgender==0.1.4
	$(BIN)/python -c "from pathlib import Path; from evaluation.given_names import main; \
	print(main(Path('ingest/data/given_names.tsv')), 'given names')"

# The learned parts of attribution: cue verbs, then the model of sentences the cue rules leave
# without a speaker (ingest/learned.py), both from polnear-train (never from polnear-dev).
train-attribution: $(STAMP)
	$(BIN)/python -c "from pathlib import Path; from evaluation.cues import main; \
	w = main(Path('$(SHARED)/eval/polnear-train'), Path('ingest/data/cues.txt')); print(len(w), 'learned cue verbs')"
	# a process of its own, so the subject model sees the cue verbs just written
	$(BIN)/python -c "from pathlib import Path; from evaluation.subjects import main; \
	w = main(Path('$(SHARED)/eval/polnear-train'), Path('ingest/data/subjects.tsv')); print(len(w), 'subject-model weights')"

# Attribution benchmark: polnear-dev as one corpus (never tuned on), polnear-train in 5 folds of articles.
eval: $(STAMP)
	$(BIN)/briefing eval $(SHARED)/eval/polnear-dev
	$(BIN)/briefing eval --folds 5 --no-questions $(SHARED)/eval/polnear-train

# The question benchmark (evaluation/questions.jsonl): right / partly / wrong per kind, beside the naive pipeline.
eval-questions: $(STAMP)
	$(BIN)/python -m evaluation.questions $(SHARED) --failures

clean:
	rm -rf $(VENV) .briefing .pytest_cache .mypy_cache .ruff_cache
