"""Build the project incrementally, batch by batch, and compare with one full build.

The events of a small generated demo, plus a few crafted rows, are fed in
cumulative batches cut at different load times: each batch is written as
the events file of a data folder and followed by an incremental `dbt run`.
After the last batch every mart must equal the marts of one full build on
the same events, and every data test must pass on the incrementally built
tables. Three rows are crafted. A late event happened weeks before the
batch that delivers it. A copy of an event arrives in a later batch than
the event, beyond the lookback window. An event without a receipt time
claims to happen years ahead: it must be rejected without moving the
load-time watermark.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import duckdb
import pytest

from python_helpers.demo_data.simulate import SimulationConfig
from python_helpers.demo_data.write import write_dataset
from python_helpers.tests.dbt_build import PROJECT_DIR, build_or_fail, run_dbt

DEMO = SimulationConfig(accounts=20, seed=11, start=dt.date(2025, 1, 6), months=6)
SMALL_TABLES = ("accounts", "users", "subscriptions", "support_tickets")
# Seeds and models only: the data tests run once, after the last batch.
BUILD_MODELS = ("build", "--exclude", "resource_type:test", "resource_type:unit_test")
MARTS = sorted(path.stem for path in (PROJECT_DIR / "models" / "marts").rglob("*.sql"))
LATE_EVENT_ID = "evt_crafted_late"
FUTURE_EVENT_ID = "evt_crafted_future"
# Floats are rounded to this many decimals before rows are sorted, and then
# compared within a tolerance: sums of doubles may differ in their last bits
# when DuckDB adds them in another order, and a value next to a rounding
# boundary can then round either way.
FLOAT_DECIMALS = 9

# Each pattern lists the batches as offsets of their cut from the last load
# time, in hours, and the last batch always contains every row. empty_first first
# builds the incremental models with --empty, as a new deployment may.
CUT_PATTERNS = {
    "thirds": {"cuts_hours": [-2400, -1200], "empty_first": False},
    "last_days": {"cuts_hours": [-120, -6], "empty_first": True},
}


def _write_events(connection: duckdb.DuckDBPyConnection, where: str, path: Path) -> None:
    connection.execute(
        f"copy (select * exclude (loaded_at) from all_events where {where}) "
        f"to '{path}' (format parquet)"
    )


@pytest.fixture(scope="module")
def events_source(tmp_path_factory: pytest.TempPathFactory):
    """The demo's tables, and its events plus the crafted rows in a DuckDB table."""
    data_dir = tmp_path_factory.mktemp("incremental_demo")
    write_dataset(DEMO, data_dir)

    connection = duckdb.connect()
    connection.execute("set enable_progress_bar = false")
    connection.execute(
        "create table all_events as select *, coalesce(received_at, occurred_at) as loaded_at "
        "from read_parquet(?)",
        [str(data_dir / "events.parquet")],
    )
    last_loaded_at = connection.execute("select max(loaded_at) from all_events").fetchone()[0]

    # A template row: an ordinary event of a customer user, received early.
    template_id = connection.execute(
        "select min(event_id) from all_events where event_name = 'task_created' "
        "and received_at < ? - interval 60 day",
        [last_loaded_at],
    ).fetchone()[0]
    crafted = [
        # Happened 40 days before the last load, delivered an hour before it.
        (
            f"'{LATE_EVENT_ID}' as event_id, "
            "cast(? - interval 40 day as timestamp) as occurred_at, "
            "cast(? - interval 1 hour as timestamp) as received_at"
        ),
        # The template event delivered again two hours before the last load.
        "event_id, occurred_at, cast(? - interval 2 hour as timestamp) as received_at",
        # No receipt time, and a time years ahead.
        (
            f"'{FUTURE_EVENT_ID}' as event_id, "
            "cast('2031-01-01 00:00:00' as timestamp) as occurred_at, "
            "cast(null as timestamp) as received_at"
        ),
    ]

    parameters = [[last_loaded_at, last_loaded_at], [last_loaded_at], []]
    for select_list, values in zip(crafted, parameters, strict=True):
        connection.execute(
            f"insert into all_events select {select_list}, user_id, account_id, event_name, "
            "properties, null as loaded_at from all_events where event_id = ? "
            "and received_at = (select min(received_at) from all_events where event_id = ?)",
            [*values, template_id, template_id],
        )
    connection.execute("update all_events set loaded_at = coalesce(received_at, occurred_at)")

    yield data_dir, connection, last_loaded_at, template_id
    connection.close()


def _data_folder(base: Path, source_dir: Path) -> Path:
    folder = base / "data"
    folder.mkdir()
    for table in SMALL_TABLES:
        (folder / f"{table}.parquet").symlink_to(source_dir / f"{table}.parquet")
    return folder


