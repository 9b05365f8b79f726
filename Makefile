# The two commands a newcomer runs: `make run` (install + default build) and `make test`
# (install everything + the whole test suite). Everything installs into .venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
OUT ?= out
export OMP_NUM_THREADS ?= 1
export TOKENIZERS_PARALLELISM ?= false
export HF_HUB_OFFLINE ?= 1

.PHONY: run test install install-train lint bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# core package + test tools (no torch)
$(VENV)/.core-installed: pyproject.toml | $(PY)
	$(PIP) install -e ".[test]"
	touch $@

# torch first (the local CPU wheel), then the pinned training stack
$(VENV)/.train-installed: pyproject.toml $(VENV)/.core-installed
	$(PIP) install torch==2.13.0
	$(PIP) install -e ".[train,test]"
	touch $@

install: $(VENV)/.core-installed

install-train: $(VENV)/.train-installed

run: install
	$(VENV)/bin/mathft build --workers 2 --out $(OUT)/build

lint: install
	$(VENV)/bin/ruff check .

test: install-train lint
	$(PY) -m pytest -n 2 --dist loadgroup -p no:cacheprovider

bench: install-train
	$(PY) benchmarks/generate.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
