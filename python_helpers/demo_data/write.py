"""Write a simulation as Parquet or CSV files of the canonical input contract."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from .contract import SCHEMAS
from .planted import planted_effects
from .simulate import Simulation, SimulationConfig

logger = logging.getLogger(__name__)

FORMATS = ("parquet", "csv")
PLANTED_EFFECTS_FILE = "planted_effects.json"
# Fixed writer settings, so that equal tables give equal bytes.
_PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "version": "2.6",
    "data_page_version": "1.0",
    "write_statistics": True,
    # Sequential ids and sorted times compress better as deltas.
    "use_dictionary": [
        "user_id",
        "account_id",
        "event_name",
        "properties",
        "email",
        "account_name",
        "plan",
        "segment",
        "category",
        "feature",
        "priority",
    ],
    "column_encoding": {"event_id": "DELTA_BYTE_ARRAY", "occurred_at": "DELTA_BINARY_PACKED"},
}


class _TableWriter:
    """Append tables of one schema to a Parquet or CSV file."""

    def __init__(self, path: Path, schema: pa.Schema, file_format: str) -> None:
        self._format = file_format
        if file_format == "parquet":
            self._writer: Any = pq.ParquetWriter(path, schema, **_PARQUET_OPTIONS)
        else:
            options = pa_csv.WriteOptions(include_header=True, quoting_style="needed")
            self._writer = pa_csv.CSVWriter(path, schema, write_options=options)

    def write(self, table: pa.Table, row_group_size: int) -> None:
        if self._format == "parquet":
            self._writer.write_table(table, row_group_size=row_group_size)
        else:
            self._writer.write_table(table, max_chunksize=row_group_size)

    def close(self) -> None:
        self._writer.close()


def write_dataset(
    config: SimulationConfig,
    out_dir: Path,
    file_format: str = "parquet",
    row_group_size: int = 1_000_000,
) -> dict[str, Path]:
    """Simulate and write every table and planted_effects.json to `out_dir`.

    Events are written block by block, so memory holds one block of events at a
    time. The other tables are small and are written at the end. Each file is
    first written under a temporary name and renamed when all are complete, so
    a failed run leaves the previous files in place. Returns the path of each
    file written, keyed by table name.
    """
    if file_format not in FORMATS:
        raise ValueError(f"file_format must be one of {', '.join(FORMATS)}, got {file_format!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    final_paths = {name: out_dir / f"{name}.{file_format}" for name in SCHEMAS}
    final_paths["planted_effects"] = out_dir / PLANTED_EFFECTS_FILE
    partial_paths = {
        name: path.with_name(f".{path.name}.partial") for name, path in final_paths.items()
    }

    try:
        _write_partial_files(config, partial_paths, file_format, row_group_size)
        for name, path in partial_paths.items():
            os.replace(path, final_paths[name])
    finally:
        for path in partial_paths.values():
            path.unlink(missing_ok=True)
    return final_paths


def _write_partial_files(
    config: SimulationConfig,
    paths: dict[str, Path],
    file_format: str,
    row_group_size: int,
) -> None:
    simulation = Simulation(config)
    small_tables: dict[str, list[pa.Table]] = {
        "users": [simulation.staff_users()],
        "accounts": [],
        "subscriptions": [],
        "support_tickets": [],
    }
    stats = []
    events_writer = _TableWriter(paths["events"], SCHEMAS["events"], file_format)
    try:
        for index, block in enumerate(simulation.blocks()):
            events_writer.write(block.events, row_group_size)
            small_tables["users"].append(block.users)
            small_tables["accounts"].append(block.accounts)
            small_tables["subscriptions"].append(block.subscriptions)
            small_tables["support_tickets"].append(block.support_tickets)
            stats.append(block.stats)
            logger.debug(
                "block %s: %s accounts, %s events",
                index,
                block.accounts.num_rows,
                block.events.num_rows,
            )
    finally:
        events_writer.close()

    for name, tables in small_tables.items():
        writer = _TableWriter(paths[name], SCHEMAS[name], file_format)
        try:
            writer.write(pa.concat_tables(tables), row_group_size)
        finally:
            writer.close()

    arguments = {
        "seed": config.seed,
        "accounts": config.accounts,
        "start": config.start.isoformat(),
        "months": config.months,
        "end": config.end.isoformat(),
        "format": file_format,
    }
    effects = planted_effects(
        arguments, config.release_date.isoformat(), stats, simulation.staff_user_ids
    )
    paths["planted_effects"].write_text(json.dumps(effects, indent=2) + "\n", encoding="utf-8")
