# Two commands matter on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## The main job: a bulk export through the public API against the embedded sandbox.
demo: install
	$(BIN)/jbcrm demo

## Everything CI checks: lint, format, types, tests with coverage (fails under 90%).
test: lint typecheck unit

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy
	# The examples are user code: they type-check as users' code will.
	$(BIN)/mypy examples

unit: install
	$(BIN)/pytest --cov=jbcrm --cov-report=term --cov-fail-under=90 -q

## Benchmarks: writes benchmarks/RESULTS.md.
bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .coverage .coverage.* .mypy_cache .ruff_cache
