"""Run the dbt project into a throw-away database and read the results.

The tests call dbt in a subprocess, as a user would, so that every run
starts from a clean process and DuckDB's single-writer lock (or Spark's
embedded metastore) is released before the results are opened.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[2]
SHARED_DATA_DIR = PROJECT_DIR.parent / "shared" / "data"
CRM6_DIR = SHARED_DATA_DIR / "crm6"
DBT_TIMEOUT_S = 1800


@dataclass(frozen=True)
class DbtRun:
    """The outcome of one dbt command: its exit code, output and database."""

    returncode: int
    output: str
    database_path: Path

    def connect(self) -> duckdb.DuckDBPyConnection:
        """Open the built database read-only."""
        return duckdb.connect(str(self.database_path), read_only=True)


def run_dbt(
    database_path: Path,
    data_dir: Path,
    *args: str,
    source_format: str = "canonical",
    extra_env: dict[str, str] | None = None,
    project_dir: Path = PROJECT_DIR,
    target: str = "duckdb",
) -> DbtRun:
    """Run `dbt <args>` on the project with the inputs in data_dir.

    Args:
        database_path: DuckDB file to build into; on other targets its folder
            contains dbt's target and log folders.
        data_dir: folder with the input files (ADOPTION_DATA_DIR).
        *args: the dbt command and its options, for example "build".
        source_format: value of ADOPTION_SOURCE_FORMAT.
        extra_env: further environment variables for the run.
        project_dir: the dbt project to run, by default this repository.
        extra_env: further environment variables for the run, such as the
            connection settings of the spark and postgres targets.
        target: the profile output, value of ADOPTION_TARGET.

    Raises:
        subprocess.TimeoutExpired: when dbt runs longer than DBT_TIMEOUT_S.
    """
    env = dict(os.environ)
    env.update(
        {
            "ADOPTION_DUCKDB_PATH": str(database_path),
            "ADOPTION_DATA_DIR": str(data_dir),
            "ADOPTION_SOURCE_FORMAT": source_format,
            "ADOPTION_TARGET": target,
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
    )
    env.update(extra_env or {})
    dbt_executable = Path(sys.executable).with_name("dbt")
    completed = subprocess.run(
        [
            str(dbt_executable),
            *args,
            "--project-dir",
            str(project_dir),
            "--profiles-dir",
            str(project_dir),
            "--target-path",
            str(database_path.parent / "target"),
            "--log-path",
            str(database_path.parent / "logs"),
        ],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=DBT_TIMEOUT_S,
        check=False,
    )
    return DbtRun(completed.returncode, completed.stdout + completed.stderr, database_path)


def build_or_fail(run: DbtRun) -> DbtRun:
    """Return the run, or raise AssertionError with dbt's output when it failed."""
    if run.returncode != 0:
        # Spark appends long Java stack traces, so dbt's own error lines are
        # listed first and the tail of the output after them.
        error_lines = [line for line in run.output.splitlines() if "Error" in line]
        raise AssertionError(
            f"dbt failed with exit code {run.returncode}:\n"
            + "\n".join(error_lines[:40])
            + "\n...\n"
            + run.output[-4000:]
        )
    return run
