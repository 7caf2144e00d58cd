"""The benchmark script runs end to end on a tiny data set and writes its report.

Speed is not asserted here (it depends on the machine): only that every measure is reported.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "bench" / "run.py"
MEASURES = ("start to dashboard ready", "key press to the screen", "key press to the change",
            "sendoff due", "resident memory")


def test_the_benchmark_reports_every_measure(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, str(BENCH), "--clients", "15", "--runs", "1", "--presses", "3",
         "--out", str(out)],
        check=False, cwd=BENCH.parents[2], capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = out.read_text()
    assert report.startswith("# Sendoff benchmark")
    for fact in ("- Date:", "- Machine:", "Python", "textual", "15 demo clients", "MB", "- Runs:"):
        assert fact in report

    lines = report.splitlines()
    start = lines.index("| measure | Sendoff | reference | ratio / value | goal | met? |")
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    assert len(rows) == len(MEASURES)
    for cells, measure in zip(rows, MEASURES, strict=True):
        assert measure in cells[0]
        assert len(cells) == 6
        assert re.search(r"\d", cells[1]) and re.search(r"\d", cells[3]), cells
        assert cells[5] in {"yes", "no"}
    assert report in done.stdout  # printed as well as written