def _mart_rows(connection: duckdb.DuckDBPyConnection, mart: str) -> list[tuple]:
    rows = connection.execute(f"select * from main_marts.{mart}").fetchall()
    normalised = [
        tuple(round(value, FLOAT_DECIMALS) if isinstance(value, float) else value for value in row)
        for row in rows
    ]
    return sorted(normalised, key=lambda row: tuple((value is None, str(value)) for value in row))


def _rows_match(actual: tuple, expected: tuple) -> bool:
    """Compare two rows, floats within a relative 1e-9 (absolute 1e-9 near zero)."""
    if len(actual) != len(expected):
        return False
    for left, right in zip(actual, expected, strict=True):
        if isinstance(left, float) and isinstance(right, float):
            if not math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-9):
                return False
        elif left != right:
            return False
    return True


@pytest.fixture(scope="module")
def full_build_marts(events_source, tmp_path_factory: pytest.TempPathFactory):
    source_dir, connection, _, _ = events_source
    base = tmp_path_factory.mktemp("full_build")
    data_dir = _data_folder(base, source_dir)
    _write_events(connection, "true", data_dir / "events.parquet")
    database_path = base / "full.duckdb"
    build_or_fail(run_dbt(database_path, data_dir, *BUILD_MODELS))
    with duckdb.connect(str(database_path), read_only=True) as built:
        return {mart: _mart_rows(built, mart) for mart in MARTS}


@pytest.fixture(scope="module", params=sorted(CUT_PATTERNS))
def incremental_build(request, events_source, tmp_path_factory: pytest.TempPathFactory):
    source_dir, connection, last_loaded_at, _ = events_source
    pattern = CUT_PATTERNS[request.param]
    base = tmp_path_factory.mktemp(f"incremental_{request.param}")
    data_dir = _data_folder(base, source_dir)
    database_path = base / "incremental.duckdb"
    events_path = data_dir / "events.parquet"

    if pattern["empty_first"]:
        _write_events(connection, "true", events_path)
        # Only the incremental models and their parents: the date spine of
        # int_account_weeks cannot be compiled on empty tables.
        empty_build = (*BUILD_MODELS, "--empty", "--select", "+config.materialized:incremental")
        build_or_fail(run_dbt(database_path, data_dir, *empty_build))
    for cut_hours in pattern["cuts_hours"]:
        cut = last_loaded_at + dt.timedelta(hours=cut_hours)
        # The future event has no receipt time; it comes with every batch.
        batch_filter = (
            f"loaded_at is null or loaded_at < '{cut.isoformat()}' "
            f"or event_id = '{FUTURE_EVENT_ID}'"
        )
        _write_events(connection, batch_filter, events_path)
        build_or_fail(run_dbt(database_path, data_dir, *BUILD_MODELS))
    _write_events(connection, "true", events_path)
    build_or_fail(run_dbt(database_path, data_dir, *BUILD_MODELS))
    tests = run_dbt(database_path, data_dir, "test", "--exclude", "test_type:unit")
    return database_path, tests


@pytest.mark.parametrize("mart", MARTS)
def test_incremental_mart_equals_full_build(incremental_build, full_build_marts, mart):
    database_path, _ = incremental_build
    with duckdb.connect(str(database_path), read_only=True) as built:
        rows = _mart_rows(built, mart)
    expected = full_build_marts[mart]
    assert len(rows) == len(expected)
    mismatches = [
        (actual, wanted)
        for actual, wanted in zip(rows, expected, strict=True)
        if not _rows_match(actual, wanted)
    ]
    assert not mismatches, f"{mart}: first differing rows {mismatches[:3]}"


def test_incremental_tables_pass_data_tests(incremental_build):
    _, tests = incremental_build
    build_or_fail(tests)


def test_late_event_accepted(incremental_build):
    database_path, _ = incremental_build
    with duckdb.connect(str(database_path), read_only=True) as built:
        accepted = built.execute(
            "select count(*) from main_intermediate.int_events_accepted where event_id = ?",
            [LATE_EVENT_ID],
        ).fetchone()[0]
    assert accepted == 1


def test_future_event_rejected(incremental_build):
    database_path, _ = incremental_build
    with duckdb.connect(str(database_path), read_only=True) as built:
        reasons = built.execute(
            "select rejection_reason from main_marts.dq_rejected_rows where record_id = ?",
            [FUTURE_EVENT_ID],
        ).fetchall()
    assert reasons == [("occurred_at in the future",)]


def test_later_copy_counted_as_duplicate(incremental_build, events_source):
    database_path, _ = incremental_build
    _, _, _, template_id = events_source
    with duckdb.connect(str(database_path), read_only=True) as built:
        copies = built.execute(
            "select is_duplicate, rejection_reason from main_intermediate.int_events_validated "
            "where event_id = ? order by received_at",
            [template_id],
        ).fetchall()
    assert copies == [(False, None), (True, None)]
