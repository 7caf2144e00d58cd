"""Long text written in the user's own editor (ctrl+o): a real script stands in for $EDITOR,
edits the temporary file (or fails, or leaves it be), and the data file is read back."""

from __future__ import annotations

import stat
import tempfile
from datetime import date
from pathlib import Path

import pytest
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.contract import Contract
from storage.records.follow_up import FollowUp, FollowUpKind
from storage.records.interview import ExitInterview
from tui.app import SendoffApp
from tui.dialogs.client_form import client_form
from tui.dialogs.form import FormDialog
from tui.dialogs.in_touch import contacted_form, edit_contact_form, log_contact_form
from tui.dialogs.relationship import person_form
from tui.external_editor import LONG_TEXT
from tui.widgets.footer import Footer


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every notification the app shows, as (title, message)."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(SendoffApp, "notify", lambda self, message, **kwargs: shown.append(
        (kwargs.get("title", ""), message)))
    return shown


def add_client(db_path: Path, **fields) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client.new(name="Acme", **fields))


async def focus_field(pilot, step: str, name: str) -> Input | TextArea:
    await pilot.press(step)
    field = pilot.app.screen.query_one(f"#field-{name}")
    field.focus()
    await pilot.pause()
    return field


async def edit_in_editor(pilot, step: str, name: str) -> Input | TextArea:
    """Step ``step``'s field ``name`` handed to the editor with ctrl+o, as it came back."""
    field = await focus_field(pilot, step, name)
    await pilot.press("ctrl+o")
    await pilot.pause()
    return field


async def test_terms_written_in_the_editor_are_saved_from_a_private_file_removed_after(
        db_path, read_back, editor) -> None:
    add_client(db_path, contract=Contract(termination_terms="30 days"))
    recorded = editor("Thirty days' notice,\n  in writing")
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        field = await edit_in_editor(pilot, "1", "termination_terms")
        # A field of one line keeps one line: the editor's lines are joined by a space.
        assert field.value == "Thirty days' notice, in writing"
        assert app.focused is field
        assert read_back()[0].contract.termination_terms == "Thirty days' notice, in writing"
        await pilot.press("ctrl+z")  # one change, undone as any other
        assert app.repo.client(1).contract.termination_terms == "30 days"

    seen = recorded()
    assert seen["given"] == "30 days"
    assert stat.S_IMODE(seen["mode"]) == 0o600
    assert stat.S_IMODE(seen["folder_mode"]) == 0o700
    folder = Path(seen["path"]).parent
    assert folder.parent == Path(tempfile.gettempdir())
    assert not folder.exists()


async def test_an_answer_keeps_its_lines_without_the_editors_last_newline(
        db_path, read_back, editor) -> None:
    add_client(db_path, interview=ExitInterview(liked="Speed"))
    editor("Speed\n\nAnd the weekly notes")
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        field = await edit_in_editor(pilot, "4", "liked")
        assert field.text == "Speed\n\nAnd the weekly notes"
    assert read_back()[0].interview.liked == "Speed\n\nAnd the weekly notes"


@pytest.mark.parametrize(("writes", "status", "title", "says"), [
    ("Something else", 3, "Not changed", "exited with status 3, so the text was left as it was"),
    ("-", 0, "Not changed", "as it was"),
    ("30 days", 0, "Not changed", "as it was"),  # only the editor's newline added
], ids=["error", "untouched", "newline-only"])
async def test_a_failed_or_unchanged_edit_changes_nothing(
        db_path, read_back, editor, told, writes, status, title, says) -> None:
    add_client(db_path, contract=Contract(termination_terms="30 days"))
    editor(writes, status)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        field = await edit_in_editor(pilot, "1", "termination_terms")
        assert field.value == "30 days"
        assert app.changes.next_undo() is None  # nothing was saved
    assert read_back()[0].contract.termination_terms == "30 days"
    assert len(told) == 1
    assert told[0][0] == title and says in told[0][1]


async def test_without_an_editor_it_says_how_to_set_one_and_the_field_stays_to_type_in(
        db_path, monkeypatch, told) -> None:
    add_client(db_path)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", " ")  # set, but to nothing
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        field = await focus_field(pilot, "1", "arrangement")
        await pilot.press("ctrl+o", *"pay in lieu")
        assert app.focused is field and field.value == "pay in lieu"
    assert told[0][0] == "No editor set"
    assert "No $VISUAL or $EDITOR is set" in told[0][1]
    assert "export EDITOR=" in told[0][1]


