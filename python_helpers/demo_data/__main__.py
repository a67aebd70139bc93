"""Command line: python -m python_helpers.demo_data --out DIR [options]."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
import time
from pathlib import Path

from .catalog import write_event_catalog
from .simulate import MAX_ACCOUNTS, MAX_MONTHS, SimulationConfig
from .write import FORMATS, write_dataset

logger = logging.getLogger("python_helpers.demo_data")


def _int_in_range(low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid integer: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is out of range: use {low} to {high:,}")
        return value

    return parse


def _monday(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date: {text!r}, expected YYYY-MM-DD") from None
    if day.weekday() != 0:
        previous_monday = day - dt.timedelta(days=day.weekday())
        raise argparse.ArgumentTypeError(
            f"{day.isoformat()} is a {day.strftime('%A')}, but the start must be a Monday, "
            f"such as {previous_monday.isoformat()}"
        )
    return day


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m python_helpers.demo_data",
        description=(
            "Simulate a project-management SaaS product and write its events, users, "
            "accounts, subscriptions and support tickets in the canonical input contract. "
            "The same arguments always give byte-identical files."
        ),
    )
    parser.add_argument("--out", type=Path, required=True, help="output folder; created if missing")
    parser.add_argument(
        "--accounts",
        type=_int_in_range(1, MAX_ACCOUNTS),
        default=250,
        help="number of customer accounts (default: %(default)s)",
    )
    parser.add_argument(
        "--seed",
        type=_int_in_range(0, 2**63 - 1),
        default=7,
        help="seed of the random streams (default: %(default)s)",
    )
    parser.add_argument(
        "--start",
        type=_monday,
        default=dt.date(2025, 1, 6),
        help="first simulated day, a Monday in YYYY-MM-DD form (default: %(default)s)",
    )
    parser.add_argument(
        "--months",
        type=_int_in_range(1, MAX_MONTHS),
        default=18,
        help="length of the simulated period in calendar months (default: %(default)s)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="parquet",
        help="file format; CSV files have a header row (default: %(default)s)",
    )
    parser.add_argument(
        "--row-group-size",
        type=_int_in_range(1_000, 100_000_000),
        default=1_000_000,
        help=(
            "maximum rows per Parquet row group or per CSV write; the data does not "
            "depend on it (default: %(default)s)"
        ),
    )
    parser.add_argument(
        "--write-catalog",
        type=Path,
        metavar="PATH",
        help="also write the event catalog CSV to PATH, such as seeds/event_catalog_demo.csv",
    )
    parser.add_argument("--verbose", action="store_true", help="log progress per block of accounts")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code: 0, 1 on failure, 2 for invalid arguments."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_request:
        return int(exit_request.code or 0)

    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logger.setLevel(logging.DEBUG if args.verbose else logging.INFO)

    config = SimulationConfig(
        accounts=args.accounts, seed=args.seed, start=args.start, months=args.months
    )
    logger.info(
        "simulating %s accounts from %s to %s with seed %s",
        config.accounts,
        config.start,
        config.end,
        config.seed,
    )
    started = time.perf_counter()
    try:
        paths = write_dataset(config, args.out, args.format, args.row_group_size)
        if args.write_catalog is not None:
            write_event_catalog(args.write_catalog)
            paths["event_catalog"] = args.write_catalog
    except OSError as error:
        logger.error("writing to %s failed: %s", args.out, error)
        return 1
    logger.info("finished in %.1f s", time.perf_counter() - started)
    for name, path in paths.items():
        print(f"{name}\t{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
