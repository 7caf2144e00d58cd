"""Write a message (`W`) through the real app: the template that fits the step first, edited,
copied, saved to a file, handed to a mail client, and marked as sent into the data file."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

from textual.widgets import Input, Select, Static, TextArea

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import ForwardItem
from storage.records.follow_up import FollowUp
from storage.records.handover import HandoverItem, HandoverStatus
from storage.records.person import Person
from tui.app import SendoffApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog
from tui.dialogs.message import MessageDialog

TODAY = date(2026, 3, 15)
CY = "c0ffee01"  # Cy Moss, the second person


def add_client(db_path: Path, **fields) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client.new(**{"name": "Acme", "contact_person": "Bo Lind",
                                      "email": "bo@acme.example", **fields}))


def script(folder: Path, name: str, body: str) -> Path:
    """A real program called ``name`` in ``folder`` (put first on PATH by the test)."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


async def open_message(pilot, step: str) -> MessageDialog:
    await pilot.press(step, "W")
    dialog = pilot.app.screen
    assert isinstance(dialog, MessageDialog)
    return dialog


def parts(dialog: MessageDialog) -> tuple[object, str, str]:
    return (dialog.query_one("#message-template", Select).value,
            dialog.query_one("#message-subject", Input).value,
            dialog.query_one("#message-body", TextArea).text)


def told(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def next_told(pilot, before: int) -> str:
    """The next notification after the ``before`` there were, once a worker says it."""
    for _ in range(200):
        if len(told(pilot.app)) > before:
            return told(pilot.app)[-1]
        await pilot.pause(0.05)
    raise AssertionError("nothing was said")


async def test_each_step_offers_the_template_that_fits_it_first_filled_from_the_record(
        db_path) -> None:
    add_client(db_path, handover=[
        HandoverItem("Repository", location="GitHub org acme", status=HandoverStatus.HANDED_OVER),
        HandoverItem("Deploy notes", location="Wiki", status=HandoverStatus.WITHHELD,
                     withheld_reason="final invoice open", release_on=date(2026, 4, 1))])
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await open_message(pilot, "3")
        template, subject, body = parts(dialog)
        assert template == "handover-cover-note"
        assert subject == "Handover for Acme"
        assert body.startswith("Hello Bo,\n")
        assert "- Repository: GitHub org acme\n" in body
        assert "- Deploy notes: final invoice open — 2026-04-01\n" in body
        assert dialog.query_one("#message-to", Select).value == app.changes.client(1).main_contact
        await pilot.press("escape")  # nothing edited: closes at once
        assert not isinstance(app.screen, MessageDialog)

        await pilot.press("escape", "enter")  # the overview: where they stand is step 1
        dialog = await open_message(pilot, "")
        assert parts(dialog)[0] == "notice-acknowledgement"


async def test_choosing_another_template_or_person_over_edits_asks_first(db_path) -> None:
    add_client(db_path, people=[Person("Bo Lind", id="b0b0b0b0"), Person("Cy Moss", id=CY)],
               main_contact="b0b0b0b0")
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await open_message(pilot, "4")
        assert parts(dialog)[0] == "interview-invitation"
        dialog.query_one("#message-body", TextArea).text = "My own words"
        await pilot.pause()
        dialog.query_one("#message-template", Select).value = "testimonial-request"
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # keep my words
        assert parts(dialog) == ("interview-invitation", dialog.query_one(
            "#message-subject", Input).value, "My own words")
        dialog.query_one("#message-template", Select).value = "testimonial-request"
        await pilot.pause()
        await pilot.press("enter")  # replace them
        assert parts(dialog)[1] == "A few words about our work together?"
        dialog.query_one("#message-to", Select).value = CY
        await pilot.pause()  # nothing edited since: no question
        assert parts(dialog)[2].startswith("Hello Cy,\n")

        dialog.query_one("#message-subject", Input).value = "Edited"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)  # edited, and kept nowhere
        await pilot.press("escape")
        assert app.screen is dialog
        await pilot.press("escape", "enter")
        assert app.screen is not dialog


async def test_copy_is_the_edited_message_and_tmux_without_clipboard_passing_is_said(
        db_path, tmp_path, monkeypatch) -> None:
    add_client(db_path)
    bin_folder = tmp_path / "bin"
    script(bin_folder, "tmux", 'echo external')
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1,0")
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await open_message(pilot, "2")
        area = dialog.query_one("#message-body", TextArea)
        area.text = area.text + "P.S. thanks!\n"
        await pilot.press("ctrl+b")
        subject = dialog.query_one("#message-subject", Input).value
        assert app.clipboard == f"Subject: {subject}\n\n{area.text}"
        assert "set -g set-clipboard on" in told(app)[-1]
        assert "'external' now" in told(app)[-1]
        await pilot.press("escape")  # copied: nothing to lose
        assert app.screen is not dialog

        script(bin_folder, "tmux", 'echo on')
        await open_message(pilot, "")
        await pilot.press("ctrl+b")
        assert told(app)[-1] == "Copied the message to the clipboard."


