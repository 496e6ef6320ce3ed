# The two commands of README.md. Each creates .venv on first use and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# What is installed: the docs' needs only (demo), or everything the tests need too (test).
DOCS_STAMP := $(VENV)/.installed-docs
STAMP  := $(VENV)/.installed

.PHONY: demo test test-min browser-deps tex-deps translations clean

$(DOCS_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	touch $(DOCS_STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,docs]'
	touch $(STAMP) $(DOCS_STAMP)

## demo: build the documentation, with the live demo catalog of the bundled sample
demo: $(DOCS_STAMP)
	$(BIN)/sphinx-build -W --keep-going -b html docs docs/_build/html
	@echo
	@echo "Demo docs built: open $(CURDIR)/docs/_build/html/index.html"

## test: lint, type-check, run the whole test suite (browser tests included), check the wheel
test: $(STAMP) browser-deps tex-deps
	$(BIN)/ruff check sphinxcontrib_ideas tests benchmarks scripts docs
	$(BIN)/ruff format --check sphinxcontrib_ideas tests benchmarks scripts docs
	$(BIN)/mypy
	$(BIN)/python -m pytest
	$(BIN)/python scripts/check_wheel.py

## test-min: the suite (browser and docs builds aside) against the lowest supported versions
# A second venv pinned by constraints/min.txt: the floors pyproject.toml claims.
MIN_VENV  := .venv-min
MIN_STAMP := $(MIN_VENV)/.installed
$(MIN_STAMP): pyproject.toml constraints/min.txt
	test -x $(MIN_VENV)/bin/python || $(PYTHON) -m venv $(MIN_VENV)
	$(MIN_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(MIN_VENV)/bin/python -m pip install --quiet -c constraints/min.txt -e . \
		pytest hypothesis jsonschema PyYAML
	touch $(MIN_STAMP)

test-min: $(MIN_STAMP)
	$(MIN_VENV)/bin/python scripts/check_floor.py constraints/min.txt
	$(MIN_VENV)/bin/python -m pytest -m "not browser and not docs and not pdf" -p no:cacheprovider

## browser-deps: Debian's chromium and chromium-driver, for the browser tests
browser-deps:
	bash scripts/install-browser-deps.sh

## tex-deps: Debian's TeX Live (xelatex, latexmk, xeCJK) and fonts, for the PDF tests
tex-deps:
	bash scripts/install-tex-deps.sh

clean:
	rm -rf $(VENV) $(MIN_VENV) docs/_build docs/ideas build dist .pytest_cache .mypy_cache .ruff_cache

## translations: refresh the message catalogs after changing a label (then translate new entries)
translations: $(STAMP)
	$(BIN)/python scripts/i18n.py update
