"""The benchmark script runs end to end on a tiny data set and writes its report.

Speed is not asserted here (it depends on the machine): only that every measure is reported.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

BENCH = Path(__file__).resolve().parent / "bench" / "run.py"
SPEC = importlib.util.spec_from_file_location("bench_run", BENCH)
bench = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench)
MEASURES = ("start to dashboard drawn", "start to settled", "no save running",
            "while saves run", "every step key", "key press to the change durable",
            "one-change script", "sendoff due --within 30` (median)", "0 days after",
            "60 days after", "365 days after", "sendoff check", "sendoff export-ics",
            "applied at once", "queued", "resident memory")
SIZES = (10, 20)


def rows_after(lines: list[str], start: int) -> list[list[str]]:
    """The cells of a Markdown table's rows, from its header line at ``start``."""
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_the_benchmark_reports_every_measure_at_every_size_and_how_it_grows(
        tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, str(BENCH), "--sizes", ",".join(map(str, SIZES)), "--runs", "1",
         "--presses", "3", "--out", str(out)],
        check=False, cwd=BENCH.parents[2], capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = out.read_text()
    assert report.startswith("# Sendoff benchmark")
    for fact in ("- Date:", "- Machine:", "Python", "textual", "- Runs:"):
        assert fact in report
    lines = report.splitlines()

    tables = [index for index, line in enumerate(lines)
              if line == "| measure | Sendoff | reference | ratio / value | goal | met? |"]
    assert len(tables) == len(SIZES)
    for size, start in zip(SIZES, tables, strict=True):
        assert lines[start - 2].startswith(f"## {size} clients (") and "MB)" in lines[start - 2]
        rows = rows_after(lines, start)
        assert len(rows) == len(MEASURES)
        for cells, measure in zip(rows, MEASURES, strict=True):
            assert measure in cells[0]
            assert len(cells) == 6
            assert re.search(r"\d", cells[1]) and re.search(r"\d", cells[3]), cells
            assert cells[5] in {"yes", "no"}

    start = next(index for index, line in enumerate(lines) if line.startswith("| measure | 10 "))
    grown = rows_after(lines, start)
    assert [cells[0] for cells in grown] == [cells[0] for cells in rows_after(lines, tables[0])]
    for cells in grown:
        assert len(cells) == len(SIZES) + 2 and re.fullmatch(r"[\d.]+x", cells[-1]), cells
    assert "Key press to durable at 20 clients against 10:" in report
    assert "A one-change script at 20 clients against 10:" in report
    assert report in done.stdout  # printed as well as written


class OneLine(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(Text("☐ Logo files"), id="line")


async def test_the_frames_the_benchmark_times_are_the_ones_written_to_the_terminal() -> None:
    """The benchmark times a key press to the frame written to a driver that says it is not
    headless; if Textual stopped writing frames to such a driver, this fails rather than the
    benchmark timing nothing."""
    watch = bench.ScreenWatch()
    app = OneLine()
    app.driver_class = watch.driver_class
    async with app.run_test(headless=False, size=(40, 5)) as pilot:
        watch.watch(0, range(40))
        watch.expect("☐")
        app.query_one("#line", Static).update(Text("☑ Logo files"))
        for _ in range(50):
            await pilot.pause()
            if watch.shown_at is not None:
                break
    assert watch.shown_at is not None, "no frame with the tick was written to the driver"
