# The whole set-up on a fresh machine is `make run` (the site) or `make test` (the suite).
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
FLASK = $(BIN)/flask --app wsgi
# Local development runs in debug mode, which allows the development secret key.
DEV = FLASK_DEBUG=1

# The Spanish interface: the catalog (messages.po) is written by hand and committed; the
# compiled catalog (messages.mo) is built by the set-up commands, never committed.
CATALOGS = registry/translations
TEMPLATE_CATALOG = $(CATALOGS)/messages.pot
COMPILED = $(CATALOGS)/es/LC_MESSAGES/messages.mo
PYBABEL = $(BIN)/pybabel

.PHONY: run install install-test test lint seed clean i18n-extract i18n-update i18n-compile

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed setup.cfg
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed $(COMPILED)

install-test: $(VENV)/.installed-test $(COMPILED)

$(COMPILED): $(CATALOGS)/es/LC_MESSAGES/messages.po $(VENV)/.installed
	$(PYBABEL) compile -d $(CATALOGS) -l es --statistics

# Gather every marked word into the template catalog.
i18n-extract: install
	$(PYBABEL) extract -F babel.cfg -k _l -k lazy_gettext --sort-output --no-wrap \
	  --add-location=file --project="Resolution Registry" -o $(TEMPLATE_CATALOG) .

# Bring the Spanish catalog up to date with the marked words (new ones arrive untranslated).
i18n-update: i18n-extract
	$(PYBABEL) update -i $(TEMPLATE_CATALOG) -d $(CATALOGS) -l es --no-wrap --ignore-obsolete \
	  --no-fuzzy-matching

i18n-compile: $(COMPILED)

run: install
	$(DEV) $(FLASK) db upgrade
	$(DEV) $(FLASK) seed --if-empty
	$(DEV) $(FLASK) run --host 127.0.0.1 --port 5000

seed: install
	$(DEV) $(FLASK) seed

test: install-test
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check registry tests bench scripts wsgi.py gunicorn.conf.py

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache *.egg-info
