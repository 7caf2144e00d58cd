"""A data file that cannot be written (a read-only folder or file): the app opens it to read,
says so at the top of every screen, and refuses each change with that reason; the commands that
only read work as ever."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from tui.app import SendoffApp
from tui.screens.dashboard import DashboardScreen
from tui.widgets.read_only_banner import ReadOnlyBanner


def banner_text(app: SendoffApp) -> str:
    banner = app.screen.query_one(ReadOnlyBanner)
    return str(banner.render()) if banner.display else ""


@pytest.mark.parametrize("what", ["folder", "file"])
async def test_a_read_only_file_opens_read_only_with_a_banner(
        tmp_path, read_only, wait_until_open, screen_text, monkeypatch, what):
    shown: list[str] = []
    monkeypatch.setattr(SendoffApp, "notify", lambda self, message, **kwargs: shown.append(message))
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "sendoff.json"
    with Repository(path) as repository:
        repository.add_client(Client(name="Acme"))
    os.unlink(path.with_name("sendoff.json.lock"))
    read_only(folder if what == "folder" else path)
    before = {entry.name: entry.read_bytes() for entry in folder.iterdir()}

    app = SendoffApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        reason = f"its folder {folder} cannot be written" if what == "folder" else \
            "the file is read-only"
        assert f"Read-only: {reason}. Changes cannot be saved" in banner_text(app)
        assert "Acme" in screen_text(app)
        await pilot.press("x")  # archive: refused, with the reason
        await pilot.pause()
        assert shown == [f"The data file {path} is open read-only ({reason}), so nothing was "
                         "saved."]
        assert app.check_action("undo", ()) is False
        await pilot.press("enter")  # the client's overview says it too
        await pilot.pause()
        assert "Read-only" in banner_text(app)
        await pilot.press("1")  # and a step screen
        await pilot.pause()
        assert "Read-only" in banner_text(app)
        await pilot.press("q")
    assert app.unsaved is None, "nothing was changed, so nothing is unsaved"
    assert {entry.name: entry.read_bytes() for entry in folder.iterdir()} == before


async def test_a_writable_file_shows_no_banner(db_path, wait_until_open):
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        assert banner_text(app) == "" and app.read_only is None


def test_the_reading_commands_work_on_a_read_only_folder(tmp_path, read_only):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "sendoff.json"
    subprocess.run([sys.executable, "-m", "tui", "--db", str(path), "demo", "--clients", "6"],
                   check=True, capture_output=True)
    read_only(folder)
    for command in (["check"], ["due", "--within", "90"], ["export-ics", "-o",
                                                           str(tmp_path / "out.ics")]):
        done = subprocess.run([sys.executable, "-m", "tui", "--db", str(path), *command],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr


async def test_quitting_while_saves_fail_keeps_the_changes_in_a_recovery_file_and_says_where(
        tmp_path, wait_until_open, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "sendoff.json"
    with Repository(path) as repository:
        repository.add_client(Client(name="Acme"))
    app = SendoffApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        folder.rename(tmp_path / "moved")
        folder.write_text("a file where the folder was: every save fails, even as root")
        await pilot.press("x")  # archive Acme
        await pilot.pause()
        await pilot.press("q")
    problem = str(app.unsaved)
    [recovery] = (tmp_path / "state" / "sendoff" / "recovery").iterdir()
    assert f"Could not save to {path}" in problem
    assert f"They are kept in memory and in the recovery file {recovery}." in problem
    after = app.unsaved.told(running=False)  # as printed once the app has ended
    assert f"They are in the recovery file {recovery}. Once {folder} can be written again, " \
           f"copy the recovery file over {path}." in after and "memory" not in after
    with Repository(recovery, writable=False) as kept:
        [acme] = kept.clients(include_archived=True)
        assert acme.archived, "the change made before quitting is there"
