"""Build the project on a Segment-shaped fixture and check the identity rules.

The fixture (tests/input_data/segment) has track calls made before an
identify, a user who moves from one account (group) to another, a message
delivered twice, and an anonymous id that never identified. Accounts come
from the group calls' traits, subscriptions from a canonical file.
"""

from __future__ import annotations

import pytest

from python_helpers.tests.dbt_build import PROJECT_DIR, build_or_fail, run_dbt

SEGMENT_DIR = PROJECT_DIR / "tests" / "input_data" / "segment"
MARTS = [
    "fct_account_health_weekly",
    "dim_accounts",
    "dq_row_counts",
    "dq_rejected_rows",
    "fct_friction_points",
    "fct_adoption_funnel",
]


@pytest.fixture(scope="module")
def segment_db(tmp_path_factory: pytest.TempPathFactory):
    database_path = tmp_path_factory.mktemp("segment") / "segment.duckdb"
    run = run_dbt(database_path, SEGMENT_DIR, "build", source_format="segment")
    connection = build_or_fail(run).connect()
    yield connection
    connection.close()


def accepted_event(connection, event_id: str) -> tuple[str, str]:
    return connection.execute(
        "select user_id, account_id from main_intermediate.int_events_accepted where event_id = ?",
        [event_id],
    ).fetchone()


def test_anonymous_event_goes_to_identified_user(segment_db):
    # t01 happened before the identify call and before any group call.
    assert accepted_event(segment_db, "t01") == ("u1", "acct_A")


def test_event_uses_group_at_its_time(segment_db):
    # u1 moved from acct_A to acct_B on 2025-02-03.
    assert accepted_event(segment_db, "t06") == ("u1", "acct_A")
    assert accepted_event(segment_db, "t09") == ("u1", "acct_B")


def test_anonymous_group_call_attributed(segment_db):
    # u3 joined acct_B through a group call that carried only its anonymous id.
    assert accepted_event(segment_db, "t10") == ("u3", "acct_B")


def test_message_delivered_twice_counted_once(segment_db):
    row = segment_db.execute(
        "select raw_rows, accepted_rows, rejected_rows, duplicate_rows "
        "from main_marts.dq_row_counts where source_table = 'events'"
    ).fetchone()
    assert row == (14, 12, 1, 1)


def test_never_identified_event_rejected(segment_db):
    rows = segment_db.execute(
        "select record_id, rejection_reason from main_marts.dq_rejected_rows"
    ).fetchall()
    assert rows == [("t11", "missing user_id")]


def test_accounts_named_from_group_traits(segment_db):
    rows = segment_db.execute(
        "select account_id, account_name from main_marts.dim_accounts order by 1"
    ).fetchall()
    assert rows == [("acct_A", "Alder Works"), ("acct_B", "Birch Labs")]


@pytest.mark.parametrize("mart", MARTS)
def test_mart_not_empty(segment_db, mart):
    rows = segment_db.execute(f"select count(*) from main_marts.{mart}").fetchone()[0]
    assert rows > 0
