"""Read the observations, measures and weights seed from a built DuckDB file."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from .errors import CalibrationError

logger = logging.getLogger(__name__)

OBSERVATIONS_TABLE = "fct_account_observations"
DRIVERS_TABLE = "fct_account_health_drivers"
WEIGHTS_TABLE = "health_score_weights"
TARGET_COLUMNS = {
    "activity_churn": "is_activity_churn",
    "subscription_churn": "is_subscription_churn",
    "downgrade": "is_downgrade",
}
# The baseline uses only how much an account used the product: days with
# activity, active users (the data has no logins) and events (the data has
# no session durations).
BASELINE_FEATURES = ("active_days_28d", "active_users_28d", "events_28d")
# The frame contains the baseline features under this prefix, because
# active_days_28d is also a health measure.
BASELINE_PREFIX = "baseline__"


@dataclass(frozen=True)
class SeedRow:
    """One row of the weights seed the database was built with."""

    measure_name: str
    signal: str
    weight: float
    saturation_value: float
    transform: str
    weight_source: str


@dataclass(frozen=True)
class CalibrationData:
    """The labelled observations and the seed they were scored with.

    `frame` has one row per uncensored observation with a label: account_id,
    observation_date, label (0 or 1), health_score, the baseline features
    (prefixed with BASELINE_PREFIX) and one column per seed measure (NaN
    where the measure is missing).
    """

    frame: pd.DataFrame
    seed_rows: tuple[SeedRow, ...]
    label_window_days: int
    target_label: str

    @property
    def measures(self) -> tuple[str, ...]:
        """Return the measure names in seed order."""
        return tuple(row.measure_name for row in self.seed_rows)


def _find_schema(connection: duckdb.DuckDBPyConnection, table: str, database: Path) -> str:
    rows = connection.execute(
        "select table_schema from information_schema.tables where table_name = ? order by 1",
        [table],
    ).fetchall()
    if not rows:
        raise CalibrationError(
            f"table {table} not found in {database}: run `dbt build` on this branch of the "
            "project first, then run the calibration on the database it wrote"
        )
    if len(rows) > 1:
        schemas = ", ".join(row[0] for row in rows)
        raise CalibrationError(
            f"table {table} found in several schemas of {database} ({schemas}): "
            "point --database at a database built by one project"
        )
    return rows[0][0]


def _read_seed(connection: duckdb.DuckDBPyConnection, schema: str) -> tuple[SeedRow, ...]:
    # rowid keeps the order of the seed file, which the written seed repeats.
    rows = connection.execute(
        f"select measure_name, signal, weight, saturation_value, "
        f"coalesce(transform, 'linear'), coalesce(weight_source, '') "
        f"from {schema}.{WEIGHTS_TABLE} order by rowid"
    ).fetchall()
    return tuple(
        SeedRow(
            measure_name=name,
            signal=signal,
            weight=float(weight),
            saturation_value=float(saturation),
            transform=transform,
            weight_source=source,
        )
        for name, signal, weight, saturation, transform, source in rows
    )


def load_calibration_data(database: Path, target_label: str) -> CalibrationData:
    """Read the labelled observations of one target label from a DuckDB file.

    The file is opened read-only, so it must not be open for writing (by a
    running dbt) at the same time.

    Args:
        database: DuckDB file written by `dbt build`.
        target_label: one of TARGET_COLUMNS.

    Raises:
        CalibrationError: when the file or a table is missing, the file is
            locked by a writer, or no observation has the label.
    """
    if target_label not in TARGET_COLUMNS:
        raise CalibrationError(
            f"invalid target label {target_label!r}: use one of {', '.join(TARGET_COLUMNS)}"
        )
    if not database.is_file():
        raise CalibrationError(f"database {database} not found: run `dbt build` first")
    try:
        connection = duckdb.connect(str(database), read_only=True)
    except duckdb.Error as error:
        raise CalibrationError(
            f"cannot open {database} read-only ({error}); wait until dbt has finished writing it"
        ) from error
    try:
        return _load(connection, database, target_label)
    finally:
        connection.close()


def _load(
    connection: duckdb.DuckDBPyConnection, database: Path, target_label: str
) -> CalibrationData:
    marts_schema = _find_schema(connection, OBSERVATIONS_TABLE, database)
    drivers_schema = _find_schema(connection, DRIVERS_TABLE, database)
    seed_schema = _find_schema(connection, WEIGHTS_TABLE, database)
    seed_rows = _read_seed(connection, seed_schema)
    label_column = TARGET_COLUMNS[target_label]

    baseline_columns = ", ".join(
        f"observations.{name} as {BASELINE_PREFIX}{name}" for name in BASELINE_FEATURES
    )
    observations = connection.execute(
        f"""
        select
            observations.account_id,
            observations.week_start_date,
            observations.observation_date,
            datediff('day', observations.observation_date,
                observations.label_window_end_date) as label_window_days,
            cast(observations.{label_column} as integer) as label,
            observations.health_score,
            {baseline_columns}
        from {marts_schema}.{OBSERVATIONS_TABLE} as observations
        where
            not observations.is_censored
            and observations.{label_column} is not null
            and observations.health_score is not null
        order by observations.observation_date, observations.account_id
        """
    ).df()
    if observations.empty:
        raise CalibrationError(
            f"no uncensored observation in {database} has the label {target_label}: the data "
            "may be too short for a full label window, or has no subscriptions"
        )
    logger.info(
        "read %s labelled observations from %s.%s",
        len(observations),
        marts_schema,
        OBSERVATIONS_TABLE,
    )

    measures = connection.execute(
        f"""
        select drivers.account_id, drivers.week_start_date, drivers.measure_name,
            drivers.measure_value
        from {drivers_schema}.{DRIVERS_TABLE} as drivers
        inner join {marts_schema}.{OBSERVATIONS_TABLE} as observations
            on drivers.account_id = observations.account_id
            and drivers.week_start_date = observations.week_start_date
        where not observations.is_censored
        """
    ).df()
    wide = measures.pivot_table(
        index=["account_id", "week_start_date"],
        columns="measure_name",
        values="measure_value",
        aggfunc="first",
        dropna=False,
    )
    frame = observations.merge(
        wide.reset_index(), on=["account_id", "week_start_date"], how="left", validate="1:1"
    )
    for row in seed_rows:
        if row.measure_name not in frame:
            frame[row.measure_name] = np.nan
    frame["observation_date"] = pd.to_datetime(frame["observation_date"]).dt.date
    frame = frame.drop(columns=["week_start_date"]).reset_index(drop=True)

    window_days = int(frame["label_window_days"].iloc[0])
    return CalibrationData(
        frame=frame.drop(columns=["label_window_days"]),
        seed_rows=seed_rows,
        label_window_days=window_days,
        target_label=target_label,
    )
