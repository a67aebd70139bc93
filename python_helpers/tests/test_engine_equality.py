"""Build the hand-made fixture on DuckDB, Spark and PostgreSQL and compare every mart.

Each engine runs `dbt build` on the whole project, so every data test and
unit test runs there too. Every mart is then read from each engine, sorted
by its key and compared row by row with DuckDB's, the default engine. Numbers
match when they differ by at most 1e-9 relative to the larger one, or by
1e-12 near zero (math.isclose). Dates and timestamps are compared as UTC
text. Spark needs Java and pyspark, PostgreSQL its server binaries;
without them, that engine's tests are skipped with the reason.

Two inputs are compared. The hand-made fixture holds the edge cases (time
zone offsets, rejected rows, unknown events) but leaves some marts empty,
such as the validation marts, which need months of outcomes. A 40-account
demo product (python_helpers.demo_data, fixed seed, written as CSV for
PostgreSQL's COPY) fills every mart. On PostgreSQL, whose event models are
incremental (delete+insert), the demo's events are also loaded in two runs
and the marts compared with DuckDB's full build.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from python_helpers.tests import engines
from python_helpers.tests.dbt_build import PROJECT_DIR, build_or_fail, run_dbt

FIXTURE_DIR = PROJECT_DIR / "tests" / "input_data" / "tiny"
# The demo product's size and seed for the second input. The generator writes
# the same files for the same arguments and library versions.
DEMO_ACCOUNTS = 40
DEMO_SEED = 7
INPUT_NAMES = ["tiny", "demo"]
# Load time that splits the demo's events into two PostgreSQL runs, the
# second one incremental.
INCREMENTAL_CUT = "2026-03-01"
MARTS_DIR = PROJECT_DIR / "models" / "marts"
REL_TOLERANCE = 1e-9
ABS_TOLERANCE = 1e-12
# The schema each profile output builds into; marts go to <schema>_marts.
SCHEMA_BY_TARGET = {"duckdb": "main", "spark": "adoption", "postgres": "adoption"}

# The key that makes each mart's rows unique, to sort them by: the grain
# its YAML entry states and tests.
MART_KEYS = {
    "dim_accounts": ["account_id"],
    "dq_rejected_rows": ["rejected_row_id"],
    "dq_row_counts": ["source_table"],
    "dq_unknown_event_names": ["event_name"],
    "fct_account_health_drivers": ["account_id", "week_start_date", "measure_name"],
    "fct_account_health_weekly": ["account_id", "week_start_date"],
    "fct_account_lifecycle_weekly": ["account_id", "week_start_date"],
    "fct_account_observations": ["account_id", "observation_date"],
    "fct_account_stage_transitions": ["week_start_date", "from_stage", "to_stage"],
    "fct_account_stages_weekly": ["account_id", "week_start_date"],
    "fct_account_stickiness_weekly": ["account_id", "week_start_date"],
    "fct_adoption_funnel": ["cohort_month", "journey_stage"],
    "fct_cohort_retention": ["cohort_month", "months_since_signup"],
    "fct_friction_points": ["period_start_date", "feature", "friction_kind"],
    "fct_friction_points_by_segment": [
        "period_start_date",
        "feature",
        "friction_kind",
        "dimension_name",
        "dimension_value",
    ],
    "fct_friction_priorities": ["feature", "friction_kind"],
    "fct_funnel_roadblocks": ["cohort_month", "journey_stage", "feature", "friction_kind"],
    "fct_health_score_validation": ["observation_date", "label_name"],
    "fct_leading_indicators": ["label_name", "metric_name"],
    "fct_lifecycle_weekly_summary": ["actor_type", "week_start_date"],
    "fct_upsell_candidates": ["account_id", "week_start_date"],
    "fct_user_active_days_histogram": ["account_id", "week_start_date", "active_days_28d"],
    "fct_user_lifecycle_weekly": ["user_id", "week_start_date"],
}
ALL_MARTS = sorted(path.stem for path in MARTS_DIR.rglob("*.sql"))
MARTS = sorted(MART_KEYS)


def marts_schema(target: str) -> str:
    return f"{SCHEMA_BY_TARGET[target]}_marts"


@pytest.fixture(scope="module")
def input_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the folder of each compared input, generating the demo product."""
    demo_dir = tmp_path_factory.mktemp("demo_input")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "python_helpers.demo_data",
            "--out",
            str(demo_dir),
            "--accounts",
            str(DEMO_ACCOUNTS),
            "--seed",
            str(DEMO_SEED),
            "--format",
            "csv",
        ],
        cwd=PROJECT_DIR,
        check=True,
        capture_output=True,
        text=True,
    )
    return {"tiny": FIXTURE_DIR, "demo": demo_dir}


