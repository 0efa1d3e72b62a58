# The two commands that matter: `make run` and `make test`. Everything they need is installed on the way.
PYTHON ?= python3
UV := $(PYTHON) -m uv
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)

DEMO_ADMIN ?= admin@example.com
DEMO_PASSWORD ?= internhub-demo

.PHONY: install system-packages run test lint format bench clean

install: .venv/.installed

.venv/.installed: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen
	@touch $@

system-packages:
	@bash scripts/system-packages.sh

run: install web-build
	$(UV) run internhub migrate
	$(UV) run internhub demo-data --if-empty
	$(UV) run internhub create-admin --email $(DEMO_ADMIN) --password $(DEMO_PASSWORD) --if-missing
	@echo "InternHub: http://localhost:8000  (API docs: /docs)  sign in as $(DEMO_ADMIN) / $(DEMO_PASSWORD)"
	$(UV) run internhub serve --host 0.0.0.0 --port 8000

test: install system-packages
	$(UV) run pytest
	$(MAKE) web-test web-e2e

lint: install web-install
	$(UV) run ruff check src tests benchmarks
	$(UV) run ruff format --check src tests benchmarks
	$(UV) run mypy
	cd web && npm run typecheck

format: install
	$(UV) run ruff format src tests benchmarks
	$(UV) run ruff check --fix src tests benchmarks

clean:
	rm -rf .venv var .pytest_cache .ruff_cache

# Web UI (web/): a Nuxt single-page app built to web/.output/public, which the API serves at /.
.PHONY: web-install web-build web-test web-e2e web-api
WEB_SOURCES := $(shell find web/app web/i18n web/public -type f 2>/dev/null) web/nuxt.config.ts web/package.json

web-install: web/node_modules/.installed

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	@touch $@

# Rebuilt only when a web source is newer than the last build.
web-build: web/.output/public/index.html

web/.output/public/index.html: web/node_modules/.installed $(WEB_SOURCES)
	cd web && npm run build
	@touch $@

web-api: install web-install
	cd web && UV="$(UV)" npm run api:generate

web-test: install web-install
	cd web && UV="$(UV)" npx vitest run

web-e2e: install system-packages web-build
	cd web && UV="$(UV)" npx playwright test
