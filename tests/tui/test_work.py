"""Step 2 through the real app: every change is on disk the moment it is made."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.work import WorkItem, WorkStatus
from tui.app import SendoffApp
from tui.dialogs.form import FormDialog
from tui.screens.work import WorkScreen
from tui.widgets.checklist import Checklist


def add_acme(db_path: Path, *work: WorkItem) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client.new(name="Acme", work=list(work)))


async def open_work(pilot) -> WorkScreen:
    await pilot.press("2")
    screen = pilot.app.screen
    assert isinstance(screen, WorkScreen)
    return screen


def plain(widget: Static) -> str:
    return str(widget.render())


def rows_of(checklist: Checklist, *titles: str) -> list[int]:
    """The rows showing ``titles`` (the list is in working order, not the order added)."""
    shown = [checklist.cells(key)[1].plain for key in checklist.keys]
    return [shown.index(title) for title in titles]


def fill(dialog: FormDialog, **values: object) -> None:
    """Set the dialog's fields at once (typing every character is slow)."""
    for name, value in values.items():
        dialog.query_one(f"#field-{name}").value = value


async def test_add_work_and_an_extra(db_path, read_back) -> None:
    add_acme(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_work(pilot)
        assert screen.query_one("#work-empty").display
        assert "press a to add what is still owed" in plain(screen.query_one("#work-empty"))

        await pilot.press("a", *"[b]Fix")  # typed into the first field
        fill(app.screen, due="2026-03-20")
        await pilot.press("enter")
        await pilot.press("tab", "a")  # in the extras list
        assert app.screen.query_one("#field-extra").value is True
        fill(app.screen, title="Thank-you note")
        await pilot.press("enter")

        work = screen.query_one("#work", Checklist)
        assert work.cells(work.keys[0])[1].plain == "[b]Fix"
        assert not screen.query_one("#work-empty").display
        assert plain(screen.query_one("#summary")) == "0 of 2 done · 0 overdue · 1 extra"

    [acme] = read_back()
    assert [(item.title, item.due, item.status, item.extra) for item in acme.work] == [
        ("[b]Fix", date(2026, 3, 20), WorkStatus.OPEN, False),
        ("Thank-you note", None, WorkStatus.OPEN, True),
    ]


async def test_a_bad_value_is_shown_at_its_field_and_nothing_is_stored(db_path, read_back) -> None:
    add_acme(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_work(pilot)
        await pilot.press("a", "enter")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert "cannot be empty" in plain(dialog.query_one("#error-title"))

        fill(dialog, title="Fix footer", due="2026-02-30")
        await pilot.press("enter")
        assert app.screen is dialog
        assert "February 2026 has 28 days" in plain(dialog.query_one("#error-due"))
        assert app.focused is dialog.query_one("#field-due")

        await pilot.press("escape")

    assert read_back()[0].work == []


async def test_space_ticks_and_x_drops(db_path, read_back) -> None:
    add_acme(db_path, WorkItem("Fix footer", id="a1"), WorkItem("Old idea", id="b2"),
             WorkItem("Launch page", status=WorkStatus.DONE, id="c3"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_work(pilot)
        # Each change moves the item to its place in the working order; the cursor goes with it.
        await pilot.press("space")  # Fix footer: open -> done
        await pilot.press("k", "x")  # Old idea: dropped
        await pilot.press("k", "space", "x", "x")  # Launch page: done -> open -> dropped -> open
        work = screen.query_one("#work", Checklist)
        assert [work.cells(work.keys[row])[0].plain
                for row in rows_of(work, "Fix footer", "Old idea", "Launch page")] == [
            "☑", "✗", "☐"]
        assert plain(screen.query_one("#summary")) == (
            "1 of 2 done · 0 overdue · 0 extras · 1 dropped")
        assert app.repo.undo() == "reopen Launch page"

    [acme] = read_back()
    assert [(item.id, item.status) for item in acme.work] == [
        ("a1", WorkStatus.DONE), ("b2", WorkStatus.DROPPED), ("c3", WorkStatus.DROPPED),
    ]


async def test_edit_can_move_an_item_to_the_extras(db_path, read_back) -> None:
    add_acme(db_path, WorkItem("Fix footer", id="a1"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_work(pilot)
        await pilot.press("e")
        dialog = app.screen
        assert dialog.query_one("#field-title", Input).value == "Fix footer"
        fill(dialog, title="Speed audit", status=WorkStatus.DONE, extra=True)
        await pilot.press("enter")

        assert len(screen.query_one("#work", Checklist).keys) == 0
        assert app.focused is screen.query_one("#extras", Checklist)

    [acme] = read_back()
    assert [(item.id, item.title, item.status, item.extra) for item in acme.work] == [
        ("a1", "Speed audit", WorkStatus.DONE, True),
    ]


async def test_delete_needs_no_confirmation_and_u_brings_it_back(db_path, read_back) -> None:
    add_acme(db_path, WorkItem("Fix footer", id="a1"), WorkItem("Old idea", id="b2"))
    app = SendoffApp(db_path)
    notes: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.notify = lambda message, **kwargs: notes.append(message)
        screen = await open_work(pilot)
        await pilot.press("j", "d")
        assert [item.id for item in app.repo.client(screen.client_id).work] == ["a1"]
        assert notes[-1] == "Deleted “Old idea”. Press u to undo."

        await pilot.press("u")
        assert len(screen.query_one("#work", Checklist).keys) == 2
        assert notes[-1] == "Undone: delete Old idea"

    assert [item.id for item in read_back()[0].work] == ["a1", "b2"]


async def test_overdue_work_is_highlighted(db_path) -> None:
    add_acme(db_path, WorkItem("Late", due=date(2026, 3, 1)),
             WorkItem("Late but done", due=date(2026, 3, 1), status=WorkStatus.DONE),
             WorkItem("Due today", due=date(2026, 3, 15)))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_work(pilot)
        work = screen.query_one("#work", Checklist)
        due = [work.cells(work.keys[row])[2] for row in rows_of(work, "Late", "Late but done",
                                                                "Due today")]

        assert [cell.plain for cell in due] == ["2026-03-01 overdue", "2026-03-01", "2026-03-15"]
        error = app.theme_variables["text-error"].lower()
        assert due[0].style.color.triplet.hex == error
        assert not due[1].style and not due[2].style
        assert plain(screen.query_one("#summary")) == "1 of 3 done · 1 overdue · 0 extras"


async def test_a_tick_is_drawn_on_screen_and_the_other_rows_stay(db_path, screen_text) -> None:
    add_acme(db_path, WorkItem(title="Logo files"), WorkItem(title="Invoice"),
             WorkItem(title="A much longer title for the last deliverable", status=WorkStatus.DONE))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_work(pilot)
        before = " ".join(screen_text(app).split())
        assert "☐ Logo files" in before and "☐ Invoice" in before
        await pilot.press("space")
        await pilot.pause()
        after = " ".join(screen_text(app).split())
        assert "☑ Logo files" in after and "done" in after
        assert "☐ Invoice" in after
        assert "☑ A much longer title for the last deliverable" in after
        await pilot.press("space", "down", "space")  # Logo files reopened first, then Invoice
        await pilot.pause()
        again = " ".join(screen_text(app).split())
        assert "☐ Logo files" in again and "☑ Invoice" in again


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_work_is_listed_soonest_due_first_undated_after_finished_last(
        db_path, read_back, screen_text, size) -> None:
    add_acme(db_path, WorkItem(title="Handbook", status=WorkStatus.DONE),
             WorkItem(title="Undated"), WorkItem(title="Later", due=date(2026, 4, 1)),
             WorkItem(title="Soon", due=date(2026, 3, 20)))
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await open_work(pilot)
        shown = screen_text(app)
        places = [shown.index(title) for title in ("Soon", "Later", "Undated", "Handbook")]
        assert places == sorted(places)
        await pilot.press("space")  # ticks Soon, the first: it goes after the open ones
        await pilot.pause()
        shown = screen_text(app)
        places = [shown.index(title) for title in ("Later", "Undated", "Soon", "Handbook")]
        assert places == sorted(places)
    assert [item.title for item in read_back()[0].work] == ["Handbook", "Undated", "Later",
                                                           "Soon"]


def box_rows(lines: list[str], title: str) -> list[str]:
    """The rows inside the box titled ``title``, between its top and bottom edges."""
    top = next(index for index, line in enumerate(lines) if f"─ {title} " in line)
    bottom = next(index for index in range(top + 1, len(lines)) if lines[index].startswith("╰"))
    return [line.strip("│ ") for line in lines[top + 1:bottom]]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize(("work", "extras"), [(20, 3), (2, 3), (3, 20)])
async def test_both_lists_stay_in_sight_and_neither_holds_empty_rows_while_the_other_scrolls(
        db_path, screen_lines, size, work, extras) -> None:
    add_acme(db_path, *[WorkItem(f"Task {n}", due=date(2026, 4, 1)) for n in range(work)],
             *[WorkItem(f"Extra {n}", due=date(2026, 4, 1), extra=True) for n in range(extras)])
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await open_work(pilot)
        await pilot.pause()
        lines = screen_lines(app)
        shown = {title: box_rows(lines, title)[1:] for title in ("Outstanding work",
                                                                  "Unexpected extras")}
        for title, count in (("Outstanding work", work), ("Unexpected extras", extras)):
            rows = shown[title]
            assert rows and "" not in [row.strip("▁▂▃▄▅▆▇█ ") for row in rows], (
                f"{title}: no empty row inside its box")
            assert len(rows) == count or len(rows) >= 3, f"{title}: in sight"
        if work + extras <= 5:
            assert [len(rows) for rows in shown.values()] == [work, extras], "all of both"
