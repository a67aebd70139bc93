"""Tests of the calibration helper on small synthetic databases.

Each database has the three tables the helper reads, with known effects:
`engagement` lowers churn as its accelerator signal declares, `engagement_copy`
is the same behaviour counted twice, `friction` raises churn as its
decelerator signal declares, `misdeclared` raises churn although it is declared
an accelerator, and `silence` is constant.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from python_helpers.calibrate.__main__ import main
from python_helpers.calibrate.calibration import health_score, split_by_time
from python_helpers.calibrate.metrics import calibration_table, top_share_lift
from python_helpers.calibrate.scoring import MeasureScale, group_correlated

ACCOUNTS = 150
WEEKS = 40
FIRST_OBSERVATION = dt.date(2025, 1, 6)
WINDOW_DAYS = 28
SEED_ROWS = [
    ("engagement", "accelerator"),
    ("engagement_copy", "accelerator"),
    ("friction", "decelerator"),
    ("misdeclared", "accelerator"),
    ("silence", "decelerator"),
]


def _synthetic_frames(
    rng: np.random.Generator, churn_rate_shift: float = 0.0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = []
    for account in range(ACCOUNTS):
        level = rng.normal()
        for week in range(WEEKS):
            engagement = float(np.exp(1.5 + 0.8 * level + 0.3 * rng.normal()))
            friction = float(rng.poisson(1.0))
            misdeclared = float(rng.uniform(0, 10))
            log_odds = (
                -2.5
                + churn_rate_shift
                - 1.2 * (np.log1p(engagement) - 1.7)
                + 0.6 * friction
                + 0.25 * misdeclared
                - 1.25
            )
            observation_date = FIRST_OBSERVATION + dt.timedelta(weeks=week)
            rows.append(
                {
                    "account_id": f"a{account:03d}",
                    "week_start_date": observation_date - dt.timedelta(days=7),
                    "observation_date": observation_date,
                    "label_window_end_date": observation_date + dt.timedelta(days=WINDOW_DAYS),
                    "is_censored": False,
                    "is_activity_churn": bool(rng.random() < 1 / (1 + np.exp(-log_odds))),
                    "is_subscription_churn": None,
                    "is_downgrade": None,
                    "health_score": float(rng.uniform(0, 100)),
                    "active_days_28d": int(rng.integers(0, 29)),
                    "active_users_28d": int(rng.integers(1, 6)),
                    "events_28d": int(rng.integers(0, 500)),
                    "engagement": engagement,
                    "engagement_copy": 2 * engagement,
                    "friction": friction,
                    "misdeclared": misdeclared,
                    "silence": 0.0,
                }
            )
    frame = pd.DataFrame(rows)
    measure_names = [name for name, _ in SEED_ROWS]
    drivers = frame.melt(
        id_vars=["account_id", "week_start_date"],
        value_vars=measure_names,
        var_name="measure_name",
        value_name="measure_value",
    )
    observations = frame.drop(columns=measure_names)
    return observations, drivers


def _write_database(path: Path, observations: pd.DataFrame, drivers: pd.DataFrame) -> Path:
    seed = pd.DataFrame(
        {
            "measure_name": [name for name, _ in SEED_ROWS],
            "signal": [signal for _, signal in SEED_ROWS],
            "weight": [0.2] * len(SEED_ROWS),
            "saturation_value": [10.0] * len(SEED_ROWS),
            "transform": ["linear"] * len(SEED_ROWS),
            "weight_source": ["default"] * len(SEED_ROWS),
        }
    )
    connection = duckdb.connect(str(path))
    connection.execute("create schema main_marts")
    connection.execute("create schema main_reference")
    connection.register("observations_frame", observations)
    connection.register("drivers_frame", drivers)
    connection.register("seed_frame", seed)
    connection.execute(
        "create table main_marts.fct_account_observations as select * from observations_frame"
    )
    connection.execute(
        "create table main_marts.fct_account_health_drivers as select * from drivers_frame"
    )
    connection.execute(
        "create table main_reference.health_score_weights as select * from seed_frame"
    )
    connection.close()
    return path


@pytest.fixture(scope="module")
def synthetic_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    observations, drivers = _synthetic_frames(np.random.default_rng(11))
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.duckdb"
    return _write_database(path, observations, drivers)


@pytest.fixture(scope="module")
def calibrated(synthetic_database: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("calibrated")
    exit_code = main(
        [
            "--database",
            str(synthetic_database),
            "--output-seed",
            str(out / "weights.csv"),
            "--report-dir",
            str(out / "report"),
            "--holdout-weeks",
            "10",
            "--fitted-at",
            "2026-01-05T08:00:00Z",
        ]
    )
    with (out / "weights.csv").open(newline="") as handle:
        seed = {row["measure_name"]: row for row in csv.DictReader(handle)}
    report = json.loads((out / "report" / "calibration_report.json").read_text())
    return {"exit_code": exit_code, "seed": seed, "report": report, "out": out}


def _args(database: Path, out: Path, *extra: str) -> list[str]:
    return [
        "--database",
        str(database),
        "--output-seed",
        str(out / "weights.csv"),
        "--report-dir",
        str(out / "report"),
        "--holdout-weeks",
        "10",
        "--fitted-at",
        "2026-01-05T08:00:00Z",
        *extra,
    ]


# --- End to end on the synthetic database ---------------------------------------------


def test_calibration_succeeds(calibrated: dict) -> None:
    assert calibrated["exit_code"] == 0


def test_seed_weights_sum_to_one(calibrated: dict) -> None:
    # Given the written seed
    weights = [float(row["weight"]) for row in calibrated["seed"].values()]

    # Then the six-decimal weights add up to exactly 1
    assert round(sum(weights), 6) == 1.0


def test_seed_keeps_rows_and_marks_them_calibrated(calibrated: dict) -> None:
    seed = calibrated["seed"]
    assert list(seed) == [name for name, _ in SEED_ROWS]
    assert {row["weight_source"] for row in seed.values()} == {"calibrated"}
    assert {row["fitted_at"] for row in seed.values()} == {"2026-01-05T08:00:00Z"}
    assert {row["fit_window_start"] for row in seed.values()} == {"2025-01-06"}


def test_constant_measure_dropped_with_zero_weight(calibrated: dict) -> None:
    row = calibrated["seed"]["silence"]
    assert float(row["weight"]) == 0.0
    assert float(row["saturation_value"]) > 0
    statuses = {item["measure_name"]: item["status"] for item in calibrated["report"]["measures"]}
    assert statuses["silence"] == "dropped: constant (0) in the fitting weeks"


def test_constant_measure_warned(synthetic_database: Path, tmp_path: Path, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="python_helpers.calibrate"):
        exit_code = main(_args(synthetic_database, tmp_path, "--dry-run"))
    assert exit_code == 0
    assert "measure silence dropped: constant (0) in the fitting weeks" in caplog.text


def test_duplicate_behaviour_grouped(calibrated: dict) -> None:
    # Given engagement_copy is engagement times two
    # Then the two form one group and share its weight evenly
    assert calibrated["report"]["groups"] == [["engagement", "engagement_copy"]]
    seed = calibrated["seed"]
    assert seed["engagement"]["weight"] == seed["engagement_copy"]["weight"]
    assert float(seed["engagement"]["weight"]) > 0


def test_declared_signals_agree_where_planted(calibrated: dict) -> None:
    measures = {item["measure_name"]: item for item in calibrated["report"]["measures"]}
    assert measures["engagement"]["agrees_with_declared_signal"] is True
    assert measures["friction"]["agrees_with_declared_signal"] is True


def test_misdeclared_measure_reported_and_dropped(calibrated: dict) -> None:
    measures = {item["measure_name"]: item for item in calibrated["report"]["measures"]}
    assert measures["misdeclared"]["agrees_with_declared_signal"] is False
    assert measures["misdeclared"]["learned_effect_of_a_better_score"] == "raises churn"
    assert float(calibrated["seed"]["misdeclared"]["weight"]) == 0.0


def test_disagreement_printed(synthetic_database: Path, tmp_path: Path, capsys) -> None:
    main(_args(synthetic_database, tmp_path, "--dry-run"))
    assert "disagrees with declared signal: misdeclared (accelerator)" in capsys.readouterr().out


def test_score_beats_noise_baseline(calibrated: dict) -> None:
    metrics = calibrated["report"]["metrics"]
    assert metrics["calibrated health score"]["auc"] > 0.7
    assert metrics["activity baseline"]["auc"] < 0.65


def test_holdout_is_the_latest_weeks(calibrated: dict) -> None:
    report = calibrated["report"]
    last_week = FIRST_OBSERVATION + dt.timedelta(weeks=WEEKS - 1)
    first_holdout = last_week - dt.timedelta(weeks=9)
    assert report["holdout"]["start"] == first_holdout.isoformat()
    assert report["holdout"]["end"] == last_week.isoformat()
    # Fitting labels end before the holdout starts.
    last_fit = dt.date.fromisoformat(report["fit_window"]["end"])
    assert last_fit + dt.timedelta(days=WINDOW_DAYS) <= first_holdout


def test_report_files_written(calibrated: dict) -> None:
    page = (calibrated["out"] / "report" / "calibration_report.html").read_text()
    assert page.count("<svg") == 3
    assert "Learned signs against the declared signals" in page


def test_outputs_identical_on_rerun(synthetic_database: Path, calibrated: dict, tmp_path: Path):
    # When the calibration runs again on the same database
    assert main(_args(synthetic_database, tmp_path)) == 0

    # Then every output has the same bytes
    first = calibrated["out"]
    assert (tmp_path / "weights.csv").read_bytes() == (first / "weights.csv").read_bytes()
    for name in ("calibration_report.json", "calibration_report.html"):
        rerun = (tmp_path / "report" / name).read_text().replace(str(tmp_path), "")
        original = (first / "report" / name).read_text().replace(str(first), "")
        assert rerun.replace(str(synthetic_database), "") == original.replace(
            str(synthetic_database), ""
        )


def test_dry_run_writes_nothing(synthetic_database: Path, tmp_path: Path, capsys) -> None:
    exit_code = main(_args(synthetic_database, tmp_path, "--dry-run"))
    assert exit_code == 0
    assert list(tmp_path.iterdir()) == []
    assert "measure_name,signal,weight" in capsys.readouterr().out


# --- Data the helper rejects -------------------------------------------------------------


def test_one_class_fails_clearly(tmp_path: Path, caplog) -> None:
    # Given a database where no observation churned
    observations, drivers = _synthetic_frames(np.random.default_rng(3))
    observations["is_activity_churn"] = False
    database = _write_database(tmp_path / "one_class.duckdb", observations, drivers)

    # When the calibration runs
    with caplog.at_level(logging.ERROR, logger="python_helpers.calibrate"):
        exit_code = main(_args(database, tmp_path / "out"))

    # Then it stops with exit code 1, a message naming the problem, and no file
    assert exit_code == 1
    assert "the label activity_churn is false for all 6000 labelled observations" in caplog.text
    assert "Traceback" not in caplog.text
    assert not (tmp_path / "out").exists()


def test_missing_label_fails_clearly(synthetic_database: Path, tmp_path: Path, caplog) -> None:
    with caplog.at_level(logging.ERROR, logger="python_helpers.calibrate"):
        exit_code = main(_args(synthetic_database, tmp_path, "--target-label", "downgrade"))
    assert exit_code == 1
    assert "no uncensored observation" in caplog.text


def test_missing_database_fails_clearly(tmp_path: Path, caplog) -> None:
    with caplog.at_level(logging.ERROR, logger="python_helpers.calibrate"):
        exit_code = main(_args(tmp_path / "absent.duckdb", tmp_path))
    assert exit_code == 1
    assert "absent.duckdb not found: run `dbt build` first" in caplog.text


def test_database_without_observations_fails(tmp_path: Path, caplog) -> None:
    database = tmp_path / "empty.duckdb"
    duckdb.connect(str(database)).close()
    with caplog.at_level(logging.ERROR, logger="python_helpers.calibrate"):
        exit_code = main(_args(database, tmp_path))
    assert exit_code == 1
    assert "table fct_account_observations not found" in caplog.text


def test_too_long_holdout_fails(synthetic_database: Path, tmp_path: Path, caplog) -> None:
    with caplog.at_level(logging.ERROR, logger="python_helpers.calibrate"):
        exit_code = main(_args(synthetic_database, tmp_path, "--holdout-weeks", "39"))
    assert exit_code == 1
    assert "lower --holdout-weeks" in caplog.text


def test_invalid_argument_exit_code() -> None:
    assert main(["--holdout-weeks", "0"]) == 2


# --- Building blocks ------------------------------------------------------------------------


def test_top_share_lift_counts_ties_in_proportion() -> None:
    # Scores as in the validation mart's unit test: two accounts tie at the
    # highest risk, one positive; the top tenth of ten is one observation.
    labels = np.array([1, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    risk = -np.array([10, 10, 90, 50, 50, 50, 50, 50, 50, 50], dtype=float)
    assert top_share_lift(labels, risk) == pytest.approx(2.5)


def test_top_share_lift_all_tied_is_one() -> None:
    labels = np.array([1, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    assert top_share_lift(labels, np.zeros(10)) == pytest.approx(1.0)


def test_calibration_table_equal_bins() -> None:
    table = calibration_table(np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.7, 0.9]), bins=2)
    assert table == [
        {"bin": 1, "observations": 2, "mean_probability": pytest.approx(0.15), "observed_rate": 0},
        {"bin": 2, "observations": 2, "mean_probability": pytest.approx(0.8), "observed_rate": 1},
    ]


def test_measure_scale_log_and_clip() -> None:
    scale = MeasureScale("x", "decelerator", "log1p", saturation_value=15.0)
    scores = scale.score(np.array([0.0, 3.0, 63.0, np.nan]))
    assert scores[:3] == pytest.approx([1.0, 0.5, 0.0])
    assert np.isnan(scores[3])


def test_health_score_renormalises_missing() -> None:
    scores = pd.DataFrame({"a": [0.5, 0.5], "b": [1.0, np.nan]})
    assert list(health_score(scores, {"a": 0.6, "b": 0.4})) == [70.0, 50.0]


def test_group_ignores_negative_correlation() -> None:
    values = np.arange(20, dtype=float)
    scores = pd.DataFrame({"up": values, "down": -values, "twin": values * 3})
    assert group_correlated(scores, 0.8) == [("up", "twin"), ("down",)]


def test_split_purges_label_window() -> None:
    dates = [FIRST_OBSERVATION + dt.timedelta(weeks=week) for week in range(12)]
    frame = pd.DataFrame({"observation_date": dates})
    fitting, holdout = split_by_time(frame, holdout_weeks=3, label_window_days=28)
    assert list(frame.loc[holdout, "observation_date"]) == dates[9:]
    assert list(frame.loc[fitting, "observation_date"]) == dates[:6]