@pytest.mark.parametrize(("editor_set", "temporary", "says"), [
    ("{tmp}/no-such-editor --wait", "", "no-such-editor: No such file or directory"),
    ('nano "unclosed', "", "cannot read $VISUAL or $EDITOR as a command (No closing quotation)"),
    ("true", "{tmp}/gone", "could not write the text to a temporary file for the editor"),
], ids=["not-found", "unreadable", "no-temporary-folder"])
async def test_an_editor_that_cannot_be_started_says_why(
        db_path, tmp_path, monkeypatch, told, editor_set, temporary, says) -> None:
    add_client(db_path, contract=Contract(termination_terms="30 days"))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", editor_set.format(tmp=tmp_path))
    if temporary:
        monkeypatch.setattr(tempfile, "tempdir", temporary.format(tmp=tmp_path))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        field = await edit_in_editor(pilot, "1", "termination_terms")
        assert field.value == "30 days"
    assert told[0][0] == "Not changed"
    assert says in told[0][1]


async def test_in_a_dialog_visual_comes_first_and_the_text_waits_for_save(
        db_path, read_back, editor) -> None:
    add_client(db_path, notes="Prefers calls")
    editor("never run", status=1)
    editor("Prefers calls before noon", variable="VISUAL")
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "E")
        assert isinstance(app.screen, FormDialog)
        notes = app.screen.query_one("#field-notes", Input)
        notes.focus()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert notes.value == "Prefers calls before noon"
        assert read_back()[0].notes == "Prefers calls"  # not before the dialog is saved
        await pilot.press("enter")
        assert not isinstance(app.screen, FormDialog)
    assert read_back()[0].notes == "Prefers calls before noon"


async def test_every_long_text_field_is_handed_to_the_editor_and_no_other(db_path) -> None:
    add_client(db_path, follow_ups=[FollowUp("Monthly", FollowUpKind.RULE, date(2026, 1, 10),
                                             rule="FREQ=MONTHLY")])
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        client = app.changes.client(1)
        dialogs = {
            "client": client_form(client), "person": person_form(),
            "contacted": contacted_form(app.changes, 1, client.follow_ups[0].id),
            "logged": log_contact_form(app.changes, 1),
            "contact": edit_contact_form(client, Contact(date(2026, 3, 1), "call")),
        }
        long_fields = {name: [field.name for field in dialog.fields if field.kind == "long"]
                       for name, dialog in dialogs.items()}
        assert long_fields == {"client": ["notes"], "person": ["notes"], "contacted": ["note"],
                               "logged": ["note"], "contact": ["note"]}
        shown = {}
        for step in ("1", "4"):
            await pilot.press(step)
            shown[step] = [field.id for field in app.screen.query(f".{LONG_TEXT}")]
        assert shown == {"1": ["field-termination_terms", "field-arrangement"],
                         "4": ["field-liked", "field-disliked", "field-improve",
                               "field-testimonial_text"]}


async def test_the_key_is_in_the_footer_and_the_palette_only_in_a_long_field(
        db_path, screen_lines, editor, run_command) -> None:
    add_client(db_path)
    editor("From the palette")
    app = SendoffApp(db_path)

    def offered() -> tuple[bool, bool]:
        commands = {command.title for command in app.get_system_commands(app.screen)}
        return "^o Editor" in screen_lines(app)[-1], "Editor" in commands

    async with app.run_test(size=(80, 24)) as pilot:
        await focus_field(pilot, "1", "start")
        assert offered() == (False, False)
        app.screen.query_one("#field-termination_terms").focus()
        await pilot.pause()
        assert offered() == (True, True)
        await pilot.press("escape", "E")
        assert isinstance(app.screen, FormDialog)
        assert offered() == (False, False)  # in the name
        notes = app.screen.query_one("#field-notes", Input)
        notes.focus()
        await pilot.pause()
        assert offered() == (True, True)
        await run_command(pilot, "Editor")
        assert app.focused is notes and notes.value == "From the palette"


async def test_help_lists_the_key_with_what_it_does(db_path, help_lines) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        lines = await help_lines(app, pilot)
    assert any(line.startswith("^o") and "Editor — In a long text field: write it in your own"
               in line for line in lines)


class MessageDialog(ModalScreen[None]):
    """Any dialog with a TextArea marked long-text and the house footer."""

    def compose(self) -> ComposeResult:
        yield TextArea("Dear Ana,", classes=LONG_TEXT)
        yield Footer()


async def test_any_dialogs_long_text_area_keeps_its_lines(db_path, screen_lines, editor) -> None:
    add_client(db_path)
    editor("Dear Ana,\n\nThank you for three good years.")
    app = SendoffApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(MessageDialog())
        area = app.screen.query_one(TextArea)
        area.focus()
        await pilot.pause()
        assert "^o Editor" in screen_lines(app)[-1]
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert area.text == "Dear Ana,\n\nThank you for three good years."
