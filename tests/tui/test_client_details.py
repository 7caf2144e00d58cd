"""A client's details (person, email, phone, notes) on every step screen, and `E` edits them
there: pressed as a user would, read back from the screen and the data file."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.work import WorkItem
from tui.app import SendoffApp
from tui.dialogs.form import FormDialog

SIZES = [(80, 24), (100, 30)]


def add_client(db_path, **details) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client.new(name="Acme", work=[WorkItem(title="Ship the app")], **details))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("step", "12345")
async def test_every_step_shows_the_details_literally(db_path, screen_lines, size, step) -> None:
    add_client(db_path, contact_person="Ana [bold]Ruiz[/]", email="ana@acme.example",
               phone="+34 600 123 456", notes="Prefers calls before ten.\nNever on Fridays.")
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press(step)
        lines = screen_lines(app)
        header = next(line for line in lines if line.strip().startswith("Acme"))
        assert "Ana [bold]Ruiz[/] · ana@acme.example · +34 600 123 456" in header
        assert any("Prefers calls before ten. Never on Fridays." in line for line in lines)


async def test_a_client_without_details_is_told_how_to_add_them(db_path, screen_lines) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        header = next(line for line in screen_lines(app) if line.strip().startswith("Acme"))
        assert "No contact details yet: E adds them" in header


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_shift_e_edits_the_details_from_a_list_and_undo_takes_it_back(
        db_path, read_back, screen_lines, size) -> None:
    add_client(db_path, phone="+34 600 123 456")
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")  # the work list has the focus: its own `e` edits the item
        await pilot.press("E")
        assert isinstance(app.screen, FormDialog)
        phone = app.screen.query_one("#field-phone", Input)
        assert phone.value == "+34 600 123 456"
        phone.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"+34 611 000 000", "ctrl+s")
        assert not isinstance(app.screen, FormDialog)
        assert any("+34 611 000 000" in line for line in screen_lines(app))
        assert read_back()[0].phone == "+34 611 000 000"
        assert read_back()[0].work[0].title == "Ship the app"  # nothing else was touched

        await pilot.press("u")
        assert read_back()[0].phone == "+34 600 123 456"
        assert any("+34 600 123 456" in line for line in screen_lines(app))


async def test_a_refused_email_stays_in_the_dialog_and_stores_nothing(db_path, read_back) -> None:
    add_client(db_path, email="ana@acme.example")
    app = SendoffApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "E")
        email = app.screen.query_one("#field-email", Input)
        email.focus()
        await pilot.press("ctrl+a", "ctrl+k", *"not an address", "ctrl+s")
        assert isinstance(app.screen, FormDialog)
        assert "is not an email address" in "".join(
            str(label.render()) for label in app.screen.query(".field-error"))
    assert read_back()[0].email == "ana@acme.example"


async def test_the_footer_and_help_name_the_key(db_path, screen_text) -> None:
    """In the footer when it has room (narrower, the list's own keys come first); always in
    help."""
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press("3")
        assert "E  Details" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.press("question_mark")
        assert "Edit the client's details" in screen_text(app)


@pytest.mark.parametrize("step", "12345")
async def test_shift_e_opens_the_details_on_every_step(db_path, step) -> None:
    add_client(db_path, email="ana@acme.example")
    app = SendoffApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(step, "E")
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#field-email", Input).value == "ana@acme.example"
        await pilot.press("escape")
        assert not isinstance(app.screen, FormDialog), "nothing typed: escape just closes"


async def test_referred_by_links_a_client_in_the_book_or_keeps_the_name(db_path,
                                                                       read_back) -> None:
    """Typed in the details: a client's name (any case) is linked to them, and the overview
    says so; anyone else is kept as typed."""
    add_client(db_path)
    with Repository(db_path) as repo:
        repo.add_client(Client("Globex"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        for typed in ("globex", "Jo from the climbing gym"):
            await pilot.press("e")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, FormDialog)
            dialog.query_one("#field-referred_by", Input).value = typed
            await pilot.press("ctrl+s")
            await pilot.pause()
            if typed == "globex":
                acme = read_back()[0]
                assert (acme.referred_by.name, acme.referred_by.client_id) == ("globex", 2)
                await pilot.press("enter")
                await pilot.pause()
                title = str(app.screen.query_one("#overview-title").render())
                assert "referred by Globex" in title, "the client's name as it is now"
                await pilot.press("escape")
                await pilot.pause()
    acme = read_back()[0]
    assert (acme.referred_by.name, acme.referred_by.client_id) == (
        "Jo from the climbing gym", None)
