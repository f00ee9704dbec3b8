# The whole set-up on a fresh machine is `make run` (the site) or `make test` (the suite).
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
FLASK = $(BIN)/flask --app wsgi
# Local development runs in debug mode, which allows the development secret key.
DEV = FLASK_DEBUG=1

.PHONY: run install install-test test lint seed clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed setup.cfg
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

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
