"""Generate demo data of several sizes, build the project on it and time every step."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import shutil
import sys
from importlib import metadata
from pathlib import Path

import duckdb

from .measure import Measurement, measure

logger = logging.getLogger("python_helpers.benchmark")

PROJECT_DIR = Path(__file__).resolve().parents[2]
# The demo generator writes about 1,330 events per account over its default
# 18 months, so these give about 1M, 10M and 100M events.
DEFAULT_ACCOUNTS = (750, 7_500, 75_000)
SMALL_TABLES = ("accounts", "users", "subscriptions", "support_tickets")
TOP_MODELS = 10

_FLOOR_SCRIPT = """
import sys, duckdb
database, events_glob, memory_limit, temp_directory = sys.argv[1:5]
connection = duckdb.connect(database)
connection.execute("set TimeZone = 'UTC'")
connection.execute("set preserve_insertion_order = false")
connection.execute(f"set memory_limit = '{memory_limit}'")
connection.execute(f"set temp_directory = '{temp_directory}'")
connection.execute(
    "create or replace table account_days as "
    "select account_id, cast(occurred_at as date) as activity_date, "
    "count(*) as events, count(distinct user_id) as active_users "
    "from read_parquet(?) group by 1, 2",
    [events_glob],
)
print(connection.execute("select count(*) from account_days").fetchone()[0])
"""


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m python_helpers.benchmark",
        description=(
            "Generate the demo product at each size, then time a full dbt build on all "
            "days but the last, an incremental dbt build that adds the last day, and one "
            "DuckDB pass over the same events (the floor). Results go to a JSON file."
        ),
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        required=True,
        help="folder for generated data, databases and logs; keep it outside the repository",
    )
    parser.add_argument(
        "--accounts",
        type=int,
        nargs="+",
        default=list(DEFAULT_ACCOUNTS),
        help="demo sizes in accounts, about 1,330 events each (default: %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=7, help="demo seed (default: %(default)s)")
    parser.add_argument(
        "--memory-limit",
        default="80%",
        help="DuckDB memory_limit for dbt and the floor, such as 12GB (default: %(default)s)",
    )
    parser.add_argument(
        "--skip-incremental",
        action="store_true",
        help="time only the full build and the floor",
    )
    parser.add_argument(
        "--results",
        type=Path,
        help="JSON file the results are merged into (default: WORK_DIR/results.json)",
    )
    return parser


def _machine() -> dict[str, object]:
    with open("/proc/meminfo", encoding="utf-8") as meminfo:
        total_kib = int(meminfo.readline().split()[1])
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(total_kib / 1024 / 1024, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "dbt-core": metadata.version("dbt-core"),
        "dbt-duckdb": metadata.version("dbt-duckdb"),
        "duckdb": metadata.version("duckdb"),
    }


def _generate(accounts: int, seed: int, out_dir: Path, log_dir: Path) -> Measurement | None:
    if (out_dir / "events.parquet").exists():
        logger.info("reusing %s", out_dir)
        return None
    logger.info("generating %s accounts into %s", accounts, out_dir)
    command = [
        sys.executable,
        "-m",
        "python_helpers.demo_data",
        "--out",
        str(out_dir),
        "--accounts",
        str(accounts),
        "--seed",
        str(seed),
    ]
    result = measure(command, log_dir / "generate.log", {}, PROJECT_DIR)
    if result.returncode != 0:
        raise RuntimeError(f"demo generation failed, see {result.log_path}")
    return result


def _split_events(data_dir: Path, split_dir: Path) -> dict[str, object]:
    """Write base/ (all days but the last) and full/ (all days) input folders.

    Events are split on their load time (received_at, else occurred_at) at
    the start of the last day anything was received. Rows without a load
    time go to the base.
    """
    base_dir = split_dir / "base"
    full_dir = split_dir / "full"
    connection = duckdb.connect()
    connection.execute("set TimeZone = 'UTC'")
    connection.execute("set enable_progress_bar = false")
    source = str(data_dir / "events.parquet")
    cutoff = connection.execute(
        "select date_trunc('day', max(received_at)) from read_parquet(?)", [source]
    ).fetchone()[0]
    if not (full_dir / "events" / "part-1.parquet").exists():
        shutil.rmtree(split_dir, ignore_errors=True)
        for folder in (base_dir, full_dir):
            (folder / "events").mkdir(parents=True)
            for table in SMALL_TABLES:
                (folder / f"{table}.parquet").symlink_to(data_dir / f"{table}.parquet")
        load_time = "coalesce(received_at, occurred_at)"
        connection.execute(
            f"copy (select * from read_parquet(?) where {load_time} < ? or {load_time} is null) "
            f"to '{base_dir / 'events' / 'part-0.parquet'}' (format parquet, compression zstd)",
            [source, cutoff],
        )
        (full_dir / "events" / "part-0.parquet").symlink_to(base_dir / "events" / "part-0.parquet")
        connection.execute(
            f"copy (select * from read_parquet(?) where {load_time} >= ?) "
            f"to '{full_dir / 'events' / 'part-1.parquet'}' (format parquet, compression zstd)",
            [source, cutoff],
        )
    base_rows, last_day_rows = connection.execute(
        "select (select count(*) from read_parquet(?)), (select count(*) from read_parquet(?))",
        [str(base_dir / "events" / "*.parquet"), str(full_dir / "events" / "part-1.parquet")],
    ).fetchone()
    return {
        "cutoff": cutoff.isoformat(),
        "base_events": base_rows,
        "last_day_events": last_day_rows,
        "base_dir": str(base_dir),
        "full_dir": str(full_dir),
    }


def _model_timings(run_results_path: Path) -> dict[str, object]:
    results = json.loads(run_results_path.read_text(encoding="utf-8"))["results"]
    by_kind: dict[str, float] = {}
    for result in results:
        kind = result["unique_id"].split(".")[0]
        by_kind[kind] = by_kind.get(kind, 0.0) + result["execution_time"]
    models = sorted(
        (r for r in results if r["unique_id"].startswith("model.")),
        key=lambda r: r["execution_time"],
        reverse=True,
    )
    return {
        "seconds_by_kind": {kind: round(seconds, 1) for kind, seconds in by_kind.items()},
        "top_models": [
            {"model": r["unique_id"].split(".")[-1], "seconds": round(r["execution_time"], 1)}
            for r in models[:TOP_MODELS]
        ],
    }


def _dbt_build(
    run_dir: Path, data_dir: str, step: str, env: dict[str, str]
) -> tuple[Measurement, dict[str, object]]:
    target_dir = run_dir / f"target_{step}"
    dbt = str(Path(sys.executable).with_name("dbt"))
    command = [
        dbt,
        "build",
        "--project-dir",
        str(PROJECT_DIR),
        "--profiles-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(target_dir),
        "--log-path",
        str(run_dir / "logs"),
    ]
    logger.info("dbt build (%s) on %s", step, data_dir)
    result = measure(
        command, run_dir / f"dbt_{step}.log", {**env, "ADOPTION_DATA_DIR": data_dir}, PROJECT_DIR
    )
    timings = {}
    if (target_dir / "run_results.json").exists():
        timings = _model_timings(target_dir / "run_results.json")
    return result, timings


def _as_record(result: Measurement, load_before: float) -> dict[str, object]:
    return {
        "returncode": result.returncode,
        "wall_s": round(result.wall_s, 1),
        "cpu_s": round(result.cpu_s, 1),
        "max_rss_mib": round(result.max_rss_mib),
        "load_average_before": round(load_before, 2),
        "log": str(result.log_path),
    }


def _benchmark_size(accounts: int, args: argparse.Namespace) -> dict[str, object]:
    data_dir = args.work_dir / f"demo_{accounts}"
    run_dir = args.work_dir / f"run_{accounts}"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    record: dict[str, object] = {"accounts": accounts, "started_at": dt.datetime.now().isoformat()}

    generated = _generate(accounts, args.seed, data_dir, run_dir)
    if generated is not None:
        record["generate"] = _as_record(generated, 0.0)
    split = _split_events(data_dir, args.work_dir / f"split_{accounts}")
    record["events"] = split

    database = run_dir / "adoption.duckdb"
    env = {
        "ADOPTION_DUCKDB_PATH": str(database),
        "ADOPTION_DUCKDB_MEMORY_LIMIT": args.memory_limit,
        "ADOPTION_DUCKDB_TEMP_DIRECTORY": str(run_dir / "duckdb_tmp"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }

    load_before = os.getloadavg()[0]
    full, full_timings = _dbt_build(run_dir, split["base_dir"], "full", env)
    record["full_build"] = {**_as_record(full, load_before), **full_timings}

    if not args.skip_incremental and full.returncode == 0:
        load_before = os.getloadavg()[0]
        incremental, incremental_timings = _dbt_build(
            run_dir, split["full_dir"], "incremental", env
        )
        record["incremental_build"] = {
            **_as_record(incremental, load_before),
            **incremental_timings,
        }

    logger.info("floor on %s", split["base_dir"])
    load_before = os.getloadavg()[0]
    floor = measure(
        [
            sys.executable,
            "-c",
            _FLOOR_SCRIPT,
            str(run_dir / "floor.duckdb"),
            str(Path(split["base_dir"]) / "events" / "*.parquet"),
            args.memory_limit,
            str(run_dir / "duckdb_tmp"),
        ],
        run_dir / "floor.log",
        {},
        PROJECT_DIR,
    )
    record["floor"] = _as_record(floor, load_before)

    if full.returncode == 0 and floor.returncode == 0:
        record["full_to_floor_ratio"] = round(full.wall_s / floor.wall_s, 1)
        if "incremental_build" in record and record["incremental_build"]["returncode"] == 0:
            record["incremental_to_full_ratio"] = round(
                record["incremental_build"]["wall_s"] / full.wall_s, 3
            )
    return record


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and return the exit code: 0, or 1 when a step failed."""
    args = _build_parser().parse_args(argv)
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logger.setLevel(logging.INFO)
    args.work_dir = args.work_dir.resolve()
    if args.work_dir.is_relative_to(PROJECT_DIR):
        logger.error(
            "--work-dir %s is inside the repository; use a folder such as /tmp", args.work_dir
        )
        return 2
    args.work_dir.mkdir(parents=True, exist_ok=True)
    results_path = args.results or args.work_dir / "results.json"
    results = {}
    if results_path.exists():
        results = json.loads(results_path.read_text(encoding="utf-8"))
    results["machine"] = _machine()
    results.setdefault("sizes", {})

    failed = False
    for accounts in args.accounts:
        record = _benchmark_size(accounts, args)
        results["sizes"][str(accounts)] = record
        results_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        steps = [
            record[name] for name in ("full_build", "incremental_build", "floor") if name in record
        ]
        failed = failed or any(step["returncode"] != 0 for step in steps)
        logger.info("%s accounts: %s", accounts, json.dumps(record, indent=2))
    logger.info("results written to %s", results_path)
    return 1 if failed else 0
