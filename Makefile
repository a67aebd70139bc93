# Quick start on a fresh clone:
#   make build   installs the toolchain into .venv and runs `dbt build` on the
#                bundled demo data into adoption.duckdb
#   make test    installs the toolchain and the Spark and PostgreSQL adapters,
#                lints SQL and Python, and runs pytest, which builds the project
#                on fixtures, checks exact figures and compares the engines
#   make calibrate  fits the health score weights to the demo data's churn,
#                writes them to seeds/health_score_weights.csv and a report to
#                reports/, and builds again with them
# Both targets create .venv on their own; nothing else has to be installed.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ENGINES_INSTALLED := $(VENV)/.installed-engines
LINT_DB := target/lint.duckdb

.PHONY: install install-engines build crm6 calibrate calibrate-crm6 test lint lint-sql lint-python pytest clean

$(INSTALLED): requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-r requirements.txt -c constraints.txt
	touch $@

install: $(INSTALLED)

# dbt-spark with pyspark (about 460 MB) and dbt-postgres, for the engine
# equality test; make build stays on DuckDB without them.
$(ENGINES_INSTALLED): $(INSTALLED) requirements-engines.txt constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-r requirements-engines.txt -c constraints.txt
	touch $@

install-engines: $(ENGINES_INSTALLED)

build: $(INSTALLED)
	$(BIN)/dbt build

# The Fighting Churn data set; CRM6_DIR points at its folder.
CRM6_DIR ?= ../shared/data/crm6
crm6: $(INSTALLED)
	ADOPTION_SOURCE_FORMAT=fightchurn ADOPTION_DATA_DIR=$(CRM6_DIR) \
	ADOPTION_SUBSCRIPTIONS_COMPLETE_THROUGH=2023-01-01 \
	ADOPTION_DUCKDB_PATH=crm6.duckdb $(BIN)/dbt build

# Calibration: build, fit the weights seed to realised churn, build again
# with it. It overwrites seeds/health_score_weights.csv; `git checkout
# seeds/health_score_weights.csv` returns to the hand-set defaults.
# CALIBRATE_ARGS passes options, for example --target-label subscription_churn.
CALIBRATE_ARGS ?=
calibrate: $(INSTALLED)
	$(BIN)/dbt build
	$(BIN)/python -m python_helpers.calibrate \
		--database "$${ADOPTION_DUCKDB_PATH:-adoption.duckdb}" $(CALIBRATE_ARGS)
	$(BIN)/dbt build

# The same fit on crm6, written to reports/crm6/ only: the repository's seed
# stays as it is.
calibrate-crm6: crm6
	$(BIN)/python -m python_helpers.calibrate --database crm6.duckdb \
		--target-label subscription_churn --report-dir reports/crm6 \
		--output-seed reports/crm6/health_score_weights.csv $(CALIBRATE_ARGS)

test: lint pytest

lint: lint-python lint-sql

lint-python: $(INSTALLED)
	$(BIN)/ruff check python_helpers
	$(BIN)/ruff format --check python_helpers

# The dbt templater compiles every model, and some models ask the database
# for columns and date bounds while compiling, so lint runs against a small
# database built from the test fixture first.
lint-sql: $(INSTALLED)
	mkdir -p target
	rm -f $(LINT_DB)
	ADOPTION_DATA_DIR=tests/input_data/tiny ADOPTION_DUCKDB_PATH=$(LINT_DB) \
		$(BIN)/dbt build --quiet --exclude "test_type:unit"
	ADOPTION_DATA_DIR=tests/input_data/tiny ADOPTION_DUCKDB_PATH=$(LINT_DB) \
		$(BIN)/sqlfluff lint models $(wildcard analyses) tests
	ADOPTION_SOURCE_FORMAT=fightchurn ADOPTION_DUCKDB_PATH=$(LINT_DB) \
		$(BIN)/sqlfluff lint models/staging/fightchurn
	ADOPTION_SOURCE_FORMAT=segment ADOPTION_DATA_DIR=tests/input_data/segment \
		ADOPTION_DUCKDB_PATH=$(LINT_DB) $(BIN)/sqlfluff lint models/staging/segment

pytest: $(ENGINES_INSTALLED)
	$(BIN)/pytest

clean:
	rm -rf target logs dbt_packages adoption.duckdb crm6.duckdb
