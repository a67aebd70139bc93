"""Calibrate on the Fighting Churn data set crm6, when it is present.

In crm6 most churn is a fixed monthly chance, so behaviour predicts it only
weakly, and events stop when the subscription ends, so activity churn and
subscription churn coincide. The simulation stops renewing subscriptions
on 2023-01-01, so no label window may reach past that date.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from python_helpers.calibrate.__main__ import main


@pytest.fixture(scope="module")
def crm6_connection(crm6_database: Path):
    connection = duckdb.connect(str(crm6_database), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def crm6_report(crm6_database: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("crm6_calibration")
    exit_code = main(
        [
            "--database",
            str(crm6_database),
            "--target-label",
            "subscription_churn",
            "--output-seed",
            str(out / "health_score_weights.csv"),
            "--report-dir",
            str(out),
            "--fitted-at",
            "2023-02-01T00:00:00Z",
        ]
    )
    assert exit_code == 0
    return json.loads((out / "calibration_report.json").read_text())


def test_no_label_after_subscription_data_ends(crm6_connection) -> None:
    # A label needs data through observation_date + 54 days, and the data
    # ends on 2023-01-01.
    last_labelled = crm6_connection.execute(
        "select max(observation_date) from main_marts.fct_account_observations "
        "where not is_censored"
    ).fetchone()[0]
    assert last_labelled + dt.timedelta(days=54) <= dt.date(2023, 1, 1)


def test_activity_churn_coincides_with_subscription_churn(crm6_connection) -> None:
    rows = dict(
        crm6_connection.execute(
            "select is_activity_churn = is_subscription_churn, count(*) "
            "from main_marts.fct_account_observations where not is_censored group by 1"
        ).fetchall()
    )
    assert rows[False] <= 0.001 * (rows[True] + rows[False])


def test_crm6_label_is_rare(crm6_report: dict) -> None:
    rate = crm6_report["data"]["positives"] / crm6_report["data"]["observations"]
    assert 0.005 < rate < 0.05


def test_crm6_score_does_not_separate_perfectly(crm6_report: dict) -> None:
    # Behaviour predicts crm6 churn only weakly; a high AUC would mean the
    # features leak the label.
    assert crm6_report["metrics"]["calibrated health score"]["auc"] < 0.75


def test_crm6_verdict_matches_the_figures(crm6_report: dict) -> None:
    metrics = crm6_report["metrics"]["calibrated health score"]
    low, high = metrics["auc_interval_95"]
    if low <= 0.5 <= high:
        assert "does not predict the label better than chance" in crm6_report["verdict"]
    assert f"{metrics['auc']:.3f}" in crm6_report["verdict"]


def test_crm6_measures_without_data_dropped(crm6_report: dict) -> None:
    # crm6 has no support tickets and its catalog has no help or integration events.
    statuses = {item["measure_name"]: item["status"] for item in crm6_report["measures"]}
    assert statuses["support_tickets_28d"] == "dropped: no values in the fitting weeks"
    assert statuses["help_events_per_active_user"].startswith("dropped: constant")
    assert statuses["integration_events_28d"].startswith("dropped: constant")
