"""Tests of the demo data generator in python_helpers.demo_data."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest

from python_helpers.demo_data.__main__ import main
from python_helpers.demo_data.catalog import (
    CATALOG_COLUMNS,
    EVENT_CATALOG,
    EVENT_NAMES,
    FLOW_STEPS,
    JOURNEY_STAGES,
    OUTCOMES,
    SIGNALS,
    UNCATALOGUED_EVENT_NAMES,
    write_event_catalog,
)
from python_helpers.demo_data.contract import SCHEMAS
from python_helpers.demo_data.simulate import SimulationConfig
from python_helpers.demo_data.write import write_dataset

REPO_ROOT = Path(__file__).resolve().parents[2]
TINY = SimulationConfig(accounts=12, seed=3, start=dt.date(2025, 1, 6), months=4)
# The size of the bundled demo data. The churn comparison needs this many accounts.
DEMO = SimulationConfig(accounts=250, seed=7, start=dt.date(2025, 1, 6), months=18)


def _read(folder: Path, name: str) -> pa.Table:
    return pq.read_table(folder / f"{name}.parquet")


def _bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny")
    write_dataset(TINY, folder)
    return folder


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    write_dataset(DEMO, folder)
    return folder


@pytest.fixture(scope="module")
def demo_effects(demo_dir: Path) -> dict:
    return json.loads((demo_dir / "planted_effects.json").read_text())


# --- Determinism ---------------------------------------------------------------


def test_same_seed_same_bytes(tiny_dir: Path, tmp_path: Path) -> None:
    # Given a dataset written with the tiny configuration
    # When the same configuration is written again
    write_dataset(TINY, tmp_path)

    # Then every file has the same bytes
    assert _bytes(tmp_path) == _bytes(tiny_dir)


def test_other_seed_other_events(tiny_dir: Path, tmp_path: Path) -> None:
    # Given a dataset written with the tiny configuration
    # When only the seed changes
    other = SimulationConfig(accounts=TINY.accounts, seed=TINY.seed + 1, months=TINY.months)
    write_dataset(other, tmp_path)

    # Then the events differ
    assert _bytes(tmp_path)["events.parquet"] != _bytes(tiny_dir)["events.parquet"]


# --- Files and types -------------------------------------------------------------


def test_output_files(tiny_dir: Path) -> None:
    # Given the tiny dataset
    # Then the folder contains exactly the contract files and the ground truth
    names = sorted(path.name for path in tiny_dir.iterdir())
    expected = sorted([f"{name}.parquet" for name in SCHEMAS] + ["planted_effects.json"])
    assert names == expected


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_parquet_schema(tiny_dir: Path, name: str) -> None:
    # Given a Parquet file of the tiny dataset
    # When its schema is read
    schema = pq.read_schema(tiny_dir / f"{name}.parquet")

    # Then the column names and types are those of the contract
    assert schema.names == SCHEMAS[name].names
    assert schema.types == SCHEMAS[name].types


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_tables_not_empty(tiny_dir: Path, name: str) -> None:
    # Given a table of the tiny dataset
    # Then it has rows
    assert _read(tiny_dir, name).num_rows > 0


def test_csv_format(tmp_path: Path) -> None:
    # Given a tiny configuration
    config = SimulationConfig(accounts=3, seed=1, months=2)

    # When it is written as CSV
    write_dataset(config, tmp_path, file_format="csv")

    # Then each CSV has the contract header and parses with the contract types
    for name, schema in SCHEMAS.items():
        path = tmp_path / f"{name}.csv"
        with path.open(newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header == schema.names, name
        options = pa_csv.ConvertOptions(column_types=schema, strings_can_be_null=True)
        table = pa_csv.read_csv(path, convert_options=options)
        # Three accounts over two months may open no support ticket.
        if name != "support_tickets":
            assert table.num_rows > 0, name


def test_csv_matches_parquet(tmp_path: Path) -> None:
    # Given one configuration written in both formats
    config = SimulationConfig(accounts=3, seed=1, months=2)
    write_dataset(config, tmp_path / "parquet")
    write_dataset(config, tmp_path / "csv", file_format="csv")

    # When the CSV events are read with the contract types
    options = pa_csv.ConvertOptions(column_types=SCHEMAS["events"], strings_can_be_null=True)
    from_csv = pa_csv.read_csv(tmp_path / "csv" / "events.csv", convert_options=options)

    # Then they equal the Parquet events
    assert from_csv.equals(_read(tmp_path / "parquet", "events"))


# --- Referential checks ----------------------------------------------------------


def test_event_users_exist(tiny_dir: Path) -> None:
    # Given the tiny dataset and its planted unknown users
    events = _read(tiny_dir, "events")
    known = set(_read(tiny_dir, "users").column("user_id").to_pylist())
    effects = json.loads((tiny_dir / "planted_effects.json").read_text())

    # When the event users missing from users are collected
    missing = [user for user in events.column("user_id").to_pylist() if user not in known]

    # Then they are exactly the planted unknown users and rows
    assert set(missing) == set(effects["unknown_user_ids"])
    assert len(missing) == effects["data_quality"]["unknown_user_id"]


def test_event_accounts_exist(tiny_dir: Path) -> None:
    # Given the tiny dataset
    account_ids = set(_read(tiny_dir, "accounts").column("account_id").to_pylist())
    events = _read(tiny_dir, "events").column("account_id").drop_null()

    # Then every non-null event account is an account
    assert set(events.to_pylist()) <= account_ids


def test_event_names_in_catalog(tiny_dir: Path) -> None:
    # Given the tiny dataset
    names = set(pc.unique(_read(tiny_dir, "events").column("event_name")).to_pylist())

    # Then every event name is in the catalog or a planted uncatalogued name
    assert names <= set(EVENT_NAMES) | set(UNCATALOGUED_EVENT_NAMES)


def test_internal_users_flagged(tiny_dir: Path) -> None:
    # Given the users of the tiny dataset
    users = _read(tiny_dir, "users").to_pylist()

    # Then internal users are exactly the users of the vendor's domain
    for user in users:
        assert user["is_internal"] == user["email"].endswith("@launchpad.example"), user
    # And every email uses a reserved .example domain
    assert all(user["email"].endswith(".example") for user in users)


def test_timestamps_inside_period(tiny_dir: Path) -> None:
    # Given the events of the tiny dataset and the first day after the period
    events = _read(tiny_dir, "events")
    start = dt.datetime(2025, 1, 6)
    end = dt.datetime.combine(TINY.end, dt.time())

    # Then every receipt falls inside the period
    received = events.column("received_at")
    assert pc.min(received).as_py() >= start
    assert pc.max(received).as_py() < end


def test_planted_counts_match_rows(tiny_dir: Path) -> None:
    # Given the tiny dataset and its planted counts
    events = _read(tiny_dir, "events")
    counts = json.loads((tiny_dir / "planted_effects.json").read_text())["data_quality"]
    ids = events.column("event_id")

    # Then the null ids, null times and duplicate deliveries are those counted
    assert ids.null_count == counts["null_event_id"]
    assert events.column("occurred_at").null_count == counts["null_occurred_at"]
    duplicates = len(ids.drop_null()) - len(pc.unique(ids.drop_null()))
    assert duplicates == counts["duplicate_deliveries"]


def test_future_events_planted(tiny_dir: Path) -> None:
    # Given the tiny dataset and its planted counts
    events = _read(tiny_dir, "events")
    counts = json.loads((tiny_dir / "planted_effects.json").read_text())["data_quality"]

    # When events more than a year ahead of their receipt are counted
    ahead = pc.greater(
        events.column("occurred_at"),
        pc.add(events.column("received_at"), pa.scalar(dt.timedelta(days=365))),
    )

    # Then they are the planted future events
    assert pc.sum(ahead).as_py() == counts["future_occurred_at"]


# --- Subscriptions ---------------------------------------------------------------


def test_subscriptions_ordered(demo_dir: Path) -> None:
    # Given the subscriptions of the demo dataset, one list per account
    rows = _read(demo_dir, "subscriptions").sort_by([("account_id", "ascending")]).to_pylist()
    by_account: dict[str, list[dict]] = {}
    for row in rows:
        by_account.setdefault(row["account_id"], []).append(row)

    for account, periods in by_account.items():
        periods.sort(key=lambda row: row["started_on"])
        for period in periods:
            # Then no period ends before it starts
            if period["ended_on"] is not None:
                assert period["ended_on"] >= period["started_on"], account
        # And each period starts no earlier than the previous one ends
        # (ended_on is exclusive: the next period starts on that day)
        for previous, current in zip(periods, periods[1:], strict=False):
            assert previous["ended_on"] is not None, account
            assert current["started_on"] >= previous["ended_on"], account


def test_accounts_match_last_subscription(demo_dir: Path) -> None:
    # Given the accounts and subscriptions of the demo dataset
    accounts = {row["account_id"]: row for row in _read(demo_dir, "accounts").to_pylist()}
    last: dict[str, dict] = {}
    for row in _read(demo_dir, "subscriptions").to_pylist():
        current = last.get(row["account_id"])
        if current is None or row["started_on"] > current["started_on"]:
            last[row["account_id"]] = row

    # Then each account shows the plan, seats and ARR of its last subscription
    for account_id, account in accounts.items():
        subscription = last[account_id]
        assert account["plan"] == subscription["plan"], account_id
        assert account["seats_purchased"] == subscription["seats"], account_id
        assert account["arr"] == pytest.approx(subscription["mrr"] * 12), account_id


# --- Planted effects -------------------------------------------------------------


def _churned_accounts(folder: Path) -> set[str]:
    subscriptions = _read(folder, "subscriptions")
    active = pc.is_null(subscriptions.column("ended_on"))
    all_accounts = set(subscriptions.column("account_id").to_pylist())
    active_accounts = set(subscriptions.filter(active).column("account_id").to_pylist())
    return all_accounts - active_accounts


def test_friction_group_recorded(demo_effects: dict) -> None:
    # Given the ground truth of the demo dataset
    friction = demo_effects["friction"]

    # Then the friction group is the calendar sync group and large enough to rank
    assert friction["feature"] == "calendar_sync"
    assert friction["event_names"] == ["calendar_sync_failed"]
    assert len(friction["account_ids"]) >= 30


def test_friction_failure_rate(demo_dir: Path, demo_effects: dict) -> None:
    # Given the calendar sync events of the demo dataset and the friction group
    group = set(demo_effects["friction"]["account_ids"])
    events = _read(demo_dir, "events")
    names = pa.array(["calendar_sync_succeeded", "calendar_sync_failed"])
    syncs = events.filter(pc.is_in(events.column("event_name"), names))
    syncs = syncs.select(["account_id", "event_name"]).to_pylist()

    # When the failure share is computed inside and outside the group
    outcomes = {True: [0, 0], False: [0, 0]}
    for row in syncs:
        outcomes[row["account_id"] in group][row["event_name"] == "calendar_sync_failed"] += 1
    group_rate = outcomes[True][1] / sum(outcomes[True])
    other_rate = outcomes[False][1] / sum(outcomes[False])

    # Then the group fails far more often
    assert group_rate > 0.3
    assert other_rate < 0.05


def test_friction_churn_rate(demo_dir: Path, demo_effects: dict) -> None:
    # Given the churned accounts of the demo dataset and the friction group
    group = set(demo_effects["friction"]["account_ids"])
    churned = _churned_accounts(demo_dir)
    accounts = set(_read(demo_dir, "accounts").column("account_id").to_pylist())
    others = accounts - group

    # When the churn rates are compared
    group_rate = len(churned & group) / len(group)
    other_rate = len(churned & others) / len(others)

    # Then the group churns clearly more often
    assert group_rate > 1.5 * other_rate


def test_friction_ranks_first(demo_dir: Path, demo_effects: dict) -> None:
    # Given the demo failure events and the churned accounts
    failure_feature = {
        event.event_name: event.feature for event in EVENT_CATALOG if event.outcome == "failure"
    }
    events = _read(demo_dir, "events")
    events = events.filter(pc.is_in(events.column("event_name"), pa.array(list(failure_feature))))
    events = events.select(["user_id", "account_id", "event_name"]).to_pylist()
    users = {row["user_id"]: row["account_id"] for row in _read(demo_dir, "users").to_pylist()}
    churned = _churned_accounts(demo_dir)
    accounts = set(_read(demo_dir, "accounts").column("account_id").to_pylist())

    # When each feature with failures is scored by accounts touched times churn lift
    touched: dict[str, set[str]] = {feature: set() for feature in failure_feature.values()}
    for row in events:
        feature = failure_feature.get(row["event_name"])
        account = row["account_id"] or users.get(row["user_id"])
        if feature and account:
            touched[feature].add(account)
    base_rate = len(churned) / len(accounts)
    scores = {}
    for feature, hit in touched.items():
        lift = (len(churned & hit) / len(hit)) / base_rate if hit else 0.0
        scores[feature] = len(hit) * lift
    ranking = sorted(scores, key=scores.get, reverse=True)

    # Then the planted feature ranks first, well ahead of the second
    assert ranking[0] == demo_effects["friction"]["feature"]
    assert scores[ranking[0]] > 1.5 * scores[ranking[1]]


def test_accelerators_recorded(demo_effects: dict) -> None:
    # Given the ground truth of the demo dataset
    accelerators = {item["measure"]: item for item in demo_effects["accelerators"]}

    # Then collaboration and key actions per user are recorded as lowering churn
    for measure in ("collaboration_events_per_active_user", "key_actions_per_active_user"):
        assert accelerators[measure]["effect_on_churn"] == "lowers"
        assert accelerators[measure]["log_hazard_coefficient"] < 0


def test_planted_rows_present(demo_effects: dict) -> None:
    # Given the ground truth of the demo dataset
    counts = demo_effects["data_quality"]

    # Then every kind of planted row occurs, and duplicates are about 0.5 %
    for kind in (
        "null_event_id",
        "null_occurred_at",
        "future_occurred_at",
        "unknown_user_id",
        "uncatalogued_event_name",
        "internal_user_events",
    ):
        assert counts[kind] > 0, kind
    share = counts["duplicate_deliveries"] / demo_effects["row_counts"]["events"]
    assert 0.003 < share < 0.007


# --- Event catalog ---------------------------------------------------------------


def test_catalog_seed_current(tmp_path: Path) -> None:
    # Given the catalog seed in the repository
    seed = REPO_ROOT / "seeds" / "event_catalog_demo.csv"

    # When the catalog is written from the code
    write_event_catalog(tmp_path / "catalog.csv")

    # Then the seed is identical
    assert seed.read_text(encoding="utf-8") == (tmp_path / "catalog.csv").read_text(
        encoding="utf-8"
    )


def test_catalog_values() -> None:
    # Given the catalog
    names = [event.event_name for event in EVENT_CATALOG]

    # Then names are unique and every column uses its allowed values
    assert len(names) == len(set(names))
    assert 30 <= len(names) <= 40
    for event in EVENT_CATALOG:
        assert event.journey_stage in JOURNEY_STAGES, event
        assert event.signal in SIGNALS, event
        assert event.outcome in OUTCOMES, event
        assert event.flow_step in FLOW_STEPS, event
        assert bool(event.flow_step) <= bool(event.flow_name), event
    assert tuple(EVENT_CATALOG[0]._fields) == CATALOG_COLUMNS


# --- Command line ----------------------------------------------------------------


def test_cli_writes_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given tiny arguments
    argv = ["--out", str(tmp_path), "--accounts", "3", "--months", "2", "--format", "csv"]

    # When the command line runs
    code = main(argv)

    # Then it succeeds, writes every file and lists them on stdout
    assert code == 0
    for name in SCHEMAS:
        assert (tmp_path / f"{name}.csv").exists(), name
    assert "events\t" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--accounts", "0"], "out of range"),
        (["--accounts", "many"], "invalid integer"),
        (["--start", "2025-01-07"], "must be a Monday, such as 2025-01-06"),
        (["--start", "2025-13-01"], "invalid date"),
        (["--months", "0"], "out of range"),
        (["--format", "xlsx"], "invalid choice"),
    ],
)
def test_cli_rejects_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    # Given an invalid argument
    argv = ["--out", str(tmp_path), *arguments]

    # When the command line runs
    code = main(argv)

    # Then it returns the usage error code, prints the reason and writes nothing
    assert code == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_cli_requires_out(capsys: pytest.CaptureFixture[str]) -> None:
    # When the command line runs without --out
    code = main([])

    # Then it returns the usage error code and names the missing option
    assert code == 2
    assert "--out" in capsys.readouterr().err
