"""Turn measures into scores between 0 and 1 and group correlated ones."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

logger = logging.getLogger(__name__)

SATURATION_QUANTILE = 0.95
# Sample skewness above which a measure is scored on ln(1 + x).
LOG_SKEWNESS = 1.0


@dataclass(frozen=True)
class MeasureScale:
    """Transform and saturation value that turn one measure into a score, as in dbt."""

    name: str
    signal: str
    transform: str
    saturation_value: float

    def share(self, values: np.ndarray) -> np.ndarray:
        """Return min(max(t(value) / t(saturation), 0), 1); NaN stays NaN."""
        values = np.asarray(values, dtype=float)
        if self.transform == "log1p":
            ratio = np.log1p(np.maximum(values, 0)) / np.log1p(self.saturation_value)
        else:
            ratio = values / self.saturation_value
        return np.clip(ratio, 0.0, 1.0)

    def score(self, values: np.ndarray) -> np.ndarray:
        """Return the share for an accelerator, one minus it for a decelerator."""
        share = self.share(values)
        return share if self.signal == "accelerator" else 1.0 - share


@dataclass(frozen=True)
class DroppedMeasure:
    """A measure left out of the fit, and why."""

    name: str
    reason: str


def fit_scales(
    train: pd.DataFrame, signals: dict[str, str]
) -> tuple[list[MeasureScale], list[DroppedMeasure]]:
    """Choose each measure's transform and saturation value on the fitting rows.

    A measure without values or with a single value is dropped, because it
    cannot separate anything; it is logged as a warning.

    Args:
        train: the fitting observations, one column per measure.
        signals: declared signal (accelerator or decelerator) per measure.
    """
    scales: list[MeasureScale] = []
    dropped: list[DroppedMeasure] = []
    for name, signal in signals.items():
        values = train[name].dropna().astype(float)
        if values.empty:
            reason = "no values in the fitting weeks"
        elif values.nunique() < 2:
            reason = f"constant ({values.iloc[0]:g}) in the fitting weeks"
        else:
            reason = ""
        if reason:
            logger.warning("measure %s dropped: %s", name, reason)
            dropped.append(DroppedMeasure(name, reason))
            continue

        skewness = float(values.skew())
        transform = "log1p" if skewness > LOG_SKEWNESS and values.min() >= 0 else "linear"
        saturation = float(values.quantile(SATURATION_QUANTILE))
        if saturation <= 0:
            saturation = float(values.max())
        # The seed stores six significant digits; scoring with the stored
        # value keeps the reported figures equal to what dbt computes.
        saturation = float(f"{saturation:.6g}")
        if saturation <= 0:
            logger.warning("measure %s dropped: no positive value", name)
            dropped.append(DroppedMeasure(name, "no positive value in the fitting weeks"))
            continue
        scales.append(MeasureScale(name, signal, transform, saturation))
        logger.debug(
            "measure %s: skewness %.2f, transform %s, saturation %.4g",
            name,
            skewness,
            transform,
            saturation,
        )
    return scales, dropped


def score_measures(frame: pd.DataFrame, scales: list[MeasureScale]) -> pd.DataFrame:
    """Return one score column per scaled measure, NaN where the measure is missing."""
    return pd.DataFrame(
        {scale.name: scale.score(frame[scale.name].to_numpy()) for scale in scales},
        index=frame.index,
    )


def group_correlated(scores: pd.DataFrame, threshold: float) -> list[tuple[str, ...]]:
    """Group measures whose scores correlate at `threshold` or more (Spearman).

    Average linkage joins two groups when the mean correlation between their
    members reaches the threshold. Only positive correlation groups: two
    scores that move against each other measure different things. Groups
    keep the column order, and so do their members.
    """
    names = list(scores.columns)
    if len(names) < 2:
        return [(name,) for name in names]
    correlation = scores.corr(method="spearman").fillna(0.0).to_numpy()
    distance = np.clip(1.0 - correlation, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    distance = (distance + distance.T) / 2.0
    tree = linkage(squareform(distance, checks=False), method="average")
    cluster_ids = fcluster(tree, t=1.0 - threshold, criterion="distance")

    groups: dict[int, list[str]] = {}
    for name, cluster_id in zip(names, cluster_ids, strict=True):
        groups.setdefault(int(cluster_id), []).append(name)
    ordered = sorted(groups.values(), key=lambda members: names.index(members[0]))
    for members in ordered:
        if len(members) > 1:
            logger.info("measures grouped as one behaviour: %s", ", ".join(members))
    return [tuple(members) for members in ordered]


def group_scores(scores: pd.DataFrame, groups: list[tuple[str, ...]]) -> pd.DataFrame:
    """Return one column per group: the mean of its members' available scores."""
    return pd.DataFrame(
        {group_name(group): scores[list(group)].mean(axis=1) for group in groups},
        index=scores.index,
    )


def group_name(group: tuple[str, ...]) -> str:
    """Return the column name of a group: its members joined by '+'."""
    return "+".join(group)
