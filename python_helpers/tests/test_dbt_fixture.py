"""Build the project on the hand-made fixture and check exact figures.

The fixture (tests/input_data/tiny) contains four accounts and twenty event rows,
among them a duplicate delivery, an event with a +02:00 offset that lands on
the previous UTC day, an internal user, an unknown user and account, an
unparseable and a future timestamp, and an event name missing from its own
event catalog. The expected figures below were computed by hand.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from python_helpers.tests.dbt_build import PROJECT_DIR, build_or_fail, run_dbt

FIXTURE_DIR = PROJECT_DIR / "tests" / "input_data" / "tiny"


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory):
    database_path = tmp_path_factory.mktemp("tiny") / "tiny.duckdb"
    connection = build_or_fail(run_dbt(database_path, FIXTURE_DIR, "build")).connect()
    yield connection
    connection.close()


def test_row_counts_add_up(fixture_db):
    rows = fixture_db.execute(
        "select source_table, raw_rows, accepted_rows, rejected_rows, duplicate_rows "
        "from main_marts.dq_row_counts order by source_table"
    ).fetchall()
    assert rows == [
        ("accounts", 5, 4, 1, 0),
        ("events", 20, 13, 6, 1),
        ("subscriptions", 5, 4, 1, 0),
        ("support_tickets", 3, 3, 0, 0),
        ("users", 6, 4, 2, 0),
    ]


def test_event_rejection_reasons(fixture_db):
    reasons = dict(
        fixture_db.execute(
            "select coalesce(record_id, '(missing)'), rejection_reason "
            "from main_marts.dq_rejected_rows where source_table = 'events'"
        ).fetchall()
    )
    assert reasons == {
        "(missing)": "missing event_id",
        "e11": "internal user",
        "e15": "unparseable occurred_at",
        "e16": "occurred_at in the future",
        "e17": "unknown user_id",
        "e18": "unknown account_id",
    }


def test_offset_timestamp_converted_to_utc(fixture_db):
    occurred_at = fixture_db.execute(
        "select strftime(occurred_at, '%Y-%m-%d %H:%M:%S') "
        "from main_intermediate.int_events_accepted where event_id = 'e10'"
    ).fetchone()[0]
    assert occurred_at == "2025-02-16 23:00:00"


def test_duplicate_keeps_earliest_received_copy(fixture_db):
    received_at = fixture_db.execute(
        "select strftime(received_at, '%H:%M:%S') "
        "from main_intermediate.int_events_accepted where event_id = 'e02'"
    ).fetchone()[0]
    assert received_at == "10:00:05"


def test_account_features_last_week(fixture_db):
    row = fixture_db.execute(
        "select active_days_28d, active_users_28d, features_used_28d, catalog_features, "
        "seat_utilization, key_actions_per_active_user, failures_per_active_user, "
        "support_tickets_28d, days_since_last_key_action "
        "from main_intermediate.int_account_weekly_features "
        "where account_id = 'A1' and week_start_date = date '2025-02-10'"
    ).fetchone()
    assert row == (8, 2, 5, 6, 0.5, 1.0, 1.0, 1, 6)


def test_account_health_last_week(fixture_db):
    row = fixture_db.execute(
        "select score_status, health_score, health_band, evidence_coverage, score_change_1w "
        "from main_marts.fct_account_health_weekly "
        "where account_id = 'A1' and week_start_date = date '2025-02-10'"
    ).fetchone()
    assert row == ("scored", 50.45, "steady", pytest.approx(0.95), pytest.approx(12.97))


def test_zero_seats_leave_utilisation_missing(fixture_db):
    row = fixture_db.execute(
        "select features.seat_utilization, health.evidence_coverage "
        "from main_intermediate.int_account_weekly_features as features "
        "inner join main_marts.fct_account_health_weekly as health "
        "using (account_id, week_start_date) "
        "where account_id = 'A2' and week_start_date = date '2025-02-10'"
    ).fetchone()
    assert row == (None, pytest.approx(0.85))


def test_new_account_not_scored(fixture_db):
    row = fixture_db.execute(
        "select score_status, health_score, health_band from main_marts.dim_accounts "
        "where account_id = 'A3'"
    ).fetchone()
    assert row == ("insufficient_history", None, "not_scored")


def test_churned_account_stops_at_churn_week(fixture_db):
    row = fixture_db.execute(
        "select is_churned, churned_on, health_week_start_date from main_marts.dim_accounts "
        "where account_id = 'A4'"
    ).fetchone()
    assert row == (True, datetime.date(2025, 2, 2), datetime.date(2025, 1, 27))


def test_unknown_event_name_counted(fixture_db):
    rows = fixture_db.execute(
        "select event_name, event_count from main_marts.dq_unknown_event_names"
    ).fetchall()
    assert rows == [("beta_clicked", 1)]


def test_no_email_column_in_marts(fixture_db):
    columns = fixture_db.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'main_marts' and column_name ilike '%email%'"
    ).fetchall()
    assert columns == []


def test_missing_input_folder_names_the_fix(tmp_path: Path):
    run = run_dbt(tmp_path / "missing.duckdb", tmp_path / "no_such_folder", "build")
    assert run.returncode != 0
    assert "Missing input file for 'events'" in run.output
    assert "ADOPTION_DATA_DIR" in run.output


def test_invalid_source_format_names_the_choices(tmp_path: Path):
    run = run_dbt(tmp_path / "bad.duckdb", FIXTURE_DIR, "build", source_format="segmentish")
    assert run.returncode != 0
    assert "Invalid source format 'segmentish'" in run.output
