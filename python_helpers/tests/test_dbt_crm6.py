"""Build the project on the Fighting Churn data set crm6, when it is present.

crm6 is external input (6.4 million simulated CRM events, 559 accounts) that
lives beside the project, never inside it; a clone without it skips these
tests. Its subscriptions stop renewing when the simulation ends on
2023-01-01, so churn is only observed up to that date.
"""

from __future__ import annotations

import pytest

from python_helpers.tests.dbt_build import SHARED_DATA_DIR, build_or_fail, run_dbt

CRM6_DIR = SHARED_DATA_DIR / "crm6"
MARTS = [
    "fct_account_health_weekly",
    "dim_accounts",
    "dq_row_counts",
    "dq_rejected_rows",
]

pytestmark = pytest.mark.skipif(
    not (CRM6_DIR / "event.parquet").exists(),
    reason=f"crm6 data set not found at {CRM6_DIR}; it is external input, absent from clones",
)


@pytest.fixture(scope="module")
def crm6_db(tmp_path_factory: pytest.TempPathFactory):
    database_path = tmp_path_factory.mktemp("crm6") / "crm6.duckdb"
    run = run_dbt(
        database_path,
        CRM6_DIR,
        "build",
        source_format="fightchurn",
        extra_env={"ADOPTION_SUBSCRIPTIONS_COMPLETE_THROUGH": "2023-01-01"},
    )
    connection = build_or_fail(run).connect()
    yield connection
    connection.close()


def test_every_account_in_dim_accounts(crm6_db):
    accounts = crm6_db.execute("select count(*) from main_marts.dim_accounts").fetchone()[0]
    assert accounts == 559


def test_churned_accounts_match_the_simulation(crm6_db):
    churned = crm6_db.execute(
        "select count(*) from main_marts.dim_accounts where is_churned"
    ).fetchone()[0]
    assert churned == 80


def test_every_event_accepted(crm6_db):
    row = crm6_db.execute(
        "select raw_rows, accepted_rows from main_marts.dq_row_counts where source_table = 'events'"
    ).fetchone()
    assert row == (6_395_931, 6_395_931)


def test_add_on_rows_rejected_with_reason(crm6_db):
    rows = crm6_db.execute(
        "select rejection_reason, count(*) from main_marts.dq_rejected_rows "
        "where source_table = 'subscriptions' group by 1"
    ).fetchall()
    assert rows == [("add-on product, not a seat plan", 7818)]


@pytest.mark.parametrize("mart", MARTS)
def test_mart_not_empty(crm6_db, mart):
    rows = crm6_db.execute(f"select count(*) from main_marts.{mart}").fetchone()[0]
    assert rows > 0
