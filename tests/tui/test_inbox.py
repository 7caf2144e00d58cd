"""A change captured from the shell while the app has the file open: the command puts it in the
inbox, and the running app applies it within a second, says so, and can undo it; one the file
no longer allows is told and kept, never dropped."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from storage.changes.captured import entry
from storage.persistence import inbox
from storage.persistence.repository import Repository
from storage.records.client import Client
from tests.cli_process import sendoff
from tui.app import SendoffApp


async def until(pilot, condition, seconds: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds (failing after ``seconds``)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never applied the inbox")


async def test_the_running_app_applies_a_logged_contact_and_undoes_it(
        db_path: Path, read_back, wait_until_open) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client(name="Acme"))
    app = SendoffApp(db_path)
    told = []
    app.notify = lambda message, **kwargs: told.append((kwargs.get("title"), message))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        done = await asyncio.to_thread(sendoff, "log", "acme", "Lunch\x1b[2J", "--db",
                                       str(db_path))
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout == ("Logged a contact with Acme on 2026-03-15 (email) (queued: the "
                               "app that has the file open applies it)\n")

        await until(pilot, lambda: app.changes.client(1).contacts)
        await pilot.pause()
        assert [contact.note for contact in app.changes.client(1).contacts] == ["Lunch\x1b[2J"]
        assert told == [("From the shell", "Logged a contact with Acme on 2026-03-15 (email)")]
        assert inbox.inbox_path(db_path).stat().st_size == 0  # emptied once durable:
        assert read_back()[0].contacts[0].note == "Lunch\x1b[2J"

        await pilot.press("u")
        await pilot.pause()
        assert app.changes.client(1).contacts == []
    assert read_back()[0].contacts == []


async def test_a_change_the_file_no_longer_allows_is_told_and_kept(
        db_path: Path, read_back, wait_until_open) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client(name="Acme"))
    gone = entry("forward", 7, "Queued “Grant” to forward to Gone Ltd at the next contact",
                 text="Grant", link="", added_on=date(2026, 3, 15))
    app = SendoffApp(db_path)
    told = []
    app.notify = lambda message, **kwargs: told.append((kwargs.get("title"), message))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        inbox.append(db_path, gone)
        await until(pilot, lambda: inbox.inbox_path(db_path).stat().st_size == 0)
        await pilot.pause()
        assert told == [("Not done, from the shell",
                         "Queued “Grant” to forward to Gone Ltd at the next contact: There is no "
                         f"client #7 in {db_path}.\n(kept in {inbox.refused_path(db_path)})")]
    kept = inbox.entries_in(inbox.refused_path(db_path).read_bytes())
    assert [(item["id"], item["text"]) for item in kept] == [(gone["id"], "Grant")]
    assert "There is no client #7" in kept[0]["refused"]
    assert inbox.refused_path(db_path).stat().st_mode & 0o777 == 0o600
    assert read_back()[0].forward_queue == []


async def test_what_is_typed_in_a_field_is_saved_not_overwritten_when_a_change_comes_in(
        db_path: Path, typed_not_saved) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client(name="Acme"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        field = await typed_not_saved(app, pilot, "30 days")
        inbox.append(db_path, entry("log", 1, "Logged a contact with Acme", on="2026-03-15",
                                    channel="call", note=""))
        await until(pilot, lambda: app.changes.client(1).contacts)
        await pilot.pause()
        assert field.value == "30 days"
        stored = app.changes.client(1)
        assert (stored.contract.termination_terms, stored.contacts[0].channel) == (
            "30 days", "call")


async def test_a_client_added_from_the_shell_shows_on_the_dashboard(
        db_path: Path, read_back, wait_until_open, screen_text) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client(name="Acme"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        done = await asyncio.to_thread(sendoff, "add", "Zed Co", "--email", "z@zed.example",
                                       "--db", str(db_path))
        assert (done.returncode, done.stderr) == (0, ""), done.stdout
        await until(pilot, lambda: len(app.changes.clients()) == 2)
        await pilot.pause()
        assert "Zed Co" in screen_text(app)  # the dashboard shown again with them
    assert [client.email for client in read_back() if client.name == "Zed Co"] == ["z@zed.example"]
