# Two commands matter on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

DIST_CHECK := build/dist-check

.PHONY: install demo test lint typecheck unit bench mutate docs dist clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## The main job: the mirror into a SQLite file against the embedded sandbox, then an
## incremental run after the sandbox's users changed a few records.
demo: install
	$(BIN)/jbcrm demo

## Everything CI checks: lint, format, types, tests with coverage (fails under 90%).
test: lint typecheck unit

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# The sync clients are generated from the async ones: stale output fails here.
	$(BIN)/python scripts/generate_blocking.py --check

typecheck: install
	$(BIN)/mypy
	# The examples are user code: they type-check as users' code will.
	$(BIN)/mypy examples

## Two worker processes: the suite's time is mostly loopback servers, subprocesses and
## hypothesis, which two cores run side by side.
unit: install
	$(BIN)/pytest -n 2 --cov=jbcrm --cov-report=term --cov-fail-under=90 -q

## Benchmarks: writes benchmarks/RESULTS.md.
bench: install
	$(BIN)/python -m benchmarks

## Mutation testing of jbcrm/_core, from scratch (not part of `make test`; see
## benchmarks/MUTATION.md for how long): writes that report, fails when a module is under 95%.
MUTATION_STAMP := $(VENV)/.mutation-stamp
$(MUTATION_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,mutation]'
	touch $(MUTATION_STAMP)

mutate: $(MUTATION_STAMP)
	rm -rf mutants
	$(BIN)/python -m benchmarks.mutation --workers 2

## The documentation site, into site/: fails on any warning (a broken link, a README section
## on no page, a docstring that does not render). Not --quiet: it hides what --strict counts.
docs: install
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

## The wheel and sdist into dist/, checked; the wheel installed into a fresh venv and imported
## there with nothing but its own dependencies.
dist: install
	rm -rf dist $(DIST_CHECK)
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*
	$(PYTHON) -m venv $(DIST_CHECK)
	$(DIST_CHECK)/bin/python -m pip install -q dist/*.whl
	cd $(DIST_CHECK) && bin/python $(CURDIR)/.ci/check_wheel.py $(CURDIR)/dist/*.whl
	$(DIST_CHECK)/bin/jbcrm --version

clean:
	rm -rf $(VENV) .coverage .coverage.* .mypy_cache .ruff_cache site dist build mutants
