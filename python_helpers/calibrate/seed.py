"""Render the calibrated weights as the health_score_weights seed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .calibration import CalibrationResult

SEED_COLUMNS = (
    "measure_name",
    "signal",
    "weight",
    "saturation_value",
    "transform",
    "weight_source",
    "fitted_at",
    "fit_window_start",
    "fit_window_end",
    "sample_size",
    "holdout_auc",
)


def render_seed(result: CalibrationResult, fitted_at: str) -> str:
    """Return the seed CSV text: one row per measure, in the order of the input seed.

    Args:
        result: the calibration.
        fitted_at: when the calibration ran, ISO 8601 in UTC.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SEED_COLUMNS)
    for measure in result.measures:
        writer.writerow(
            [
                measure.name,
                measure.declared_signal,
                f"{measure.weight:.6f}",
                f"{measure.saturation_value:.6g}",
                measure.transform,
                "calibrated",
                fitted_at,
                result.split.fit_start.isoformat(),
                result.split.fit_end.isoformat(),
                result.split.fit_observations,
                f"{result.holdout_auc:.4f}",
            ]
        )
    return buffer.getvalue()


def write_seed(text: str, path: Path) -> None:
    """Write the seed text to path, creating its folder.

    Raises:
        OSError: when the file cannot be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