async def test_save_to_a_file_is_private_asks_before_replacing_and_refuses_the_data_file(
        db_path, tmp_path) -> None:
    add_client(db_path)
    target = tmp_path / "out" / "note.txt"
    target.parent.mkdir()
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await open_message(pilot, "1")
        await pilot.press("ctrl+s")
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.query_one("#field-path", Input).value.endswith("acme-notice-acknowledgement.txt")
        form.query_one("#field-path", Input).value = str(db_path)
        await pilot.press("enter")
        assert "is the data file itself" in str(form.query_one("#error-path", Static).render())
        form.query_one("#field-path", Input).value = str(target)
        await pilot.press("enter")
        assert app.screen is dialog
        _, subject, body = parts(dialog)
        assert target.read_text() == f"Subject: {subject}\n\n{body}"
        assert stat.S_IMODE(target.stat().st_mode) == 0o600

        target.write_text("kept")
        await pilot.press("ctrl+s")
        app.screen.query_one("#field-path", Input).value = str(target)
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        assert target.read_text() == "kept"


async def test_mail_opens_a_mailto_address_or_says_there_is_no_desktop(
        db_path, tmp_path, monkeypatch) -> None:
    add_client(db_path)
    bin_folder = tmp_path / "bin"
    opened = tmp_path / "opened.txt"
    script(bin_folder, "xdg-open", f'printf "%s" "$1" > "{opened}"')
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_message(pilot, "5")
        before = len(told(app))
        await pilot.press("ctrl+l")
        assert "no desktop here" in await next_told(pilot, before)
        assert not opened.exists()

        monkeypatch.setenv("DISPLAY", ":0")
        before = len(told(app))
        await pilot.press("ctrl+l")
        assert await next_told(pilot, before) == "Opened it in your mail client, to bo@acme.example."
        url = opened.read_text()
        assert url.startswith("mailto:bo@acme.example?subject=Anyone%20who%20could%20use%20a%20hand%3F")
        assert "&body=Hello%20Bo%2C%0D%0A%0D%0A" in url


async def test_marked_sent_it_is_a_contact_keeping_the_text_that_handles_the_follow_up(
        db_path, read_back) -> None:
    add_client(db_path, follow_ups=[FollowUp.from_preset("twice-a-year", date(2026, 3, 1))],
               forward_queue=[ForwardItem("Audit article", TODAY), ForwardItem("Intro to Bea", TODAY)])
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        dialog = await open_message(pilot, "")
        template, _, body = parts(dialog)
        assert template == "check-in"
        dialog.query_one("#message-body", TextArea).text = body.replace("- Intro to Bea\n", "")
        dialog.query_one("#message-channel", Input).value = "LinkedIn"
        await pilot.press("ctrl+t")
        assert not isinstance(app.screen, MessageDialog)
        assert told(app)[-1].startswith("Marked “Twice a year” done; next 2026-09-01.")
        assert "Forwarded 1 item." in told(app)[-1]

    [acme] = read_back()
    [contact] = acme.contacts
    assert contact.on == TODAY
    assert contact.channel == "LinkedIn"
    assert contact.person_id == acme.main_contact
    assert contact.note.startswith("Subject: How are things at Acme?\n\nHello Bo,")
    assert "Audit article" in contact.note and "Intro to Bea" not in contact.note
    assert contact.forwarded == ["Audit article"]
    assert [item.text for item in acme.forward_queue] == ["Intro to Bea"]
    assert acme.follow_ups[0].handled_through == date(2026, 3, 1)


async def test_a_broken_template_of_theirs_is_named_and_fills_in_nothing(db_path, tmp_path) -> None:
    add_client(db_path)
    folder = tmp_path / "xdg-config" / "sendoff" / "templates"
    folder.mkdir(parents=True)
    (folder / "handover-cover-note.txt").write_text("Hi {{ first_nam }}\n")
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await open_message(pilot, "3")
        status = str(dialog.query_one("#message-status", Static).render())
        assert "{{ first_nam }} is not a field" in status
        assert str(folder / "handover-cover-note.txt") in status
        assert parts(dialog)[1:] == ("", "")
        await pilot.press("ctrl+t")
        assert "The message is empty" in told(app)[-1]
        assert app.screen is dialog


async def test_a_message_that_cannot_be_marked_sent_stays_in_the_dialog(
        tmp_path, read_only, wait_until_open) -> None:
    path = tmp_path / "sendoff.json"
    add_client(path)
    os.unlink(path.with_name("sendoff.json.lock"))
    read_only(path)
    app = SendoffApp(path)
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_until_open(app, pilot)
        dialog = await open_message(pilot, "5")
        dialog.query_one("#message-body", TextArea).text = "Worth keeping"
        await pilot.press("ctrl+t")
        assert app.screen is dialog
        assert "is open read-only (the file is read-only), so nothing was saved" in told(app)[-1]
        assert parts(dialog)[2] == "Worth keeping"
    with Repository(path, writable=False) as repo:
        assert repo.client(1).contacts == []


async def test_the_message_is_written_in_the_editor_and_sent_as_written(
        db_path, read_back, editor) -> None:
    add_client(db_path)
    recorded = editor("Hello Bo,\n\nWritten in vim.")
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await open_message(pilot, "4")
        given = dialog.query_one("#message-body", TextArea).text
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert recorded()["given"] == given
        assert parts(dialog)[2] == "Hello Bo,\n\nWritten in vim.\n"  # ends as the template did
        await pilot.press("ctrl+t")
    [acme] = read_back()
    assert acme.contacts[0].note == ("Subject: Twenty minutes to look back together?\n\n"
                                     "Hello Bo,\n\nWritten in vim.\n")
