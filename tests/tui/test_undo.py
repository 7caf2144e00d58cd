"""Undo and redo from the keyboard: what the next undo does is said, and an undo that would
take a client away asks first."""

from __future__ import annotations

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.work import WorkItem, WorkStatus
from tui.app import SendoffApp
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.dashboard import DashboardScreen
from tui.widgets.row_list import RowList

SIZES = [(80, 24), (100, 30)]


def statuses(read_back) -> list[WorkStatus]:
    return [item.status for item in read_back()[0].work]


def listed(app: SendoffApp) -> list[str]:
    clients = app.screen.query_one("#clients", RowList)
    return [clients.cells(client_id)[0].plain for client_id in clients.keys]


@pytest.mark.parametrize("size", SIZES)
async def test_ctrl_y_and_shift_u_redo_what_u_undid(db_path, read_back, screen_text,
                                                  size) -> None:
    with Repository(db_path) as repository:
        repository.add_client(Client.new(name="Acme", work=[WorkItem(title="Logo")]))
    app = SendoffApp(db_path)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("2", "space")
        assert statuses(read_back) == [WorkStatus.DONE]
        await pilot.press("u")
        await pilot.pause()
        assert statuses(read_back) == [WorkStatus.OPEN]
        assert "Undone: tick Logo" in screen_text(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert statuses(read_back) == [WorkStatus.DONE]
        assert "Redone: tick Logo" in screen_text(app)
        assert "☑" in screen_text(app)
        await pilot.press("u", "U")
        await pilot.pause()
        assert statuses(read_back) == [WorkStatus.DONE]


async def test_a_new_change_leaves_nothing_to_redo(db_path, read_back, screen_text) -> None:
    with Repository(db_path) as repository:
        repository.add_client(Client.new(name="Acme", work=[WorkItem(title="Logo"),
                                                        WorkItem(title="Site")]))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("2", "space", "u", "down", "space", "ctrl+y")
        await pilot.pause()
        assert statuses(read_back) == [WorkStatus.OPEN, WorkStatus.DONE]
        assert "Nothing to redo." in screen_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_undo_and_redo_say_what_the_next_undo_does(db_path, screen_text, size) -> None:
    with Repository(db_path) as repository:
        repository.add_client(Client.new(name="Acme", work=[WorkItem(title="Logo"),
                                                        WorkItem(title="Site")]))
    app = SendoffApp(db_path)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("2", "space", "down", "space", "u")
        await pilot.pause()
        assert "Next undo: tick Logo" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert "Nothing left to undo" in screen_text(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "Next undo: tick Logo" in screen_text(app)


async def add_acme_from_the_dashboard(pilot) -> None:
    await pilot.press("n", *"Acme", "enter")
    await pilot.pause()
    assert listed(pilot.app) == ["Acme"]


@pytest.mark.parametrize("size", SIZES)
async def test_undoing_an_added_client_asks_first(db_path, read_back, screen_text,
                                                  size) -> None:
    app = SendoffApp(db_path)
    async with app.run_test(size=size, notifications=True) as pilot:
        await add_acme_from_the_dashboard(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Undo adding Acme? That deletes Acme" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert listed(app) == ["Acme"]
        assert [client.name for client in read_back()] == ["Acme"]
        await pilot.press("u", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert read_back() == []
        assert "Undone: add Acme" in screen_text(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert listed(app) == ["Acme"]
    assert [client.name for client in read_back()] == ["Acme"]


async def test_undoing_the_client_on_screen_goes_back_to_the_clients(db_path, read_back) -> None:
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await add_acme_from_the_dashboard(pilot)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen.sub_title == "1 Where you stand"
        await pilot.press("u", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert listed(app) == []
    assert read_back() == []
