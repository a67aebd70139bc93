"""Prove that no observation feature reads an event on or after its observation date.

A small simulated data set is built twice with the same as-of date: once
whole, and once without any event or ticket from the cut date on. Every
observation up to the cut date must be identical in both builds, apart
from its labels, which are meant to read the later events.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from python_helpers.demo_data.simulate import SimulationConfig
from python_helpers.demo_data.write import write_dataset
from python_helpers.tests.dbt_build import build_or_fail, run_dbt

CONFIG = SimulationConfig(accounts=40, seed=5, start=dt.date(2025, 1, 6), months=6)
AS_OF_VARS = '{adoption__as_of_date: "2025-07-01"}'
CUT_DATE = dt.date(2025, 4, 7)
LABEL_COLUMNS = {
    "label_window_end_date",
    "is_censored",
    "is_activity_churn",
    "is_subscription_churn",
    "is_downgrade",
    "mrr_at_label_window_end",
}


def _truncate(source: Path, target: Path) -> None:
    """Copy the data set, keeping only events and tickets before CUT_DATE."""
    target.mkdir()
    for path in source.iterdir():
        shutil.copy(path, target / path.name)
    cut = dt.datetime.combine(CUT_DATE, dt.time())
    for name, column in (("events", "occurred_at"), ("support_tickets", "opened_at")):
        table = pq.read_table(source / f"{name}.parquet")
        values = table[column]
        keep = pc.or_kleene(pc.is_null(values), pc.less(values, pc.cast(cut, values.type)))
        pq.write_table(table.filter(keep), target / f"{name}.parquet")


def _observations(database: Path) -> dict[tuple, dict]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        frame = connection.execute(
            "select * from main_marts.fct_account_observations where observation_date <= ?",
            [CUT_DATE],
        ).df()
    finally:
        connection.close()
    frame = frame.drop(columns=sorted(LABEL_COLUMNS))
    frame["observation_date"] = frame["observation_date"].dt.date
    return {
        (row["account_id"], row["observation_date"]): row
        for row in frame.astype(object).where(frame.notna(), None).to_dict("records")
    }


@pytest.fixture(scope="module")
def data_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("leakage")
    write_dataset(CONFIG, folder / "whole")
    _truncate(folder / "whole", folder / "truncated")
    return folder


@pytest.fixture(scope="module")
def builds(data_folder: Path) -> tuple[dict, dict]:
    results = []
    for name in ("whole", "truncated"):
        database = data_folder / f"{name}.duckdb"
        # Unit tests are left out: some expect the as-of date the data gives.
        run = run_dbt(
            database,
            data_folder / name,
            "build",
            "--vars",
            AS_OF_VARS,
            "--exclude",
            "test_type:unit",
        )
        build_or_fail(run)
        results.append(_observations(database))
    return results[0], results[1]


def test_truncation_removed_later_events(data_folder: Path) -> None:
    # The comparison below only proves something when the whole data set has
    # events on and after the cut date.
    cut = dt.datetime.combine(CUT_DATE, dt.time())
    whole = pq.read_table(data_folder / "whole" / "events.parquet")["occurred_at"]
    truncated = pq.read_table(data_folder / "truncated" / "events.parquet")["occurred_at"]
    later_in_whole = pc.sum(pc.greater_equal(whole, pc.cast(cut, whole.type))).as_py()
    later_in_truncated = pc.sum(pc.greater_equal(truncated, pc.cast(cut, truncated.type))).as_py()
    assert later_in_whole > 1000
    assert later_in_truncated == 0


def test_same_observations_up_to_cut(builds: tuple[dict, dict]) -> None:
    whole, truncated = builds
    assert whole.keys() == truncated.keys()


def test_observations_on_cut_date_are_active(builds: tuple[dict, dict]) -> None:
    whole, _ = builds
    on_cut = [row for key, row in whole.items() if key[1] == CUT_DATE]
    assert sum(1 for row in on_cut if row["events_28d"] > 0) >= 10


def test_features_ignore_later_events(builds: tuple[dict, dict]) -> None:
    whole, truncated = builds
    differing = [key for key in whole if whole[key] != truncated[key]]
    assert differing == []
