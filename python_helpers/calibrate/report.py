"""Write the calibration report: JSON for machines, HTML with plots for people."""

from __future__ import annotations

import html
import io
import json
import math
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from .calibration import (
    BASELINE,
    CALIBRATED_MODEL,
    CALIBRATED_SCORE,
    CalibrationResult,
)

REPORT_JSON = "calibration_report.json"
REPORT_HTML = "calibration_report.html"
FLOAT_DECIMALS = 6
# SVG ids are hashed from this salt instead of a random one, so that the
# same figures give the same bytes on every run.
SVG_HASH_SALT = "adoption-calibration"


def verdict(result: CalibrationResult) -> str:
    """Return a few honest sentences on how well behaviour predicts the label on the holdout."""
    metrics = result.metrics[CALIBRATED_SCORE]
    baseline = result.metrics[BASELINE]
    if metrics.auc_low <= 0.5 <= metrics.auc_high:
        strength = (
            "It does not predict the label better than chance, because the interval includes "
            "0.5: the fitted effects do not carry over to the later weeks."
        )
    elif metrics.auc < 0.5:
        strength = "It ranks the label worse than chance: the fitted effects reverse later."
    elif metrics.auc >= 0.95:
        strength = (
            "It separates the classes almost perfectly, which behaviour rarely does: check "
            "the features for label leakage before trusting it."
        )
    elif metrics.auc >= 0.8:
        strength = "It predicts the label well."
    elif metrics.auc >= 0.7:
        strength = "It predicts the label moderately."
    elif metrics.auc >= 0.6:
        strength = "It predicts the label only weakly."
    else:
        strength = "It barely predicts the label."
    comparison = "above" if metrics.auc > baseline.auc else "not above"
    fit_rate = result.split.fit_positives / result.split.fit_observations
    holdout_rate = result.split.holdout_positives / result.split.holdout_observations
    return (
        f"On the holdout ({result.split.holdout_weeks} weeks, "
        f"{result.split.holdout_positives} positive of {result.split.holdout_observations} "
        f"observations) the calibrated health score has an AUC of {metrics.auc:.3f} for "
        f"{result.target_label} (95 % interval {metrics.auc_low:.2f} to "
        f"{metrics.auc_high:.2f}). {strength} Its AUC is {comparison} that of the activity "
        f"baseline, {baseline.auc:.3f} (interval {baseline.auc_low:.2f} to "
        f"{baseline.auc_high:.2f}). Its Brier score is {metrics.brier:.4f} against "
        f"{baseline.brier:.4f} for the baseline (lower is better), with a positive rate of "
        f"{fit_rate:.1%} in the fitting weeks and {holdout_rate:.1%} in the holdout."
    )


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, FLOAT_DECIMALS)
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(item) for item in value]
    return value


def report_content(result: CalibrationResult, fitted_at: str, database: str) -> dict[str, Any]:
    """Return the report as a JSON-ready dictionary with floats rounded to 6 decimals."""
    split = result.split
    content = {
        "database": database,
        "target_label": result.target_label,
        "label_window_days": result.label_window_days,
        "fitted_at": fitted_at,
        "verdict": verdict(result),
        "data": {
            "observations": result.observations,
            "accounts": result.accounts,
            "positives": result.positives,
        },
        "fit_window": {
            "start": split.fit_start.isoformat(),
            "end": split.fit_end.isoformat(),
            "observations": split.fit_observations,
            "positives": split.fit_positives,
        },
        "holdout": {
            "start": split.holdout_start.isoformat(),
            "end": split.holdout_end.isoformat(),
            "weeks": split.holdout_weeks,
            "observations": split.holdout_observations,
            "positives": split.holdout_positives,
        },
        "penalty_c": result.penalty_c,
        "score_link": {
            "formula": "P(label) = 1 / (1 + exp(-(intercept + slope * health_score)))",
            "intercept": result.score_link[0],
            "slope": result.score_link[1],
        },
        "current_weight_source": result.current_weight_source,
        "metrics": {
            name: {
                "auc": metrics.auc,
                "auc_interval_95": [metrics.auc_low, metrics.auc_high],
                "top_decile_lift": metrics.top_decile_lift,
                "brier": metrics.brier,
            }
            for name, metrics in result.metrics.items()
        },
        "calibration_tables": result.calibration_tables,
        "groups": [list(group) for group in result.groups],
        "measures": [
            {
                "measure_name": measure.name,
                "declared_signal": measure.declared_signal,
                "status": measure.status,
                "weight": measure.weight,
                "transform": measure.transform,
                "saturation_value": measure.saturation_value,
                "univariate_auc": measure.univariate_auc,
                "coefficient_per_score_unit": measure.full_fit_coefficient,
                "learned_effect_of_a_better_score": measure.learned_effect,
                "agrees_with_declared_signal": measure.agrees,
                "group": measure.group,
            }
            for measure in result.measures
        ],
    }
    return _rounded(content)


