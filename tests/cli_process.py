"""The command line run as a real process from this checkout, in the tests' environment (the
pinned day and private folders that the autouse fixture in conftest.py sets)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sendoff(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``sendoff ARGS...`` as `python -m tui`, its output as text."""
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          env=env or os.environ.copy(), cwd=ROOT, timeout=60)
