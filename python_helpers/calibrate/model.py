"""Fit the regularised logistic regression on group scores."""

from __future__ import annotations

import datetime as dt
import logging
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from .errors import CalibrationError

logger = logging.getLogger(__name__)

# Inverse L2 penalty strengths tried on the standardised scores.
PENALTY_GRID = (0.01, 0.1, 1.0, 10.0)
# Share of the fitting weeks, the latest, that chooses the penalty.
VALIDATION_SHARE = 0.25
MAX_ITERATIONS = 5000


@dataclass(frozen=True)
class LogisticModel:
    """A fitted logistic regression, expressed on the unstandardised features.

    log-odds = intercept + sum(coefficients * features), with a missing
    feature replaced by its fitting mean.
    """

    feature_names: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    fill_values: tuple[float, ...]
    penalty_c: float

    def log_odds(self, features: pd.DataFrame) -> np.ndarray:
        """Return the log-odds of the positive label for each row."""
        matrix = features[list(self.feature_names)].to_numpy(dtype=float)
        matrix = np.where(np.isnan(matrix), np.asarray(self.fill_values), matrix)
        return self.intercept + matrix @ np.asarray(self.coefficients)

    def predict_probability(self, features: pd.DataFrame) -> np.ndarray:
        """Return the probability of the positive label for each row."""
        return 1.0 / (1.0 + np.exp(-self.log_odds(features)))


def _fit_once(features: pd.DataFrame, labels: np.ndarray, penalty_c: float) -> LogisticModel:
    matrix = features.to_numpy(dtype=float)
    fill_values = np.nanmean(matrix, axis=0)
    matrix = np.where(np.isnan(matrix), fill_values, matrix)
    centres = matrix.mean(axis=0)
    scales = matrix.std(axis=0)
    scales[scales == 0] = 1.0
    standardised = (matrix - centres) / scales

    # No class_weight: balancing would shift the intercept and the
    # probabilities would no longer match churn rates.
    regression = LogisticRegression(C=penalty_c, max_iter=MAX_ITERATIONS)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        try:
            regression.fit(standardised, labels)
        except ConvergenceWarning as warning:
            raise CalibrationError(
                f"the logistic regression with C = {penalty_c} did not converge in "
                f"{MAX_ITERATIONS} iterations ({warning}); check the measures for extreme values"
            ) from warning
    coefficients = regression.coef_[0] / scales
    intercept = float(regression.intercept_[0] - np.sum(coefficients * centres))
    return LogisticModel(
        feature_names=tuple(features.columns),
        coefficients=tuple(float(value) for value in coefficients),
        intercept=intercept,
        fill_values=tuple(float(value) for value in fill_values),
        penalty_c=penalty_c,
    )


def choose_penalty(
    features: pd.DataFrame,
    labels: np.ndarray,
    observation_dates: pd.Series,
    label_window_days: int,
) -> float:
    """Return the penalty of PENALTY_GRID with the lowest log loss on the latest fitting weeks.

    The latest VALIDATION_SHARE of the observation dates validate; earlier
    observations whose label window reaches them are left out of that fit.
    Falls back to C = 1 when either part contains a single class.
    """
    dates = sorted(set(observation_dates))
    first_validation = dates[int(len(dates) * (1 - VALIDATION_SHARE))]
    cutoff = first_validation - dt.timedelta(days=label_window_days)
    fitting = (observation_dates <= cutoff).to_numpy()
    validating = (observation_dates >= first_validation).to_numpy()
    if len(set(labels[fitting])) < 2 or len(set(labels[validating])) < 2:
        logger.warning("penalty set to C = 1: a part of the fitting weeks contains one class only")
        return 1.0

    losses = {}
    for penalty_c in PENALTY_GRID:
        model = _fit_once(features[fitting], labels[fitting], penalty_c)
        probability = model.predict_probability(features[validating])
        losses[penalty_c] = log_loss(labels[validating], probability, labels=[0, 1])
        logger.debug("penalty C = %s: validation log loss %.5f", penalty_c, losses[penalty_c])
    return min(PENALTY_GRID, key=lambda penalty_c: (losses[penalty_c], penalty_c))


def fit_logistic(features: pd.DataFrame, labels: np.ndarray, penalty_c: float) -> LogisticModel:
    """Fit the L2-penalised logistic regression on standardised features.

    Args:
        features: one column per feature, NaN where missing (filled with the mean).
        labels: 0 or 1 per row.
        penalty_c: inverse penalty strength on the standardised features.

    Raises:
        CalibrationError: when lbfgs does not converge within MAX_ITERATIONS.
    """
    return _fit_once(features, np.asarray(labels), penalty_c)
