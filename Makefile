# khabar: `make demo` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: default demo test lint eval bench serve clean
default: test

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/khabar demo --out out/demo

test: $(STAMP)
	bash .ci/system-deps.sh
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check khabar tests
	$(BIN)/mypy khabar

SAMPLES := khabar/theatres/afghanistan_2021/samples
MM_SAMPLES := khabar/theatres/myanmar_2021_24/samples
eval: $(STAMP)
	$(BIN)/khabar eval $(SAMPLES)/corpus $(SAMPLES)/gold
	$(BIN)/khabar eval $(MM_SAMPLES)/corpus $(MM_SAMPLES)/gold --theatre myanmar
	@if [ -d ../shared/eval-dev ]; then $(BIN)/khabar eval ../shared/eval-dev/corpus ../shared/eval-dev/gold; fi
	@if [ -d ../shared/eval-dev-myanmar ]; then $(BIN)/khabar eval ../shared/eval-dev-myanmar/corpus ../shared/eval-dev-myanmar/gold --theatre myanmar; fi

bench: $(STAMP)
	$(BIN)/python -m khabar.bench

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
