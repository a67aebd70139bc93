"""The error the calibration raises for data it cannot fit."""

from __future__ import annotations


class CalibrationError(Exception):
    """Raised when the input cannot give a meaningful calibration. The message gives the reason."""
