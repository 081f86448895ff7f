# Coder Workbench — two commands: `make run` and `make test`. Both set everything up first and are
# idempotent: a second run with nothing changed only checks stamps.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
TORCH_VERSION := 2.13.0
DEMO_HOME := $(CURDIR)/.demo
STAMPS := $(VENV)/.stamps

# Debian packages: Qt (offscreen and xcb under Xvfb), AT-SPI, audio through PulseAudio, test
# speech, and the PostgreSQL server the store tests run against.
DEB_PACKAGES := libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
	libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 \
	libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1 xvfb xauth dbus-daemon at-spi2-core \
	python3-pyatspi libportaudio2 pulseaudio pulseaudio-utils libasound2-plugins espeak-ng flite sox \
	postgresql python3-venv

.PHONY: run test lint typecheck pytest setup system-packages translations benchmarks clean-demo

run: setup translations
	WORKBENCH_HOME=$(DEMO_HOME) $(BIN)/workbench demo --if-empty
	WORKBENCH_HOME=$(DEMO_HOME) $(BIN)/workbench

test: setup translations lint typecheck pytest

setup: system-packages $(STAMPS)/project

system-packages: $(STAMPS)/debian

$(STAMPS)/debian: Makefile
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian packages: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "These Debian packages are missing. Install them as root, then run make again:"; \
			echo "  sudo apt-get install --no-install-recommends $$missing"; exit 1; \
		fi; \
	fi
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/venv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	@mkdir -p $(STAMPS) && touch $@

# torch first and pinned, so that nothing later pulls a multi-GB CUDA build.
$(STAMPS)/torch: $(STAMPS)/venv
	$(BIN)/pip install -q torch==$(TORCH_VERSION)
	@touch $@

$(STAMPS)/project: $(STAMPS)/torch pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

translations: setup
	@$(BIN)/python -m workbench.ui.i18n_build

lint: setup
	$(BIN)/ruff check workbench tests benchmarks
	$(BIN)/ruff format --check workbench tests benchmarks

typecheck: setup
	$(BIN)/mypy

pytest: setup
	HF_HUB_OFFLINE=1 $(BIN)/pytest

benchmarks: setup
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# docs/screenshots/*.png: every role's screens, light and dark, from a throw-away demo database.
.PHONY: screenshots
screenshots: setup translations
	QT_QPA_PLATFORM=offscreen HF_HUB_OFFLINE=1 $(BIN)/python -m workbench.ui.screenshots docs/screenshots

clean-demo:
	rm -rf $(DEMO_HOME)

# A self-contained one-folder application in dist/workbench/; check it with
# `QT_QPA_PLATFORM=offscreen dist/workbench/workbench --self-test`.
.PHONY: package
package: setup translations
	$(BIN)/pyinstaller --log-level WARN --noconfirm --clean packaging/workbench.spec --distpath dist --workpath build/pyinstaller
