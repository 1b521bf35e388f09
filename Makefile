# Two commands on a fresh machine: `make play` and `make test`. Both create the local
# virtual environment (.venv) and install the project with pinned versions first.
#
# Set-up survives being interrupted: the stamp is written only after a complete install,
# and a venv whose pip no longer runs (a Ctrl-C during its creation) is rebuilt from
# scratch. pip is used as the venv ships it; nothing upgrades it, so there is no
# half-upgraded pip to trip over.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTHON ?= python3
INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,cluster,classroom,fast]'

.PHONY: play test bench screenshots clean venv

# A venv whose python and pip run; anything else is removed and made again.
venv:
	@$(PY) -m pip --version >/dev/null 2>&1 || { \
	  echo "Setting up $(VENV) afresh"; rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }

$(STAMP): pyproject.toml constraints.txt
	@$(MAKE) --no-print-directory venv VENV=$(VENV) PYTHON=$(PYTHON)
	@# An install cut short can leave packages half-written: start over once if it fails.
	$(INSTALL) || { echo "Install failed; rebuilding $(VENV) and trying once more"; \
	  rm -rf $(VENV) && $(PYTHON) -m venv $(VENV) && $(INSTALL); }
	touch $(STAMP)

play: $(STAMP)
	$(PY) -m game.app $(SCENARIO)

# The suite on every core (at most 4): it runs in half the time on a 2-core machine.
test: $(STAMP)
	$(PY) -m pytest -q -n auto --maxprocesses 4

bench: $(STAMP)
	$(PY) bench/engine.py

screenshots: $(STAMP)
	$(PY) -m game.screenshots $(or $(SCENARIO),tutorial) --out screenshots

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