def _svg(figure: Figure) -> str:
    # A Figure made without pyplot needs no backend and no global state.
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _roc_figure(result: CalibrationResult) -> str:
    figure = Figure(figsize=(5, 5))
    axes = figure.subplots()
    for name, (fpr, tpr) in result.roc_points.items():
        axes.plot(fpr, tpr, label=f"{name} (AUC {result.metrics[name].auc:.3f})")
    axes.plot([0, 1], [0, 1], color="grey", linestyle=":", label="chance")
    axes.set_xlabel("false positive rate")
    axes.set_ylabel("true positive rate")
    axes.set_title(f"Holdout ROC, {result.target_label}")
    axes.legend(loc="lower right", fontsize="small")
    return _svg(figure)


def _calibration_figure(result: CalibrationResult) -> str:
    figure = Figure(figsize=(5, 5))
    axes = figure.subplots()
    highest = 0.0
    for name in (CALIBRATED_MODEL, CALIBRATED_SCORE, BASELINE):
        table = result.calibration_tables[name]
        predicted = [row["mean_probability"] for row in table]
        observed = [row["observed_rate"] for row in table]
        highest = max(highest, *predicted, *observed)
        axes.plot(predicted, observed, marker="o", label=name)
    axes.plot([0, highest], [0, highest], color="grey", linestyle=":", label="perfect")
    axes.set_xlabel("mean predicted probability (decile of predictions)")
    axes.set_ylabel("observed rate")
    axes.set_title("Holdout calibration")
    axes.legend(loc="upper left", fontsize="small")
    return _svg(figure)


def _coefficient_figure(result: CalibrationResult) -> str:
    fitted = [measure for measure in result.measures if measure.full_fit_coefficient is not None]
    figure = Figure(figsize=(8, 0.45 * len(fitted) + 1.2))
    axes = figure.subplots()
    names = [measure.name for measure in fitted]
    values = [measure.full_fit_coefficient for measure in fitted]
    colours = ["tab:green" if measure.agrees else "tab:red" for measure in fitted]
    axes.barh(names, values, color=colours)
    axes.axvline(0, color="black", linewidth=0.8)
    axes.invert_yaxis()
    axes.set_xlabel("change in log-odds of the label per unit of score (first fit)")
    axes.set_title("Learned effects (green agrees with the declared signal)")
    figure.tight_layout()
    return _svg(figure)


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{html.escape(header)}</th>" for header in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(value))}</td>" for value in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.4g}"
    return str(value)


