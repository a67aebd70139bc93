"""Calibrate the bundled demo data and build the project with the fitted seed.

The demo generator plants effects on churn (data/demo/planted_effects.json):
key actions and collaboration per active user lower it, product failures
and support tickets raise it. The calibration must find those directions
and rank the holdout weeks better than a baseline that only uses activity
volume. Then dbt builds again with the fitted seed, and its health score
must rank the holdout exactly as the helper reported.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from sklearn.metrics import roc_auc_score

from python_helpers.calibrate.__main__ import main
from python_helpers.tests.dbt_build import PROJECT_DIR, build_or_fail, run_dbt

DEMO_DIR = PROJECT_DIR / "data" / "demo"
LABELS = ["activity_churn", "subscription_churn"]
PLANTED_ACCELERATORS = ["key_actions_per_active_user", "collaboration_events_per_active_user"]
PLANTED_DECELERATORS = ["failures_per_active_user", "support_tickets_28d"]
PROJECT_PARTS = [
    "dbt_project.yml",
    "profiles.yml",
    "models",
    "macros",
    "seeds",
    "tests",
    "analyses",
]


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    database = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_or_fail(run_dbt(database, DEMO_DIR, "build"))
    return database


@pytest.fixture(scope="module")
def calibrations(demo_database: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    results = {}
    for label in LABELS:
        out = tmp_path_factory.mktemp(label)
        exit_code = main(
            [
                "--database",
                str(demo_database),
                "--target-label",
                label,
                "--output-seed",
                str(out / "health_score_weights.csv"),
                "--report-dir",
                str(out),
                "--fitted-at",
                "2026-07-06T00:00:00Z",
            ]
        )
        assert exit_code == 0
        results[label] = {
            "seed": out / "health_score_weights.csv",
            "report": json.loads((out / "calibration_report.json").read_text()),
        }
    return results


@pytest.fixture(scope="module")
def calibrated_build(calibrations: dict, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A copy of the project, so that the repository's own seed stays as it is.
    project = tmp_path_factory.mktemp("calibrated_project")
    for part in PROJECT_PARTS:
        source = PROJECT_DIR / part
        if source.is_dir():
            shutil.copytree(source, project / part)
        else:
            shutil.copy(source, project / part)
    shutil.copy(
        calibrations["activity_churn"]["seed"], project / "seeds" / "health_score_weights.csv"
    )
    database = project / "calibrated.duckdb"
    build_or_fail(run_dbt(database, DEMO_DIR, "build", project_dir=project))
    return database


def _measures(report: dict) -> dict[str, dict]:
    return {item["measure_name"]: item for item in report["measures"]}


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("measure", PLANTED_ACCELERATORS + PLANTED_DECELERATORS)
def test_planted_effect_direction_found(calibrations: dict, label: str, measure: str) -> None:
    item = _measures(calibrations[label]["report"])[measure]
    assert item["agrees_with_declared_signal"] is True
    assert item["weight"] > 0


@pytest.mark.parametrize("label", LABELS)
def test_score_beats_baseline_on_holdout(calibrations: dict, label: str) -> None:
    metrics = calibrations[label]["report"]["metrics"]
    assert metrics["calibrated health score"]["auc"] > metrics["activity baseline"]["auc"]


@pytest.mark.parametrize("label", LABELS)
def test_score_beats_default_weights(calibrations: dict, label: str) -> None:
    metrics = calibrations[label]["report"]["metrics"]
    assert metrics["calibrated health score"]["auc"] > metrics["current health score"]["auc"]


@pytest.mark.parametrize("label", LABELS)
def test_holdout_has_both_classes(calibrations: dict, label: str) -> None:
    holdout = calibrations[label]["report"]["holdout"]
    assert holdout["weeks"] == 13
    assert 0 < holdout["positives"] < holdout["observations"]


def test_calibrated_seed_loaded(calibrated_build: Path) -> None:
    connection = duckdb.connect(str(calibrated_build), read_only=True)
    try:
        rows = connection.execute(
            "select weight_source, round(sum(weight), 6) from main_reference.health_score_weights "
            "group by 1"
        ).fetchall()
    finally:
        connection.close()
    assert rows == [("calibrated", 1.0)]


def test_dbt_score_ranks_as_reported(calibrations: dict, calibrated_build: Path) -> None:
    # Given the holdout AUC the helper reported for the new seed
    report = calibrations["activity_churn"]["report"]
    with calibrations["activity_churn"]["seed"].open(newline="") as handle:
        seed_auc = {float(row["holdout_auc"]) for row in csv.DictReader(handle)}

    # When the AUC is computed from the health score dbt built with that seed
    connection = duckdb.connect(str(calibrated_build), read_only=True)
    try:
        rows = connection.execute(
            "select cast(is_activity_churn as integer), health_score "
            "from main_marts.fct_account_observations "
            "where not is_censored and is_activity_churn is not null "
            "and observation_date between ? and ?",
            [report["holdout"]["start"], report["holdout"]["end"]],
        ).fetchall()
    finally:
        connection.close()
    labels = [row[0] for row in rows]
    risk = [-row[1] for row in rows]

    # Then it is the reported one
    assert len(rows) == report["holdout"]["observations"]
    assert roc_auc_score(labels, risk) == pytest.approx(
        report["metrics"]["calibrated health score"]["auc"], abs=1e-6
    )
    assert seed_auc == {round(report["metrics"]["calibrated health score"]["auc"], 4)}


def test_validation_mart_covers_labels(calibrated_build: Path) -> None:
    connection = duckdb.connect(str(calibrated_build), read_only=True)
    try:
        labels = connection.execute(
            "select label_name, count(*), count(health_score_auc) "
            "from main_marts.fct_health_score_validation group by 1 order by 1"
        ).fetchall()
    finally:
        connection.close()
    assert [row[0] for row in labels] == ["activity_churn", "downgrade", "subscription_churn"]
    assert all(row[2] > 0 for row in labels)
