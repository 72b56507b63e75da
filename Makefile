# Two commands: `make demo` builds the demo documentation, `make test` runs the test suite.
# Both create .venv from the repository's own files on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test test-full test-oldest lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,lint]"
	touch $@

demo: $(BIN)/.installed
	$(BIN)/sphinx-build -nW --keep-going -b html demo_project demo_project/_build/html

test: $(BIN)/.installed
	$(BIN)/python -m pytest -n auto -q

# the full tier too: long fuzzing and many random edit sequences (tests marked `slow`)
test-full: $(BIN)/.installed
	$(BIN)/python -m pytest -n auto -q -m ""

# the oldest supported Sphinx (7.4) with its matching myst-parser, in its own venv
.venv-sphinx74/bin/.installed: pyproject.toml
	$(PYTHON) -m venv .venv-sphinx74
	.venv-sphinx74/bin/python -m pip install -q --upgrade pip
	.venv-sphinx74/bin/python -m pip install -q -e ".[test]" "sphinx==7.4.*" "myst-parser>=3,<5"
	touch $@

test-oldest: .venv-sphinx74/bin/.installed
	.venv-sphinx74/bin/python -m pytest -n auto -q

# time our build against the bare-Sphinx floor and sphinx-autoapi (own venv under
# ~/.cache/repodoc-bench), write benchmarks/results.md and the README's table; RUNS=1 for a quick look
RUNS ?= 3
bench: $(BIN)/.installed
	$(BIN)/python benchmarks/compare.py --corpus stdlib --runs $(RUNS) --update-readme

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf demo_project/_build demo_project/repodoc
