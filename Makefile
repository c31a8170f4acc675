# campaigngen: `make demo` builds the sample campaign, `make test` runs the tests.
# Both set up what they need first, and do nothing twice.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CAMPAIGN ?= help-is-here

# Debian packages: fribidi (Pillow's raqm text layout needs it), Noto fonts for every
# script, poppler (PDF checks), Chromium (the review page test), Ghostscript's ICC
# profiles (the CMYK press profile for [print] colour = "cmyk"), ffmpeg (the tests measure
# spots as stations do: ebur128 loudness and true peak, silencedetect for dead air), MediaInfo
# (the tests read each WAV's bext as a station's ingest does), Tesseract OCR (the tests read the
# number off the flyers, and captions off the videos in Arabic, Hindi and Thai, as a receiver's tool would), OpenSSH's client (the tests check a release
# bundle's signature with ssh-keygen, as a print shop or station would), qpdf (every PDF the tests
# make passes `qpdf --check`, as a print shop's preflight would), Ghostscript (a press RIP's
# reading: CMYK PDFs render with stop-on-warning, and their inks are measured on its separations).
SYSTEM_PACKAGES := libfribidi0 fonts-noto-core fonts-noto-cjk poppler-utils chromium libgs-common gettext ffmpeg \
	mediainfo tesseract-ocr tesseract-ocr-eng tesseract-ocr-ara tesseract-ocr-hin tesseract-ocr-tha openssh-client qpdf ghostscript

.PHONY: setup system demo test test-fast lint bench publish clean

setup: system $(STAMP)

system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing system packages: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "missing system packages; run:  sudo apt-get install -y $$missing"; exit 1; \
		fi; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv installs what pip would (tools/uv_install.py hands it pip's sources and constraints) in
# well under half the time: 21 s against 53 s on the 2-core machine, with no cache. Where uv
# cannot be had (no PyPI) or fails, pip installs, as it did. Neither compiles every module of
# every package (pip: --no-compile; 1.7 GB, 18 of its 48 s): Python compiles what is imported
# when it is first imported, and keeps it (the test run below lets it write the files).
EXTRAS := .[mt,voices,studio,dev,mp2]
$(STAMP): pyproject.toml | $(BIN)/python
	( $(BIN)/pip install -q uv 2>/dev/null && $(BIN)/python tools/uv_install.py $(BIN) -e '$(EXTRAS)' ) \
		|| $(BIN)/pip install -q --no-compile -e '$(EXTRAS)'
	touch $(STAMP)

# The sample's lines are approved by the sample's reviewer, whom the sample's publisher vouches
# for (reviewers, reviewers.sig); the demo trusts that publisher for this run only. A real
# campaign never trusts docs/sample-trust: its publisher's own key does (docs/review.md).
SAMPLE_TRUST := CAMPAIGNGEN_KEYRING=docs/sample-trust/trusted-keys

demo: setup
	$(SAMPLE_TRUST) $(BIN)/campaigngen build $(CAMPAIGN) --out output
	-$(SAMPLE_TRUST) $(BIN)/campaigngen check $(CAMPAIGN) >output/$(CAMPAIGN)-check.txt; grep -E "^(NOT )?publishable" output/$(CAMPAIGN)-check.txt
	@echo "review page:"
	@$(BIN)/campaigngen review $(CAMPAIGN) --out output

# The suite on every core (pytest-xdist). tests/conftest.py groups the tests: a module's stay
# on one worker (a build the module shares is made once), and those marked serial (they kill
# processes or time something) run one after another on one worker.
# PYTHONDONTWRITEBYTECODE emptied: where the environment sets it (as some CI machines do),
# every test process would compile each module it imports, and pytest rewrite every test
# module, all over again; with it empty the first import writes the compiled file and the
# later processes (the other worker, the CLI runs in subprocesses, the studio) read it.
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q
PARALLEL := -n auto --dist loadgroup

# Lint (ruff: errors, import order, bugbear), layout (ruff format: the tree is formatted; run
# `.venv/bin/ruff format` on what you change), types (mypy) and the layer contract
# (lint-imports: each stage imports only the stages below it, no cycles); settings in pyproject.toml.
LINT := $(BIN)/ruff check campaigngen tests benchmarks tools && $(BIN)/ruff format --check campaigngen tests benchmarks tools \
	&& $(BIN)/mypy && $(BIN)/lint-imports
LINT_LOG := $(VENV)/lint.log

lint: setup
	$(LINT)

# make test lints beside the suite, not before it: mypy is ~10 s of one core, and the suite
# leaves a core idle at moments (a browser or a subprocess waited on, the last tests of a
# run). Lint's output is shown after the tests'; either failing fails make test.
test: setup
	@echo "linting beside the tests: $(LINT)"
	@( $(LINT) ) >$(LINT_LOG) 2>&1 & linting=$$!; \
	$(PYTEST) $(PARALLEL); tested=$$?; \
	wait $$linting; linted=$$?; cat $(LINT_LOG); \
	if [ $$linted -ne 0 ]; then echo "make test: lint failed (above)"; fi; \
	[ $$tested -eq 0 ] && [ $$linted -eq 0 ]

# The edit loop: the unit tier, every test under half a second (layout, the PDF writer,
# the meters, the checks), leaving out those marked slow; well under a minute.
test-fast: setup
	$(PYTEST) $(PARALLEL) -m "not slow"

publish: setup
	$(SAMPLE_TRUST) $(BIN)/campaigngen publish $(CAMPAIGN) --out output

bench: setup
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script; done

clean:
	rm -rf output/*/ build *.egg-info
