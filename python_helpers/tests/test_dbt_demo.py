"""Build the project on the bundled demo data and compare with its ground truth.

The demo generator writes planted_effects.json next to the data: how many bad
rows of each kind it planted and which accounts churned. The build must
account for every one of them.
"""

from __future__ import annotations

import json

import pytest

from python_helpers.tests.dbt_build import PROJECT_DIR, build_or_fail, run_dbt

DEMO_DIR = PROJECT_DIR / "data" / "demo"
PLANTED = json.loads((DEMO_DIR / "planted_effects.json").read_text())
MARTS = [
    "fct_account_health_weekly",
    "dim_accounts",
    "dq_row_counts",
    "dq_rejected_rows",
    "dq_unknown_event_names",
    "fct_friction_points",
    "fct_friction_points_by_segment",
    "fct_friction_priorities",
    "fct_adoption_funnel",
    "fct_funnel_roadblocks",
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory):
    database_path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    connection = build_or_fail(run_dbt(database_path, DEMO_DIR, "build")).connect()
    yield connection
    connection.close()


def rejected_count(connection, source_table: str, reason: str) -> int:
    return connection.execute(
        "select count(*) from main_marts.dq_rejected_rows "
        "where source_table = ? and rejection_reason = ?",
        [source_table, reason],
    ).fetchone()[0]


@pytest.mark.parametrize(
    ("reason", "planted_key"),
    [
        ("missing event_id", "null_event_id"),
        ("missing occurred_at", "null_occurred_at"),
        ("occurred_at in the future", "future_occurred_at"),
        ("unknown user_id", "unknown_user_id"),
        ("internal user", "internal_user_events"),
    ],
)
def test_planted_bad_events_rejected(demo_db, reason, planted_key):
    assert rejected_count(demo_db, "events", reason) == PLANTED["data_quality"][planted_key]


def test_planted_duplicates_removed(demo_db):
    duplicates = demo_db.execute(
        "select duplicate_rows from main_marts.dq_row_counts where source_table = 'events'"
    ).fetchone()[0]
    assert duplicates == PLANTED["data_quality"]["duplicate_deliveries"]


def test_uncatalogued_events_kept(demo_db):
    kept = demo_db.execute(
        "select sum(event_count) from main_marts.dq_unknown_event_names"
    ).fetchone()[0]
    assert kept == PLANTED["data_quality"]["uncatalogued_event_name"]


def test_raw_rows_match_the_files(demo_db):
    raw = dict(
        demo_db.execute("select source_table, raw_rows from main_marts.dq_row_counts").fetchall()
    )
    assert raw == PLANTED["row_counts"]


def test_churned_accounts_match(demo_db):
    churned = demo_db.execute(
        "select count(*) from main_marts.dim_accounts where is_churned"
    ).fetchone()[0]
    assert churned == PLANTED["churn"]["churned_accounts"]


def test_every_account_in_dim_accounts(demo_db):
    accounts = demo_db.execute("select count(*) from main_marts.dim_accounts").fetchone()[0]
    assert accounts == PLANTED["arguments"]["accounts"]


def test_churned_accounts_score_lower(demo_db):
    churned_score, retained_score = demo_db.execute(
        "select "
        "avg(case when is_churned then health_score end), "
        "avg(case when not is_churned then health_score end) "
        "from main_marts.dim_accounts"
    ).fetchone()
    assert churned_score < retained_score


@pytest.mark.parametrize("mart", MARTS)
def test_mart_not_empty(demo_db, mart):
    rows = demo_db.execute(f"select count(*) from main_marts.{mart}").fetchone()[0]
    assert rows > 0


def priority_features(connection, top: int) -> list[str]:
    rows = connection.execute(
        "select feature from main_marts.fct_friction_priorities "
        "where priority_rank <= ? order by priority_rank",
        [top],
    ).fetchall()
    return [row[0] for row in rows]


def test_planted_friction_ranks_first(demo_db):
    assert priority_features(demo_db, 1) == [PLANTED["friction"]["feature"]]


def test_unplanted_integration_not_in_top_three(demo_db):
    # Slack fails too, but its failures do not raise churn in the simulation.
    assert "slack_integration" not in priority_features(demo_db, 3)


def test_planted_friction_first_in_last_observed_month(demo_db):
    feature = demo_db.execute(
        "select feature from main_marts.fct_friction_points "
        "where impact_rank = 1 and period_start_date = ("
        "select max(period_start_date) from main_marts.fct_friction_points where is_ranked)"
    ).fetchone()[0]
    assert feature == PLANTED["friction"]["feature"]


def test_planted_friction_touches_planted_accounts(demo_db):
    affected = {
        row[0]
        for row in demo_db.execute(
            "select distinct account_id from main_intermediate.int_friction_occurrences "
            "where feature = ? and friction_kind = 'failure_streak'",
            [PLANTED["friction"]["feature"]],
        ).fetchall()
    }
    planted = set(PLANTED["friction"]["account_ids"])
    assert len(affected & planted) / len(planted) > 0.8
