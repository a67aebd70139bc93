"""Command line: python -m python_helpers.benchmark --work-dir DIR [options]."""

from __future__ import annotations

import sys

from .harness import main

if __name__ == "__main__":
    sys.exit(main())
