# Two commands: `make demo` builds the demo documentation, `make test` runs the test suite.
# Both create .venv from the repository's own files on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test test-oldest lint clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,lint]"
	touch $@

demo: $(BIN)/.installed
	$(BIN)/sphinx-build -W --keep-going -b html demo_project demo_project/_build/html

test: $(BIN)/.installed
	$(BIN)/python -m pytest -n auto -q

# the oldest supported Sphinx (7.4) with its matching myst-parser, in its own venv
.venv-sphinx74/bin/.installed: pyproject.toml
	$(PYTHON) -m venv .venv-sphinx74
	.venv-sphinx74/bin/python -m pip install -q --upgrade pip
	.venv-sphinx74/bin/python -m pip install -q -e ".[test]" "sphinx==7.4.*" "myst-parser>=3,<5"
	touch $@

test-oldest: .venv-sphinx74/bin/.installed
	.venv-sphinx74/bin/python -m pytest -n auto -q

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf demo_project/_build demo_project/repodoc
