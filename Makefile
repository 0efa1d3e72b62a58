# The two commands that matter: `make run` and `make test`. Everything they need is installed on the way.
PYTHON ?= python3
UV := $(PYTHON) -m uv
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)

DEMO_ADMIN ?= admin@internhub.local
DEMO_PASSWORD ?= internhub-demo

.PHONY: install system-packages run test lint format bench clean

install: .venv/.installed

.venv/.installed: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen
	@touch $@

system-packages:
	@bash scripts/system-packages.sh

run: install
	$(UV) run internhub migrate
	$(UV) run internhub demo-data --if-empty
	$(UV) run internhub create-admin --email $(DEMO_ADMIN) --password $(DEMO_PASSWORD) --if-missing
	@echo "InternHub: http://localhost:8000  (API docs: /docs)  sign in as $(DEMO_ADMIN) / $(DEMO_PASSWORD)"
	$(UV) run internhub serve --host 0.0.0.0 --port 8000

test: install system-packages
	$(UV) run pytest

lint: install
	$(UV) run ruff check src tests benchmarks
	$(UV) run ruff format --check src tests benchmarks

format: install
	$(UV) run ruff format src tests benchmarks
	$(UV) run ruff check --fix src tests benchmarks

clean:
	rm -rf .venv var .pytest_cache .ruff_cache
