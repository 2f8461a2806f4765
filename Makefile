# Two commands: `make run` (the app on the sample project) and `make test` (the whole suite, headless).
# Both bootstrap .venv from pinned versions and are no-ops when nothing changed.
# Each first checks the system packages Qt needs (scripts/check_system_libs.sh): installed as root with
# apt-get, else one `sudo apt-get install ...` line; `make test` adds the tests' tools from
# resources/system/test-tools.txt: Xvfb and xdotool for the real-window test, Debian's postgresql for the
# throwaway PostgreSQL server of the store tests (tests/postgres_cluster.py).
# The check runs in the recipe of `run` and `test` only (not in the bootstrap too), so a warning shows once.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.hashiya-installed
# torch first and pinned: 2.13.0 is a CPU build; an unpinned torch pulled by camel-tools costs several GB.
TORCH  := torch==2.13.0
PIP    := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: run test lint bench lock syslibs clean

run: $(STAMP)
	@sh scripts/check_system_libs.sh
	$(BIN)/hashiya

test: $(STAMP)
	@sh scripts/check_system_libs.sh --test
	$(BIN)/ruff check annotator ui tests benchmarks scripts
	$(BIN)/lint-imports --no-cache
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check annotator ui tests benchmarks scripts
	$(BIN)/ruff format --check annotator ui tests benchmarks scripts || true
	$(BIN)/lint-imports --no-cache

bench: $(STAMP)
	@sh scripts/check_system_libs.sh
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run_all.py

syslibs:
	@sh scripts/check_system_libs.sh

# A venv whose pip does not run is re-created: on Debian without python3-venv, `python3 -m venv` fails
# after writing bin/python, and that broken venv must not pass for a working one on the next run.
$(STAMP): pyproject.toml constraints.txt scripts/check_system_libs.sh
	@$(BIN)/python -m pip --version >/dev/null 2>&1 \
		|| { PYTHON="$(PYTHON)" sh scripts/check_system_libs.sh --venv && $(PYTHON) -m venv --clear $(VENV); }
	$(PIP) install --quiet --upgrade "pip>=24"
	$(PIP) install --quiet -c constraints.txt $(TORCH)
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	@touch $(STAMP)

# Re-pin every dependency from the current environment (run after changing pyproject.toml).
lock: $(STAMP)
	$(PIP) freeze --exclude-editable | grep -v '^hashiya' > constraints.txt

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache .hypothesis
