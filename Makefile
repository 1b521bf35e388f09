# Two commands on a fresh machine: `make play` and `make test`. Both create the local
# virtual environment (.venv) and install the project with pinned versions first.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: play test bench screenshots clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test,cluster]'
	touch $(STAMP)

play: $(STAMP)
	$(PY) -m game.app $(SCENARIO)

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/engine.py

screenshots: $(STAMP)
	$(PY) -m game.screenshots $(or $(SCENARIO),tutorial) --out screenshots

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
