"""Fit the weights on the earlier weeks and judge them on the later ones."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from .data import BASELINE_FEATURES, BASELINE_PREFIX, CalibrationData
from .errors import CalibrationError
from .metrics import ScoreMetrics, calibration_table, score_metrics
from .model import LogisticModel, choose_penalty, fit_logistic
from .scoring import (
    DroppedMeasure,
    fit_scales,
    group_correlated,
    group_name,
    group_scores,
    score_measures,
)

logger = logging.getLogger(__name__)

DEFAULT_HOLDOUT_WEEKS = 13
DEFAULT_CORRELATION_THRESHOLD = 0.8
WEIGHT_DECIMALS = 6
# Names of the scores the report compares, in report order.
CALIBRATED_MODEL = "calibrated model"
CALIBRATED_SCORE = "calibrated health score"
CURRENT_SCORE = "current health score"
BASELINE = "activity baseline"


@dataclass(frozen=True)
class MeasureResult:
    """Fitted transform, weight and learned effect of one measure of the seed."""

    name: str
    declared_signal: str
    transform: str
    saturation_value: float
    weight: float
    status: str
    univariate_auc: float | None = None
    full_fit_coefficient: float | None = None
    group: str | None = None

    @property
    def learned_effect(self) -> str | None:
        """Return 'lowers churn' or 'raises churn' for a better score, from the full fit."""
        if self.full_fit_coefficient is None:
            return None
        return "lowers churn" if self.full_fit_coefficient < 0 else "raises churn"

    @property
    def agrees(self) -> bool | None:
        """Return whether a better score lowers churn, as the declared signal states."""
        if self.full_fit_coefficient is None:
            return None
        return self.full_fit_coefficient < 0


@dataclass(frozen=True)
class Split:
    """Dates and sizes of the fitting and holdout parts."""

    fit_start: dt.date
    fit_end: dt.date
    fit_observations: int
    fit_positives: int
    holdout_start: dt.date
    holdout_end: dt.date
    holdout_weeks: int
    holdout_observations: int
    holdout_positives: int


@dataclass
class CalibrationResult:
    """Everything the seed and the report need."""

    target_label: str
    label_window_days: int
    split: Split
    measures: list[MeasureResult]
    groups: list[tuple[str, ...]]
    penalty_c: float
    score_link: tuple[float, float]
    metrics: dict[str, ScoreMetrics]
    calibration_tables: dict[str, list[dict[str, float]]]
    roc_points: dict[str, tuple[list[float], list[float]]]
    observations: int
    accounts: int
    positives: int
    current_weight_source: str

    @property
    def holdout_auc(self) -> float:
        """Return the holdout AUC of the health score the new weights give."""
        return self.metrics[CALIBRATED_SCORE].auc


def split_by_time(
    frame: pd.DataFrame, holdout_weeks: int, label_window_days: int
) -> tuple[pd.Series, pd.Series]:
    """Return masks of the fitting and holdout rows.

    The holdout is the last `holdout_weeks` observation dates. Fitting rows
    end `label_window_days` before it, so that no fitting label is observed
    inside the holdout.

    Raises:
        CalibrationError: when too few weeks are left for fitting.
    """
    dates = sorted(frame["observation_date"].unique())
    if holdout_weeks < 1:
        raise CalibrationError(f"invalid --holdout-weeks {holdout_weeks}: use 1 or more")
    if len(dates) < holdout_weeks + 4:
        raise CalibrationError(
            f"only {len(dates)} labelled observation weeks, too few for a holdout of "
            f"{holdout_weeks} weeks and at least 4 fitting weeks: lower --holdout-weeks"
        )
    holdout_start = dates[-holdout_weeks]
    cutoff = holdout_start - dt.timedelta(days=label_window_days)
    fitting = frame["observation_date"] <= cutoff
    holdout = frame["observation_date"] >= holdout_start
    if frame.loc[fitting, "observation_date"].nunique() < 4:
        raise CalibrationError(
            f"fewer than 4 fitting weeks end {label_window_days} days before the holdout "
            f"starting {holdout_start}: lower --holdout-weeks"
        )
    return fitting, holdout


def _require_both_classes(labels: pd.Series, part: str, target_label: str) -> None:
    positives = int(labels.sum())
    if positives == 0 or positives == len(labels):
        value = "true" if positives else "false"
        raise CalibrationError(
            f"the label {target_label} is {value} for all {len(labels)} {part} observations: "
            "a model needs both churned and retained accounts. Choose another "
            "--target-label, more data, or a shorter --holdout-weeks"
        )


def _fit_agreeing(
    group_features: pd.DataFrame,
    labels: np.ndarray,
    dates: pd.Series,
    label_window_days: int,
) -> tuple[LogisticModel, dict[str, float], list[str]]:
    """Fit, then drop the group that disagrees most with its signal, until all agree.

    Returns the final model, the coefficients of the first fit per group and
    the groups dropped for disagreeing.
    """
    columns = list(group_features.columns)
    first_fit: dict[str, float] = {}
    disagreeing: list[str] = []
    while columns:
        penalty_c = choose_penalty(group_features[columns], labels, dates, label_window_days)
        model = fit_logistic(group_features[columns], labels, penalty_c)
        coefficients = dict(zip(columns, model.coefficients, strict=True))
        if not first_fit:
            first_fit = coefficients
        worst = max(columns, key=lambda column: (coefficients[column], column))
        if coefficients[worst] <= 0:
            return model, first_fit, disagreeing
        logger.warning(
            "a better %s score raises churn (coefficient %.4f), against its declared "
            "signal: left out of the weights",
            worst,
            coefficients[worst],
        )
        disagreeing.append(worst)
        columns.remove(worst)
    raise CalibrationError(
        "every measure's fitted effect disagrees with its declared signal: a better score "
        "raises churn for all of them, so no weights can be derived. Check the label and the "
        "signal column of the weights seed"
    )


def _seed_weights(model: LogisticModel, groups: list[tuple[str, ...]]) -> dict[str, float]:
    """Split each group's coefficient over its members and normalise to weights summing to 1.

    Weights are rounded to WEIGHT_DECIMALS, and the rounding remainder goes
    to the largest weight so that the sum is exactly 1.
    """
    per_measure: dict[str, float] = {}
    by_name = {group_name(group): group for group in groups}
    for column, coefficient in zip(model.feature_names, model.coefficients, strict=True):
        members = by_name[column]
        for member in members:
            per_measure[member] = abs(coefficient) / len(members)
    total = sum(per_measure.values())
    if total <= 0:
        raise CalibrationError(
            "the fitted coefficients are all zero: the measures do not predict the label"
        )
    scale = 10**WEIGHT_DECIMALS
    units = {name: round(value / total * scale) for name, value in per_measure.items()}
    largest = max(units, key=lambda name: (units[name], name))
    units[largest] += scale - sum(units.values())
    return {name: unit / scale for name, unit in units.items()}


def health_score(scores: pd.DataFrame, weights: dict[str, float]) -> np.ndarray:
    """Return 100 * sum(w * s) / sum(w) over the available scores, as the dbt model does."""
    names = [name for name, weight in weights.items() if weight > 0]
    matrix = scores[names].to_numpy(dtype=float)
    weight_vector = np.array([weights[name] for name in names])
    available = ~np.isnan(matrix)
    numerator = np.where(available, matrix, 0.0) @ weight_vector
    denominator = available.astype(float) @ weight_vector
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.round(100.0 * numerator / denominator, 2)


def _score_link(score: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Fit P(label) = 1 / (1 + exp(-(a + b * score))) on the fitting rows, unpenalised."""
    model = fit_logistic(pd.DataFrame({"score": score}), labels, penalty_c=1e6)
    return model.intercept, model.coefficients[0]


