"""Time units and working-hours times of the simulation.

Times are integers in milliseconds since midnight UTC of the first simulated
day, and days are integer indexes from that day.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

MS_PER_SECOND = 1_000
MS_PER_MINUTE = 60_000
MS_PER_HOUR = 3_600_000
MS_PER_DAY = 86_400_000
# Day index of something that never happens within the simulation.
NEVER = 1 << 30


def local_time_ms(
    rng: np.random.Generator,
    day: np.ndarray,
    utc_offset_ms: np.ndarray,
    mean_hour: float,
    sd_hour: float,
) -> np.ndarray:
    """Draw a time of day in each account's local working hours and return it in UTC.

    The local hour is normal with the given mean and standard deviation,
    clipped to 06:30-21:30. A time that falls before the start of the
    simulation, which happens only on day 0 east of UTC, moves one day later.
    """
    hour = np.clip(rng.normal(mean_hour, sd_hour, size=np.shape(day)), 6.5, 21.5)
    time_ms = np.asarray(day, dtype=np.int64) * MS_PER_DAY + (hour * MS_PER_HOUR).astype(np.int64)
    time_ms -= utc_offset_ms
    return np.where(time_ms < 0, time_ms + MS_PER_DAY, time_ms)


def date_epoch_ms(day: dt.date) -> int:
    """Return midnight UTC of `day` in milliseconds since 1970-01-01."""
    return (day - dt.date(1970, 1, 1)).days * MS_PER_DAY