@pytest.fixture(scope="module", params=INPUT_NAMES)
def input_name(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def duckdb_marts(
    input_dirs, input_name, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, engines.Table]:
    database_path = tmp_path_factory.mktemp("duckdb") / f"{input_name}.duckdb"
    build_or_fail(run_dbt(database_path, input_dirs[input_name], "build"))
    return engines.read_duckdb_tables(database_path, marts_schema("duckdb"), MARTS)


@pytest.fixture(scope="module")
def postgres(input_dirs):
    """Yield a private cluster and the copies of the inputs that its server reads."""
    reason = engines.postgres_missing_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    with engines.postgres_cluster(input_dirs) as (cluster, copies):
        yield cluster, copies


@pytest.fixture(scope="module")
def postgres_marts(
    postgres, input_name, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, engines.Table]:
    cluster, copies = postgres
    # Each input gets its own database, because a build into a database that
    # contains another input's incremental tables would add to them.
    dbname = f"compare_{input_name}"
    cluster.execute(f"create database {dbname}")
    build_dir = tmp_path_factory.mktemp("postgres")
    run = run_dbt(
        build_dir / "unused.duckdb",
        copies[input_name],
        "build",
        target="postgres",
        extra_env={**cluster.dbt_env(), "ADOPTION_POSTGRES_DBNAME": dbname},
    )
    build_or_fail(run)
    return engines.read_postgres_tables(cluster, marts_schema("postgres"), MARTS, dbname)


@pytest.fixture(scope="module")
def spark_ready() -> None:
    reason = engines.spark_missing_reason()
    if reason:
        pytest.skip(f"Spark tests skipped: {reason}")


@pytest.fixture(scope="module")
def spark_marts(
    spark_ready, input_dirs, input_name, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, engines.Table]:
    build_dir = tmp_path_factory.mktemp("spark")
    run = run_dbt(
        build_dir / "unused.duckdb",
        input_dirs[input_name],
        "build",
        target="spark",
        extra_env=engines.spark_dbt_env(build_dir),
    )
    build_or_fail(run)
    return engines.read_spark_tables(build_dir, marts_schema("spark"), MARTS)


def sorted_rows(table: engines.Table, key: list[str]) -> list[dict[str, object]]:
    """Return the rows as dicts of normalised values, sorted by the key columns."""
    columns = [column.lower() for column in table.columns]
    rows = [
        dict(zip(columns, (engines.normalize(value) for value in row), strict=True))
        for row in table.rows
    ]
    # Nulls sort last. The empty text replaces them in the sort key, so a null
    # is never compared with a value.
    return sorted(
        rows,
        key=lambda row: tuple((row[k] is None, "" if row[k] is None else row[k]) for k in key),
    )


def values_match(expected: object, actual: object) -> bool:
    if type(expected) is not type(actual):
        return False
    if isinstance(expected, float):
        return math.isclose(expected, actual, rel_tol=REL_TOLERANCE, abs_tol=ABS_TOLERANCE)
    return expected == actual


def differences(mart: str, expected: engines.Table, actual: engines.Table) -> list[str]:
    """List how actual differs from expected: columns, row count, then cell by cell."""
    key = MART_KEYS[mart]
    expected_rows = sorted_rows(expected, key)
    actual_rows = sorted_rows(actual, key)
    expected_columns = [column.lower() for column in expected.columns]
    actual_columns = [column.lower() for column in actual.columns]
    if expected_columns != actual_columns:
        return [f"columns differ: {expected_columns} != {actual_columns}"]
    if len(expected_rows) != len(actual_rows):
        return [f"row counts differ: {len(expected_rows)} != {len(actual_rows)}"]
    found = []
    for expected_row, actual_row in zip(expected_rows, actual_rows, strict=True):
        row_key = {k: expected_row[k] for k in key}
        for column in expected_columns:
            if not values_match(expected_row[column], actual_row[column]):
                found.append(
                    f"{row_key} {column}: expected {expected_row[column]!r}, "
                    f"got {actual_row[column]!r}"
                )
    return found


def test_every_mart_compared():
    assert MARTS == ALL_MARTS


@pytest.mark.parametrize("input_name", ["demo"], indirect=True)
@pytest.mark.parametrize("mart", MARTS)
def test_demo_mart_not_empty(duckdb_marts, mart):
    assert duckdb_marts[mart].rows, f"{mart} is empty on DuckDB, so the comparison proves little"


@pytest.mark.parametrize("mart", MARTS)
def test_postgres_mart_equals_duckdb(duckdb_marts, postgres_marts, mart):
    found = differences(mart, duckdb_marts[mart], postgres_marts[mart])
    assert not found, f"{mart} on PostgreSQL differs from DuckDB:\n" + "\n".join(found[:20])


@pytest.mark.parametrize("mart", MARTS)
def test_spark_mart_equals_duckdb(duckdb_marts, spark_marts, mart):
    found = differences(mart, duckdb_marts[mart], spark_marts[mart])
    assert not found, f"{mart} on Spark differs from DuckDB:\n" + "\n".join(found[:20])


def build_row_counts(cluster: engines.PostgresCluster, input_dir: Path, tmp_path: Path):
    """Build the models behind dq_row_counts on PostgreSQL and return that run."""
    return run_dbt(
        tmp_path / "unused.duckdb",
        input_dir,
        "build",
        "--select",
        "+dq_row_counts",
        # Leaves out the tests that also read models not selected.
        "--indirect-selection",
        "cautious",
        target="postgres",
        extra_env=cluster.dbt_env(),
    )


def test_postgres_second_build_reloads_inputs(postgres, tmp_path):
    cluster, copies = postgres
    counts = []
    for _ in range(2):
        build_or_fail(build_row_counts(cluster, copies["tiny"], tmp_path))
        rows = engines.read_postgres_tables(cluster, marts_schema("postgres"), ["dq_row_counts"])
        counts.append(sorted(rows["dq_row_counts"].rows))
    assert counts[0], "dq_row_counts is empty after the first build"
    assert counts[1] == counts[0]


def test_postgres_new_input_column_replaces_table(postgres, tmp_path):
    cluster, copies = postgres
    build_or_fail(build_row_counts(cluster, copies["tiny"], tmp_path))
    changed_dir = cluster.add_input(copies["tiny"], "tiny_with_new_column")
    tickets = changed_dir / "support_tickets.csv"
    lines = tickets.read_text(encoding="utf-8").splitlines()
    widened = [lines[0] + ",channel"] + [line + ",email" for line in lines[1:]]
    tickets.write_text("\n".join(widened) + "\n", encoding="utf-8")
    run = build_row_counts(cluster, changed_dir, tmp_path)
    build_or_fail(run)
    assert "replacing the table of an earlier run" in run.output


def write_first_run_events(source: Path, target: Path) -> tuple[int, int]:
    """Copy the events loaded before INCREMENTAL_CUT, and return their count and the total."""
    with source.open(newline="", encoding="utf-8") as reader:
        rows = list(csv.reader(reader))
    header, events = rows[0], rows[1:]
    received = header.index("received_at")
    occurred = header.index("occurred_at")
    first = [row for row in events if (row[received] or row[occurred]) < INCREMENTAL_CUT]
    with target.open("w", newline="", encoding="utf-8") as writer:
        csv.writer(writer).writerows([header, *first])
    return len(first), len(events)


@pytest.mark.parametrize("input_name", ["demo"], indirect=True)
def test_postgres_incremental_run_equals_full_build(postgres, duckdb_marts, tmp_path):
    cluster, copies = postgres
    first_dir = cluster.add_input(copies["demo"], "demo_first_run")
    first_count, total = write_first_run_events(
        copies["demo"] / "events.csv", first_dir / "events.csv"
    )
    assert 0 < first_count < total
    dbname = "incremental_demo"
    cluster.execute(f"create database {dbname}")
    env = {**cluster.dbt_env(), "ADOPTION_POSTGRES_DBNAME": dbname}
    for input_dir in (first_dir, copies["demo"]):
        run = run_dbt(
            tmp_path / "unused.duckdb", input_dir, "build", target="postgres", extra_env=env
        )
        build_or_fail(run)
    marts = engines.read_postgres_tables(cluster, marts_schema("postgres"), MARTS, dbname)
    found = {}
    for mart in MARTS:
        lines = differences(mart, duckdb_marts[mart], marts[mart])
        if lines:
            found[mart] = lines[:5]
    assert not found, f"incremental PostgreSQL marts differ from DuckDB's full build: {found}"


def test_postgres_missing_input_names_the_fix(postgres, tmp_path):
    cluster, copies = postgres
    run = run_dbt(
        tmp_path / "unused.duckdb",
        copies["tiny"].parent / "no_such_folder",
        "build",
        target="postgres",
        extra_env=cluster.dbt_env(),
    )
    assert run.returncode != 0
    assert "Missing input file for 'events'" in run.output
    assert "ADOPTION_DATA_DIR" in run.output


def test_postgres_relative_input_folder_rejected(postgres, tmp_path):
    cluster, _ = postgres
    run = run_dbt(
        tmp_path / "unused.duckdb",
        Path("tests/input_data/tiny"),
        "build",
        target="postgres",
        extra_env=cluster.dbt_env(),
    )
    assert run.returncode != 0
    assert "must be an absolute path" in run.output


def test_postgres_keeps_tables_it_did_not_load(postgres, tmp_path):
    cluster, copies = postgres
    cluster.execute("create database loaded_by_hand")
    cluster.execute("create schema raw", dbname="loaded_by_hand")
    cluster.execute("create table raw.events (event_id text)", dbname="loaded_by_hand")
    run = run_dbt(
        tmp_path / "unused.duckdb",
        copies["tiny"],
        "build",
        target="postgres",
        extra_env={**cluster.dbt_env(), "ADOPTION_POSTGRES_DBNAME": "loaded_by_hand"},
    )
    assert run.returncode != 0
    assert "Table raw.events holds loaded data" in run.output
    assert "adoption__read_input_files" in run.output


def test_spark_missing_input_names_the_fix(spark_ready, tmp_path):
    run = run_dbt(
        tmp_path / "unused.duckdb",
        tmp_path / "no_such_folder",
        "build",
        target="spark",
        extra_env=engines.spark_dbt_env(tmp_path),
    )
    assert run.returncode != 0
    assert "Missing input file for 'events'" in run.output
    assert "ADOPTION_DATA_DIR" in run.output


def test_normalize_maps_driver_values():
    plus_two = dt.timezone(dt.timedelta(hours=2))
    assert engines.normalize(Decimal("2")) == 2.0
    assert engines.normalize(3) == 3.0
    assert engines.normalize(True) is True
    assert engines.normalize(dt.date(2025, 2, 10)) == "2025-02-10"
    assert engines.normalize(dt.datetime(2025, 2, 16, 23)) == "2025-02-16 23:00:00.000000"
    assert engines.normalize(dt.datetime(2025, 2, 17, 1, tzinfo=plus_two)) == (
        "2025-02-16 23:00:00.000000"
    )


def test_values_match_tolerance_and_types():
    assert values_match(50.45, 50.45 * (1 + 1e-12))
    assert not values_match(50.45, 50.46)
    assert values_match(0.0, 1e-15)
    assert not values_match(True, 1.0)
    assert values_match(None, None)
