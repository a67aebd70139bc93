"""Ranking and probability metrics, computed as the validation mart computes them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.metrics import brier_score_loss, roc_auc_score

TOP_SHARE = 0.1
CALIBRATION_BINS = 10
BOOTSTRAP_RESAMPLES = 200
BOOTSTRAP_SEED = 20240601


@dataclass(frozen=True)
class ScoreMetrics:
    """Ranking and probability metrics of one score against the holdout labels."""

    auc: float
    auc_low: float
    auc_high: float
    top_decile_lift: float
    brier: float


def top_share_lift(labels: np.ndarray, risk: np.ndarray, share: float = TOP_SHARE) -> float:
    """Return the positive rate among the riskiest `share` of rows over the overall rate.

    Rows tied at the boundary count with the part of their tie group that
    fits, which is the expected rate under a random tie-break.
    """
    labels = np.asarray(labels, dtype=float)
    frame = pd.DataFrame({"label": labels, "risk": np.asarray(risk, dtype=float)})
    groups = frame.groupby("risk", sort=True)["label"].agg(["size", "sum"]).iloc[::-1]
    riskier = groups["size"].cumsum() - groups["size"]
    top_count = share * len(frame)
    fitted = ((top_count - riskier) / groups["size"]).clip(0.0, 1.0)
    top_rate = float((fitted * groups["sum"]).sum()) / top_count
    base_rate = float(labels.mean())
    return top_rate / base_rate if base_rate > 0 else float("nan")


def _bootstrap_auc(
    labels: np.ndarray, risk: np.ndarray, accounts: np.ndarray
) -> tuple[float, float]:
    """Return a 95 % interval of the AUC, resampling accounts with replacement.

    Observations of one account are not independent, so accounts are the
    unit that is resampled.
    """
    generator = np.random.default_rng(BOOTSTRAP_SEED)
    account_ids, positions = np.unique(accounts, return_inverse=True)
    rows_by_account = [np.flatnonzero(positions == index) for index in range(len(account_ids))]
    estimates = []
    for _ in range(BOOTSTRAP_RESAMPLES):
        chosen = generator.integers(0, len(account_ids), len(account_ids))
        rows = np.concatenate([rows_by_account[index] for index in chosen])
        if labels[rows].min() == labels[rows].max():
            continue
        estimates.append(roc_auc_score(labels[rows], risk[rows]))
    if not estimates:
        return float("nan"), float("nan")
    low, high = np.percentile(estimates, [2.5, 97.5])
    return float(low), float(high)


def score_metrics(
    labels: np.ndarray, risk: np.ndarray, probability: np.ndarray, accounts: np.ndarray
) -> ScoreMetrics:
    """Compute AUC (with a bootstrap interval), top-decile lift and Brier score.

    Args:
        labels: 0 or 1 per holdout observation; both classes must occur.
        risk: higher for rows more likely to be positive (ties allowed).
        probability: predicted probability of the positive label.
        accounts: account id per row, the bootstrap's resampling unit.
    """
    labels = np.asarray(labels, dtype=int)
    risk = np.asarray(risk, dtype=float)
    low, high = _bootstrap_auc(labels, risk, np.asarray(accounts))
    return ScoreMetrics(
        auc=float(roc_auc_score(labels, risk)),
        auc_low=low,
        auc_high=high,
        top_decile_lift=top_share_lift(labels, risk),
        brier=float(brier_score_loss(labels, probability)),
    )


def calibration_table(
    labels: np.ndarray, probability: np.ndarray, bins: int = CALIBRATION_BINS
) -> list[dict[str, float]]:
    """Split rows into equal-count bins of predicted probability and compare.

    Returns one entry per bin, lowest probabilities first: observations, mean
    predicted probability and observed positive rate.
    """
    frame = pd.DataFrame({"label": labels, "probability": probability})
    frame = frame.sort_values("probability", kind="mergesort").reset_index(drop=True)
    frame["bin"] = (np.arange(len(frame)) * bins) // len(frame)
    table = frame.groupby("bin").agg(
        observations=("label", "size"),
        mean_probability=("probability", "mean"),
        observed_rate=("label", "mean"),
    )
    return [
        {
            "bin": int(bin_index) + 1,
            "observations": int(row.observations),
            "mean_probability": float(row.mean_probability),
            "observed_rate": float(row.observed_rate),
        }
        for bin_index, row in table.iterrows()
    ]
