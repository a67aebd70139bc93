"""Command line: python -m python_helpers.calibrate --database FILE [options]."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from .calibration import DEFAULT_CORRELATION_THRESHOLD, DEFAULT_HOLDOUT_WEEKS, calibrate
from .data import TARGET_COLUMNS, load_calibration_data
from .errors import CalibrationError
from .report import verdict, write_report
from .seed import render_seed, write_seed

logger = logging.getLogger("python_helpers.calibrate")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is out of range: use 1 or more")
    return value


def _correlation(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number: {text!r}") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"{value} is out of range: use a value in (0, 1]")
    return value


def _timestamp(text: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid timestamp: {text!r}, expected ISO 8601 such as 2026-07-06T09:00:00Z"
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds") + "Z"


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m python_helpers.calibrate",
        description=(
            "Fit the health score weights to realised churn on a DuckDB file built by "
            "`dbt build`, judge them on the latest weeks, and write the weights seed and a "
            "report. The file is opened read-only, after dbt has finished."
        ),
    )
    parser.add_argument(
        "--database",
        type=Path,
        default=Path("adoption.duckdb"),
        help="DuckDB file written by dbt build (default: %(default)s)",
    )
    parser.add_argument(
        "--target-label",
        choices=list(TARGET_COLUMNS),
        default="activity_churn",
        help="label to predict (default: %(default)s)",
    )
    parser.add_argument(
        "--holdout-weeks",
        type=_positive_int,
        default=DEFAULT_HOLDOUT_WEEKS,
        help="latest observation weeks held out for evaluation (default: %(default)s)",
    )
    parser.add_argument(
        "--correlation-threshold",
        type=_correlation,
        default=DEFAULT_CORRELATION_THRESHOLD,
        help="Spearman correlation at which measures count as one behaviour (default: %(default)s)",
    )
    parser.add_argument(
        "--output-seed",
        type=Path,
        default=Path("seeds/health_score_weights.csv"),
        help="weights seed to write (default: %(default)s)",
    )
    parser.add_argument(
        "--report-dir",
        type=Path,
        default=Path("reports"),
        help="folder for calibration_report.json and .html (default: %(default)s)",
    )
    parser.add_argument(
        "--fitted-at",
        type=_timestamp,
        help="time written to fitted_at, ISO 8601 (default: now, in UTC). "
        "Every other output is the same on every run over the same database",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="fit and print the summary and the seed, but write no file",
    )
    parser.add_argument("--verbose", action="store_true", help="log every fitting step")
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
    logging.getLogger("python_helpers.calibrate").setLevel(
        logging.DEBUG if args.verbose else logging.INFO
    )
    fitted_at = args.fitted_at or _timestamp(dt.datetime.now(dt.UTC).isoformat())

    try:
        data = load_calibration_data(args.database, args.target_label)
        result = calibrate(data, args.holdout_weeks, args.correlation_threshold)
    except CalibrationError as error:
        logger.error("calibration failed: %s", error)
        return 1

    seed_text = render_seed(result, fitted_at)
    print(verdict(result))
    for name, metrics in result.metrics.items():
        print(
            f"{name}\tAUC {metrics.auc:.3f}\ttop-decile lift {metrics.top_decile_lift:.2f}"
            f"\tBrier {metrics.brier:.4f}"
        )
    for measure in result.measures:
        if measure.agrees is False:
            print(f"disagrees with declared signal: {measure.name} ({measure.declared_signal})")

    if args.dry_run:
        logger.info("dry run: %s and the report are not written", args.output_seed)
        print(seed_text, end="")
        return 0
    try:
        write_seed(seed_text, args.output_seed)
        json_path, html_path = write_report(result, fitted_at, str(args.database), args.report_dir)
    except OSError as error:
        logger.error("writing the outputs failed: %s", error)
        return 1
    print(f"seed\t{args.output_seed}")
    print(f"report\t{json_path}")
    print(f"report\t{html_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
