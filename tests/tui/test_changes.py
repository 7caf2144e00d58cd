"""One door for changes: no screen or dialog holds the repository, and a refused change is
told one way (at its field when a form is open, else in one kind of toast)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual.widgets import Input

from storage.changes import work
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.work import WorkItem
from tui.app import SendoffApp
from tui.screens.stand import StandScreen
from tui.widgets.field_row import FieldRow

TUI = Path(__file__).resolve().parents[2] / "tui"
SCREENS_AND_DIALOGS = sorted([*TUI.glob("screens/*.py"), *TUI.glob("dialogs/*.py")])


def names_in(path: Path) -> set[str]:
    """Every name and attribute a module mentions."""
    tree = ast.parse(path.read_text())
    found = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    found |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    found |= {alias.name.rsplit(".", 1)[-1] for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom | ast.Import) for alias in node.names}
    found |= {node.module for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.module}
    return found


@pytest.mark.parametrize("path", SCREENS_AND_DIALOGS, ids=lambda path: path.stem)
def test_no_screen_or_dialog_touches_the_repository(path: Path) -> None:
    mentioned = names_in(path)
    assert not mentioned & {"repo", "Repository", "storage.persistence.repository", "save_client"}, \
        f"{path.name} reaches the repository; go through app.changes"


def add_acme(db_path: Path) -> None:
    with Repository(db_path) as repository:
        repository.add_client(Client.new(name="Acme", work=[WorkItem(title="Logo")]))


async def test_a_refused_change_without_a_form_is_one_toast(db_path, read_back,
                                                           wait_until_open) -> None:
    add_acme(db_path)
    shown: list[tuple[str, dict]] = []
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        app.notify = lambda message, **kwargs: shown.append((message, kwargs))
        assert app.changes.apply(1, work.put, WorkItem(title="  ")) is None
        await pilot.pause()
    assert shown == \
        [("the title cannot be empty", {"title": "Not saved", "severity": "error", "markup": False})]
    assert [item.title for item in read_back()[0].work] == ["Logo"]


async def test_a_refused_value_in_a_form_is_shown_at_its_field_not_in_a_toast(
        db_path, read_back, wait_until_open) -> None:
    add_acme(db_path)
    shown: list[str] = []
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        app.notify = lambda message, **kwargs: shown.append(message)
        await pilot.press("1")
        screen = app.screen
        assert isinstance(screen, StandScreen)
        screen.query_one("#field-start", Input).value = "2026-02-30"
        assert screen.commit("start") is False
        await pilot.pause()
        assert screen.query_one("#row-start", FieldRow).has_class("-invalid")
    assert shown == []
    assert read_back()[0].contract.start is None


async def test_a_file_problem_is_the_same_toast_wherever_it_happens(
        tmp_path, read_only, wait_until_open) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "sendoff.json"
    add_acme(path)
    path.with_name("sendoff.json.lock").unlink()
    read_only(path)
    shown: list[tuple[str, str]] = []
    app = SendoffApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        app.notify = lambda message, **kwargs: shown.append((kwargs["title"], kwargs["timeout"]))
        await pilot.press("x")  # archive on the dashboard
        await pilot.press("2", "space")  # tick on step 2
        await pilot.pause()
    assert shown == [("Not saved", 12), ("Not saved", 12)]
