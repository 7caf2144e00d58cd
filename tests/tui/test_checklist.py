"""The checklists of steps 2, 3 and 5 through the real app: a key press shows at once, the cursor
stays on its item, and the columns fit the terminal with nothing to scroll sideways."""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from screenshots.generate import write_demo_file
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.handover import AssetKind, HandoverItem, HandoverStatus
from storage.records.work import WorkItem
from tui.app import SendoffApp
from tui.bindings import own_bindings
from tui.widgets.checklist import Checklist
from tui.widgets.row_list import RowList

SIZES = [(80, 24), (100, 30)]
HANDOVER = [
    HandoverItem("Site map", location="Drive /acme/map", id="h1"),
    HandoverItem("Source code repository", AssetKind.SOURCE_CODE, "GitHub: acme/main", id="h2"),
    HandoverItem("Deployment notes", location="Drive /acme/deploy",
                 status=HandoverStatus.WITHHELD, withheld_reason="Final invoice is open",
                 release_condition="Once paid", id="h3"),
]


def add_acme(db_path: Path, **fields) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client.new(name="Acme", **fields))


def screen_lines(app) -> list[str]:
    """Each line on the app's screen right now, its runs of spaces made one."""
    lines: dict[int, list[str]] = {}
    svg = app.export_screenshot()
    for number, text in re.findall(r'<text[^>]*clip-path="url\(#[\w-]*line-(\d+)\)">(.*?)</text>',
                                   svg, flags=re.S):
        lines.setdefault(int(number), []).append(html.unescape(text).replace("\xa0", " "))
    return [" ".join(" ".join(lines[number]).split()) for number in sorted(lines)]


def line_of(app, text: str) -> str:
    [line] = [line for line in screen_lines(app) if text in line]
    return line


def drawn(checklist: RowList) -> list[str]:
    """The list's lines as it draws them: its header, then every row."""
    return [checklist.render_line(y).text for y in range(len(checklist.keys) + 1)]


def fits(checklist: RowList) -> None:
    """Nothing to scroll sideways, and text cut with … only where no room is left."""
    width = checklist.scrollable_content_region.width
    assert not checklist.show_horizontal_scrollbar
    lines = drawn(checklist)
    assert {len(line) for line in lines} == {width}
    if any("…" in line for line in lines):
        widths = [column for column in checklist.column_widths() if column]
        assert sum(widths) + 2 * len(widths) == width, "cut while room is left"


@pytest.mark.parametrize("size", SIZES)
async def test_a_tick_shows_at_once_and_the_cursor_stays_on_the_item(db_path, size) -> None:
    add_acme(db_path, handover=list(HANDOVER))
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("3", "down", "space")
        checklist = app.screen.query_one("#handover", Checklist)
        assert line_of(app, "Source code repository").startswith("│ ☑ Source code repository")
        assert line_of(app, "Site map").startswith("│ ☐ Site map"), "the other rows stay"
        assert checklist.current_key == "h2"
        await pilot.press("space")  # the same item again: back to pending
        assert line_of(app, "Source code repository").startswith("│ ☐ Source code repository")
        await pilot.press("up", "space")
        assert line_of(app, "Site map").startswith("│ ☑ Site map")
        assert checklist.current_key == "h1"


@pytest.mark.parametrize("size", SIZES)
async def test_widths_are_right_at_once_after_an_edit_lengthens_a_cell(db_path, size) -> None:
    add_acme(db_path, work=[WorkItem("Logo", id="w1"), WorkItem("Invoice", id="w2")])
    app = SendoffApp(db_path)
    longer = "Logo files in every format the printer asked for"
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "e")
        app.screen.query_one("#field-title", Input).value = longer
        await pilot.press("enter")
        assert line_of(app, longer).startswith(f"│ ☐ {longer} — open")
        fits(app.screen.query_one("#work", Checklist))