def _link_probability(link: tuple[float, float], score: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(link[0] + link[1] * score)))


def _roc_points(labels: np.ndarray, risk: np.ndarray) -> tuple[list[float], list[float]]:
    order = np.argsort(-risk, kind="mergesort")
    sorted_risk = risk[order]
    sorted_labels = labels[order]
    last_of_tie = np.r_[np.diff(sorted_risk) != 0, True]
    true_positives = np.cumsum(sorted_labels)[last_of_tie]
    false_positives = np.cumsum(1 - sorted_labels)[last_of_tie]
    tpr = np.r_[0.0, true_positives / max(sorted_labels.sum(), 1)]
    fpr = np.r_[0.0, false_positives / max((1 - sorted_labels).sum(), 1)]
    return [float(value) for value in fpr], [float(value) for value in tpr]


def calibrate(
    data: CalibrationData,
    holdout_weeks: int = DEFAULT_HOLDOUT_WEEKS,
    correlation_threshold: float = DEFAULT_CORRELATION_THRESHOLD,
) -> CalibrationResult:
    """Fit the seed weights on the fitting weeks and evaluate them on the holdout.

    Args:
        data: labelled observations from load_calibration_data.
        holdout_weeks: number of latest observation weeks held out.
        correlation_threshold: Spearman correlation at which measures group.

    Raises:
        CalibrationError: for a label with one class only, too few weeks, no
            usable measure, or measures that all disagree with their signals.
    """
    frame = data.frame
    labels_all = frame["label"].astype(int)
    _require_both_classes(labels_all, "labelled", data.target_label)
    fitting, holdout = split_by_time(frame, holdout_weeks, data.label_window_days)
    train, test = frame[fitting], frame[holdout]
    _require_both_classes(train["label"], "fitting", data.target_label)
    _require_both_classes(test["label"], "holdout", data.target_label)
    train_labels = train["label"].to_numpy(dtype=int)
    test_labels = test["label"].to_numpy(dtype=int)

    signals = {row.measure_name: row.signal for row in data.seed_rows}
    scales, dropped = fit_scales(train, signals)
    if not scales:
        raise CalibrationError(
            "no measure varies in the fitting weeks, so nothing can be fitted: "
            + "; ".join(f"{item.name}: {item.reason}" for item in dropped)
        )
    train_scores = score_measures(train, scales)
    test_scores = score_measures(test, scales)
    groups = group_correlated(train_scores, correlation_threshold)
    train_groups = group_scores(train_scores, groups)
    test_groups = group_scores(test_scores, groups)

    model, first_fit, disagreeing = _fit_agreeing(
        train_groups, train_labels, train["observation_date"], data.label_window_days
    )
    weights = _seed_weights(model, [g for g in groups if group_name(g) in model.feature_names])

    # The score the dbt model will compute with the new seed, and its link
    # to a churn probability fitted on the fitting weeks.
    train_score = health_score(train_scores, weights)
    test_score = health_score(test_scores, weights)
    link = _score_link(train_score, train_labels)
    current_link = _score_link(train["health_score"].to_numpy(dtype=float), train_labels)

    baseline_columns = [BASELINE_PREFIX + name for name in BASELINE_FEATURES]
    baseline_train = np.log1p(train[baseline_columns].astype(float))
    baseline_test = np.log1p(test[baseline_columns].astype(float))
    baseline_c = choose_penalty(
        baseline_train, train_labels, train["observation_date"], data.label_window_days
    )
    baseline = fit_logistic(baseline_train, train_labels, baseline_c)

    current_score = test["health_score"].to_numpy(dtype=float)
    probabilities = {
        CALIBRATED_MODEL: model.predict_probability(test_groups),
        CALIBRATED_SCORE: _link_probability(link, test_score),
        CURRENT_SCORE: _link_probability(current_link, current_score),
        BASELINE: baseline.predict_probability(baseline_test),
    }
    risks = {
        CALIBRATED_MODEL: probabilities[CALIBRATED_MODEL],
        CALIBRATED_SCORE: -test_score,
        CURRENT_SCORE: -current_score,
        BASELINE: probabilities[BASELINE],
    }
    accounts = test["account_id"].to_numpy()
    metrics = {
        name: score_metrics(test_labels, risks[name], probabilities[name], accounts)
        for name in risks
    }
    for name, result in metrics.items():
        logger.info(
            "holdout %s: AUC %.3f, top-decile lift %.2f, Brier %.4f",
            name,
            result.auc,
            result.top_decile_lift,
            result.brier,
        )

    group_of = {member: group_name(group) for group in groups for member in group}
    measure_results = []
    scale_by_name = {scale.name: scale for scale in scales}
    dropped_by_name = {item.name: item for item in dropped}
    for row in data.seed_rows:
        name = row.measure_name
        if name in dropped_by_name:
            measure_results.append(
                _dropped_result(row.measure_name, row.signal, train[name], dropped_by_name[name])
            )
            continue
        scale = scale_by_name[name]
        group = group_of[name]
        available = train_scores[name].notna().to_numpy()
        univariate = None
        if len(set(train_labels[available])) == 2:
            univariate = float(
                roc_auc_score(train_labels[available], -train_scores[name].to_numpy()[available])
            )
        if group in disagreeing:
            status = "dropped: a better score raises churn, against the declared signal"
        else:
            status = "used"
        measure_results.append(
            MeasureResult(
                name=name,
                declared_signal=row.signal,
                transform=scale.transform,
                saturation_value=scale.saturation_value,
                weight=weights.get(name, 0.0),
                status=status,
                univariate_auc=univariate,
                full_fit_coefficient=first_fit[group] / len(group.split("+")),
                group=group if "+" in group else None,
            )
        )

    split = Split(
        fit_start=min(train["observation_date"]),
        fit_end=max(train["observation_date"]),
        fit_observations=len(train),
        fit_positives=int(train_labels.sum()),
        holdout_start=min(test["observation_date"]),
        holdout_end=max(test["observation_date"]),
        holdout_weeks=test["observation_date"].nunique(),
        holdout_observations=len(test),
        holdout_positives=int(test_labels.sum()),
    )
    current_sources = sorted({row.weight_source for row in data.seed_rows})
    return CalibrationResult(
        target_label=data.target_label,
        label_window_days=data.label_window_days,
        split=split,
        measures=measure_results,
        groups=[group for group in groups if len(group) > 1],
        penalty_c=model.penalty_c,
        score_link=link,
        metrics=metrics,
        calibration_tables={
            name: calibration_table(test_labels, probabilities[name]) for name in probabilities
        },
        roc_points={name: _roc_points(test_labels, risks[name]) for name in risks},
        observations=len(frame),
        accounts=int(frame["account_id"].nunique()),
        positives=int(labels_all.sum()),
        current_weight_source=", ".join(current_sources),
    )


def _dropped_result(
    name: str, signal: str, values: pd.Series, dropped: DroppedMeasure
) -> MeasureResult:
    """Return the result of a measure that could not be fitted, with weight 0.

    Its saturation value is its constant value when positive, else 1, so
    that the seed stays valid. With weight 0 it does not move the score.
    """
    present = values.dropna()
    constant = float(present.iloc[0]) if not present.empty else 0.0
    return MeasureResult(
        name=name,
        declared_signal=signal,
        transform="linear",
        saturation_value=constant if constant > 0 else 1.0,
        weight=0.0,
        status=f"dropped: {dropped.reason}",
    )
