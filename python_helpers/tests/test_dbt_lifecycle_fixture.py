"""Build the project on the hand-made fixture and check lifecycle figures.

The fixture (tests/input_data/tiny) has weeks from Monday 2025-01-06 to the
last complete week, which starts on 2025-02-10 because the last accepted
event falls on Sunday 2025-02-16. A1 has two users; u2 is created on
2025-01-20 and first active a week later. A2 has no event until 2025-02-05.
A3 is created on 2025-02-10. A4 has no event at all and churns on
2025-02-02. The expected figures below were computed by hand from the
fixture's CSV files and the default vars.
"""

from __future__ import annotations

import datetime

import pytest

from python_helpers.tests.dbt_build import PROJECT_DIR, build_or_fail, run_dbt

FIXTURE_DIR = PROJECT_DIR / "tests" / "input_data" / "tiny"
LAST_WEEK = datetime.date(2025, 2, 10)


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory):
    database_path = tmp_path_factory.mktemp("lifecycle") / "tiny.duckdb"
    connection = build_or_fail(run_dbt(database_path, FIXTURE_DIR, "build")).connect()
    yield connection
    connection.close()


def _column(connection, sql: str) -> list:
    return [row[0] for row in connection.execute(sql).fetchall()]


def test_account_lifecycle_states_of_a1(fixture_db):
    states = _column(
        fixture_db,
        "select lifecycle_state from main_marts.fct_account_lifecycle_weekly "
        "where account_id = 'A1' order by week_start_date",
    )
    assert states == [
        "new",
        "dormant",
        "resurrecting",
        "returning_growing",
        "returning_growing",
        "returning_growing",
    ]


def test_user_created_in_inactive_week(fixture_db):
    rows = fixture_db.execute(
        "select week_start_date, lifecycle_state, is_first_active_week "
        "from main_marts.fct_user_lifecycle_weekly "
        "where user_id = 'u2' order by week_start_date"
    ).fetchall()
    assert rows == [
        (datetime.date(2025, 1, 20), "inactive", False),
        (datetime.date(2025, 1, 27), "resurrecting", True),
        (datetime.date(2025, 2, 3), "dormant", False),
        (datetime.date(2025, 2, 10), "resurrecting", False),
    ]


def test_churned_account_kept_a_week_after_churn(fixture_db):
    weeks = _column(
        fixture_db,
        "select week_start_date from main_marts.fct_account_lifecycle_weekly "
        "where account_id = 'A4' order by week_start_date",
    )
    assert weeks[-1] == datetime.date(2025, 2, 3)
    assert len(weeks) == 5


def test_user_lifecycle_summary_last_week(fixture_db):
    row = fixture_db.execute(
        "select new_actors, returning_actors, resurrecting_actors, dormant_actors, "
        "inactive_actors, active_actors, quick_ratio "
        "from main_marts.fct_lifecycle_weekly_summary "
        "where actor_type = 'user' and week_start_date = ?",
        [LAST_WEEK],
    ).fetchone()
    assert row == (1, 1, 1, 1, 0, 3, 2.0)


def test_stages_of_a2_go_dormant_and_back(fixture_db):
    rows = fixture_db.execute(
        "select account_stage, days_since_last_event "
        "from main_marts.fct_account_stages_weekly "
        "where account_id = 'A2' order by week_start_date"
    ).fetchall()
    assert rows == [
        ("onboarding", 6),
        ("onboarding", 13),
        ("dormant", 20),
        ("dormant", 27),
        ("onboarding", 3),
        ("onboarding", 10),
    ]


def test_a1_not_activated_with_two_key_actions(fixture_db):
    row = fixture_db.execute(
        "select setup_milestones_done, key_actions_total, activated_on "
        "from main_intermediate.int_account_activation where account_id = 'A1'"
    ).fetchone()
    assert row == (1, 2, None)


def test_stage_transition_to_churned(fixture_db):
    rows = fixture_db.execute(
        "select week_start_date, account_count, from_arr, to_arr "
        "from main_marts.fct_account_stage_transitions "
        "where from_stage = 'dormant' and to_stage = 'churned'"
    ).fetchall()
    assert rows == [(datetime.date(2025, 1, 27), 1, 1200.0, 0.0)]


def test_session_of_two_events(fixture_db):
    row = fixture_db.execute(
        "select duration_seconds, events from main_intermediate.int_sessions "
        "where session_id = 'A1|u1|3'"
    ).fetchone()
    assert row == (60, 2)


def test_stickiness_of_a1_last_week(fixture_db):
    row = fixture_db.execute(
        "select user_active_days_28d, monthly_active_users, dau_mau_ratio, sessions_28d "
        "from main_marts.fct_account_stickiness_weekly "
        "where account_id = 'A1' and week_start_date = ?",
        [LAST_WEEK],
    ).fetchone()
    assert row == (8, 2, pytest.approx(8 / 28 / 2), 8)


def test_stickiness_empty_without_activity(fixture_db):
    row = fixture_db.execute(
        "select has_active_users_28d, dau_mau_ratio, power_user_share "
        "from main_marts.fct_account_stickiness_weekly "
        "where account_id = 'A2' and week_start_date = date '2025-01-06'"
    ).fetchone()
    assert row == (False, None, None)


def test_cohort_retention_of_january(fixture_db):
    row = fixture_db.execute(
        "select cohort_accounts, observed_accounts, active_accounts, "
        "cohort_users, observed_users, active_users, "
        "subscribed_accounts, retained_accounts, starting_arr, retained_arr "
        "from main_marts.fct_cohort_retention "
        "where cohort_month = date '2025-01-01' and months_since_signup = 0"
    ).fetchone()
    assert row == (3, 3, 2, 3, 2, 2, 3, 2, 4800.0, 3600.0)


def test_upgrade_outcomes_unknown_in_short_data(fixture_db):
    known = fixture_db.execute(
        "select count(*) from main_intermediate.int_account_upgrade_outcomes "
        "where upgraded_within_window is not null"
    ).fetchone()[0]
    assert known == 0
