"""Run one command in a child process and measure its wall time and peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Run inside a fresh Python process, so that RUSAGE_CHILDREN covers only the
# measured command and its descendants. Linux reports ru_maxrss in KiB.
_WRAPPER = """
import json, resource, subprocess, sys
completed = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], "w"), stderr=subprocess.STDOUT)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"returncode": completed.returncode, "max_rss_kib": usage.ru_maxrss,
                  "cpu_s": usage.ru_utime + usage.ru_stime}))
"""


@dataclass(frozen=True)
class Measurement:
    """Wall time, CPU time and peak resident memory of one command."""

    returncode: int
    wall_s: float
    cpu_s: float
    max_rss_mib: float
    log_path: Path


def measure(command: list[str], log_path: Path, env: dict[str, str], cwd: Path) -> Measurement:
    """Run `command` with its output in `log_path`, and return what it cost.

    The peak memory is that of the largest single process of the command, as
    getrusage reports it. For dbt that is the dbt process, which runs DuckDB.
    """
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(log_path), *command],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    wall_s = time.perf_counter() - started
    usage = json.loads(completed.stdout.strip().splitlines()[-1])
    return Measurement(
        returncode=usage["returncode"],
        wall_s=wall_s,
        cpu_s=usage["cpu_s"],
        max_rss_mib=usage["max_rss_kib"] / 1024,
        log_path=log_path,
    )