@pytest.mark.parametrize("size", SIZES)
async def test_the_first_follow_up_is_shown_whole_at_once(db_path, size) -> None:
    add_acme(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("5", "a", "ctrl+s")
        assert line_of(app, "│ Twice a year") == "│ Twice a year ● due 2026-03-15 2026-09-15, 2027-03-15 │"
        fits(app.screen.query_one("#follow-ups", Checklist))


@pytest.mark.parametrize("size", SIZES)
async def test_step_3_shows_every_column_and_cuts_text_only_where_room_runs_out(
        db_path, size) -> None:
    add_acme(db_path, handover=list(HANDOVER))
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("3")
        checklist = app.screen.query_one("#handover", Checklist)
        assert drawn(checklist)[0].split() == ["What", "Kind", "Location", "Withheld", "until"]
        assert not any("…" in line for line in drawn(checklist)), "there is room for all"
        assert line_of(app, "Deployment notes").endswith("document Drive /acme/deploy Once paid │")
        fits(checklist)


@pytest.mark.parametrize("size", SIZES)
async def test_every_list_of_the_demo_fits(tmp_path, size) -> None:
    app = SendoffApp(write_demo_file(tmp_path / "demo.json"))
    async with app.run_test(size=size) as pilot:
        for step, lists in (("2", ("#work", "#extras")), ("3", ("#handover",)),
                            ("5", ("#follow-ups", "#contacts", "#forward"))):
            await pilot.press(step)
            for list_id in lists:
                fits(app.screen.query_one(list_id, Checklist))
        await pilot.press("3")
        header = drawn(app.screen.query_one("#handover", Checklist))[0]
        assert header.split() == ["What", "Kind", "Location", "Withheld", "until"]


async def test_a_new_theme_redraws_the_marks_and_the_rows(db_path) -> None:
    add_acme(db_path, handover=[HandoverItem("Site map", location="Drive", id="h1"),
                                HandoverItem("Logo", location="Drive",
                                             status=HandoverStatus.HANDED_OVER, id="h2")])
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        checklist = app.screen.query_one("#handover", Checklist)
        before = checklist.render_line(2)  # the second item: the cursor is on the first
        app.theme = "textual-light"
        await pilot.pause()
        after = checklist.render_line(2)
        [mark] = [segment.style for segment in after if segment.text == "☑"]
        assert mark.color.triplet.hex == app.theme_variables["text-success"].lower()
        assert before.text == after.text
        assert {segment.style.bgcolor for segment in before}.isdisjoint(
            {segment.style.bgcolor for segment in after})


async def test_each_key_of_a_checklist_is_listed_once(db_path) -> None:
    add_acme(db_path, handover=list(HANDOVER))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 150)) as pilot:  # tall enough for all of help at once
        await pilot.press("3")
        titles = Counter(command.title for command in app.get_system_commands(app.screen))
        keys = [binding.description for binding in own_bindings(Checklist)]
        assert {"Down", "Last", "Toggle"} <= set(keys)
        assert [titles[key] for key in keys] == [1] * len(keys)
        await pilot.press("question_mark")
        await pilot.pause()
        lines = [" ".join(line.strip("█ ").split()) for line in screen_lines(app)]
        start = next(i for i, line in enumerate(lines) if line.endswith("(this screen)"))
        section = lines[start:lines.index("", start)]  # this screen's keys, up to the next
        words = " ".join(section)
        assert words.count("↓ / j Down") == 1 and words.count("Toggle") == 1


@pytest.mark.parametrize("size", SIZES)
async def test_vim_keys_move_the_cursor(db_path, size) -> None:
    add_acme(db_path, work=[WorkItem("One", due=date(2026, 3, 20), id="w1"),
                            WorkItem("Two", due=date(2026, 3, 21), id="w2")])
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "j")
        checklist = app.screen.query_one("#work", Checklist)
        assert checklist.current_key == "w2"
        await pilot.press("k")
        assert checklist.current_key == "w1"
