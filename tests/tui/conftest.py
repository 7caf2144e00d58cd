"""Helpers for tests that drive the app."""

from __future__ import annotations

import asyncio
import html
import json
import re
import shlex
import sys
from pathlib import Path

import pytest

CELL_WIDTH = 12.2  # of a character in the SVG Textual exports, in its units


def _screen_text(app) -> str:
    """The text on the app's screen right now, as a person would read it."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", "", line) for line in lines)).replace(
        "\xa0", " ")


def _screen_runs(app) -> list[tuple[int, int, str, str]]:
    """Each run of text on the app's screen right now: its row, column, style class and text."""
    svg = app.export_screenshot()
    return [(int(row), round(float(x) / CELL_WIDTH), style, html.unescape(text).replace("\xa0", " "))
            for style, x, row, text in re.findall(
                r'<text class="([\w-]+)" x="([\d.]+)"[^>]*clip-path="url\(#[\w-]*line-(\d+)\)"'
                r'[^>]*>(.*?)</text>', svg, flags=re.S)]


def _screen_lines(app) -> list[str]:
    """The app's screen right now, one string a row, each character in its column."""
    rows = [""] * app.size.height
    for row, column, _, text in _screen_runs(app):
        rows[row] = rows[row].ljust(column) + text
    return [row.rstrip() for row in rows]


def _screen_style(app, row: int, column: int) -> str:
    """The style class (of the app's screenshot) of the text at ``row`` and ``column``."""
    return next(style for at_row, at_column, style, text in _screen_runs(app)
                if at_row == row and at_column <= column < at_column + len(text))


@pytest.fixture
def screen_text():
    """``screen_text(app)``: everything visible on the app's screen, as text."""
    return _screen_text


@pytest.fixture
def screen_lines():
    """``screen_lines(app)``: the rows of the app's screen, as text in their columns."""
    return _screen_lines


@pytest.fixture
def screen_style():
    """``screen_style(app, row, column)``: the style of the text there (rows from 0; -1 is the
    bottom row), to compare with another cell's of the same screen."""
    return lambda app, row, column: _screen_style(app, row % app.size.height, column)


async def _run_command(pilot, query: str) -> None:
    """Ctrl+p, ``query`` typed, then enter: the first command found for it is run."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause(0.3)  # the palette gathers its commands in a worker
    await pilot.press("enter")
    await pilot.pause()


@pytest.fixture
def run_command():
    """``await run_command(pilot, query)``: run the first palette command found for ``query``,
    as a user does."""
    return _run_command


async def _wait_until_open(app, pilot) -> None:
    await asyncio.to_thread(lambda: app.repo)
    await pilot.pause()


@pytest.fixture
def wait_until_open():
    """``await wait_until_open(app, pilot)``: until the data file, which the app opens behind
    the dashboard, is open (or could not be) and the app has dealt with it."""
    return _wait_until_open


async def _typed_not_saved(app, pilot, text: str):
    """Open the first client's step 1 and type ``text`` in its notice terms without leaving
    the field (so nothing is saved yet); returns the field."""
    from tui.screens.stand import StandScreen

    await _wait_until_open(app, pilot)
    await pilot.press("1")
    await pilot.pause()
    assert isinstance(app.screen, StandScreen)
    field = app.screen.query_one("#field-termination_terms")
    field.focus()
    await pilot.press(*text)
    return field


@pytest.fixture
def typed_not_saved():
    """``await typed_not_saved(app, pilot, text)``: text typed in a field of step 1, not saved
    yet (the file opened first)."""
    return _typed_not_saved


def _inside(line: str) -> str:
    """A line of the help without the box's border around it, nor its scrollbar."""
    line = line.strip()
    line = line[1:-1].strip() if line[:1] == line[-1:] == "█" else line
    return line.rstrip("▁▂▃▄▅▆▇█▔ ")


async def _help_lines(app, pilot) -> list[str]:
    from tui.screens.help import HelpScreen

    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    box = app.screen.query_one("#help")
    lines: list[str] = []
    while True:
        lines += [_inside(line) for line in _screen_lines(app)[:-1]]  # not the footer
        if box.scroll_y >= box.max_scroll_y:
            return [line for line in lines if line]
        box.scroll_page_down(animate=False)
        await pilot.pause()


@pytest.fixture
def help_lines():
    """``await help_lines(app, pilot)``: press ? and read every line of the help as a reader
    does, a page at a time to its end."""
    return _help_lines


EDITOR_SCRIPT = """\
import json, os, sys
record, writes, status, path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
with open(path, encoding="utf-8") as file:
    given = file.read()
folder = os.path.dirname(path)
with open(record, "w", encoding="utf-8") as file:
    json.dump({"path": path, "given": given, "mode": os.stat(path).st_mode,
               "folder_mode": os.stat(folder).st_mode}, file)
if writes != "-":
    with open(path, "w", encoding="utf-8") as file:
        file.write(writes + "\\n")  # as editors end the last line
sys.exit(status)
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``editor(writes, status=0, variable="EDITOR")``: a real program set as the user's editor
    that records what it was given (the file's text, mode and folder), writes ``writes`` and a
    newline ("-": writes nothing) and exits with ``status``; returns what it recorded, later."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)

    def use(writes: str, status: int = 0, variable: str = "EDITOR"):
        record = tmp_path / f"record-{variable}.json"
        monkeypatch.setenv(variable, shlex.join(
            [sys.executable, str(script), str(record), writes, str(status)]))
        return lambda: json.loads(record.read_text(encoding="utf-8"))

    return use


def add_clients(db_path: Path, *clients) -> None:
    """Store ``clients`` in the data file at ``db_path``, as a session before this one did."""
    from storage.persistence.repository import Repository

    with Repository(db_path) as repository:
        for client in clients:
            repository.add_client(client)