def render_html(result: CalibrationResult, content: dict[str, Any]) -> str:
    """Return the HTML page: verdict, metrics, signs, weights, calibration and plots."""
    metric_rows = [
        [
            name,
            metrics.auc,
            f"{metrics.auc_low:.3f} to {metrics.auc_high:.3f}",
            metrics.top_decile_lift,
            metrics.brier,
        ]
        for name, metrics in result.metrics.items()
    ]
    measure_rows = [
        [
            measure.name,
            measure.declared_signal,
            measure.learned_effect,
            {True: "yes", False: "NO", None: ""}[measure.agrees],
            measure.univariate_auc,
            measure.weight,
            measure.transform,
            measure.saturation_value,
            measure.group,
            measure.status,
        ]
        for measure in result.measures
    ]
    calibration_rows = [
        [row["bin"], row["observations"], row["mean_probability"], row["observed_rate"]]
        for row in result.calibration_tables[CALIBRATED_SCORE]
    ]
    split = content["fit_window"], content["holdout"]
    groups = ", ".join(" + ".join(group) for group in result.groups) or "none"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Health score calibration: {html.escape(result.target_label)}</title>
<style>
body {{ font-family: sans-serif; max-width: 70em; margin: 2em auto; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
th, td {{ border: 1px solid #bbb; padding: 0.2em 0.6em; text-align: left; }}
svg {{ max-width: 100%; height: auto; }}
</style>
</head>
<body>
<h1>Health score calibration: {html.escape(result.target_label)}</h1>
<p>{html.escape(content["verdict"])}</p>
<p>Database {html.escape(content["database"])}, fitted at {html.escape(content["fitted_at"])}.
{content["data"]["observations"]} uncensored observations of {content["data"]["accounts"]}
accounts, {content["data"]["positives"]} positive. Fitting weeks {split[0]["start"]} to
{split[0]["end"]} ({split[0]["observations"]} observations, {split[0]["positives"]} positive);
holdout weeks {split[1]["start"]} to {split[1]["end"]} ({split[1]["observations"]} observations,
{split[1]["positives"]} positive). Label window {result.label_window_days} days; fitting
observations end that long before the holdout. L2 penalty C = {result.penalty_c:g} on
standardised scores; no class weights.</p>
<h2>Holdout metrics</h2>
<p>The calibrated model is the logistic regression; the calibrated health score is what dbt
computes with the new seed; the current health score is the one the database was built with
(weight source: {html.escape(result.current_weight_source)}); the activity baseline is a
logistic regression on ln(1 + x) of active days, active users and events. Probabilities of the
two health scores come from a logistic link fitted on the fitting weeks. AUC intervals resample
accounts 200 times.</p>
{_table(["score", "AUC", "AUC 95 % interval", "top-decile lift", "Brier"], metric_rows)}
<h2>Learned signs against the declared signals</h2>
<p>A measure agrees when a better score (more of an accelerator, less of a decelerator) lowers
the label's log-odds in the fit with every measure. Measures that disagree are left out and the
model refitted. Grouped as one behaviour: {html.escape(groups)}.</p>
{
        _table(
            [
                "measure",
                "declared signal",
                "a better score",
                "agrees",
                "univariate AUC",
                "weight",
                "transform",
                "saturation",
                "group",
                "status",
            ],
            measure_rows,
        )
    }
<p>P({html.escape(result.target_label)}) = 1 / (1 + exp(-({result.score_link[0]:.4f} +
{result.score_link[1]:.5f} &times; health_score))) on the fitting weeks.</p>
<h2>Calibration of the calibrated health score (holdout)</h2>
{
        _table(
            ["decile of predictions", "observations", "mean predicted", "observed rate"],
            calibration_rows,
        )
    }
<h2>Plots</h2>
{_roc_figure(result)}
{_calibration_figure(result)}
{_coefficient_figure(result)}
</body>
</html>
"""


def write_report(
    result: CalibrationResult, fitted_at: str, database: str, report_dir: Path
) -> tuple[Path, Path]:
    """Write the JSON and HTML report into report_dir and return their paths.

    Raises:
        OSError: when the folder or a file cannot be written.
    """
    report_dir.mkdir(parents=True, exist_ok=True)
    content = report_content(result, fitted_at, database)
    json_path = report_dir / REPORT_JSON
    html_path = report_dir / REPORT_HTML
    json_path.write_text(json.dumps(content, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    html_path.write_text(render_html(result, content), encoding="utf-8")
    return json_path, html_path
