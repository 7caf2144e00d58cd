"""Escape means one thing everywhere: leave, keeping what is saved. A dialog with typed changes
asks before it discards them; a step form keeps what was typed in the field it leaves."""

from __future__ import annotations

from datetime import date

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contract import Contract
from tui.app import SendoffApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog
from tui.screens.dashboard import DashboardScreen
from tui.screens.stand import StandScreen

SIZES = [(80, 24), (100, 30)]


def words(text: str) -> str:
    """The screen's text with each run of spaces made one, as a person reads the footer."""
    return " ".join(text.split())


def add_client(db_path, client: Client) -> None:
    with Repository(db_path) as repo:
        repo.add_client(client)


@pytest.mark.parametrize("size", SIZES)
async def test_escape_in_a_dialog_with_typed_changes_asks_before_discarding(
        db_path, read_back, screen_text, size):
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", *"Acme", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Discard your changes?" in screen_text(app)

        await pilot.press("escape")  # no: back to the dialog, with what was typed
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "Acme" in screen_text(app)

        await pilot.press("escape", "enter")  # yes, discard them
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert read_back() == []


async def test_escape_in_a_dialog_with_nothing_typed_closes_it_at_once(db_path, screen_text):
    app = SendoffApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert "esc Close" in words(screen_text(app)), "the footer says what escape does"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_typing_back_what_was_there_is_no_change_to_ask_about(db_path):
    add_client(db_path, Client(name="Acme"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e", "end", "backspace", "e", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_space_then_escape_in_a_date_field_never_stores_an_empty_date(
        db_path, read_back, size):
    add_client(db_path, Client.new(name="Acme", contract=Contract(start=date(2025, 1, 6))))
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("1", "tab", "tab")  # past the kind of contract, into "Started on"
        assert app.focused.id == "field-start"
        await pilot.press("space", "escape")
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
    assert read_back()[0].contract.start == date(2025, 1, 6)


async def test_space_then_escape_in_a_text_field_keeps_its_text(db_path, read_back):
    add_client(db_path, Client.new(name="Acme", contract=Contract(arrangement="Pay in lieu")))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "shift+tab")  # the arrangement, the last field
        assert app.focused.id == "field-arrangement"
        await pilot.press("space", "escape")
        await pilot.pause()
    assert read_back()[0].contract.arrangement == "Pay in lieu"


@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_says_escape_leaves_a_field_and_then_the_step(
        db_path, read_back, screen_text, size):
    add_client(db_path, Client(name="Acme"))
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert "esc Back" in words(screen_text(app))
        await pilot.press("tab", "tab", *"2025-01-06")
        await pilot.pause()
        assert "esc Leave field" in words(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StandScreen)
        assert "esc Back" in words(screen_text(app))
    assert read_back()[0].contract.start == date(2025, 1, 6), "kept: saved as the field is left"


async def test_the_help_screen_states_the_rule_for_escape(db_path, screen_text):
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Escape leaves" in text
        assert "Discard your changes?" in text
