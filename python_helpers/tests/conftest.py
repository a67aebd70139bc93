"""Builds shared by several test modules, made once per pytest session."""

from __future__ import annotations

from pathlib import Path

import pytest

from python_helpers.tests.dbt_build import CRM6_DIR, build_or_fail, run_dbt


@pytest.fixture(scope="session")
def crm6_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the crm6 data set once and return the DuckDB file; skip when crm6 is absent."""
    if not (CRM6_DIR / "event.parquet").exists():
        pytest.skip(
            f"crm6 data set not found at {CRM6_DIR}; it is external input, absent from clones"
        )
    database_path = tmp_path_factory.mktemp("crm6") / "crm6.duckdb"
    run = run_dbt(
        database_path,
        CRM6_DIR,
        "build",
        source_format="fightchurn",
        extra_env={"ADOPTION_SUBSCRIPTIONS_COMPLETE_THROUGH": "2023-01-01"},
    )
    build_or_fail(run)
    return database_path
