"""The command palette (ctrl+p): each command once, each with its key beside it, and its
Screenshot saved where a folder exists, the user told where."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.follow_up import FollowUp, FollowUpKind
from storage.records.handover import HandoverItem
from storage.records.work import WorkItem
from tui.app import SendoffApp

SCREENS = {
    "dashboard": (),
    **{f"step-{step}": (step,) for step in "12345"},
    "agenda": ("g",),
    "search": ("slash",),
    "help": ("question_mark",),
}


def add_acme(db_path: Path) -> None:
    with Repository(db_path) as repository:
        repository.add_client(Client.new(
            name="Acme", work=[WorkItem("Ship it")], handover=[HandoverItem("Source code")],
            follow_ups=[FollowUp("Monthly", FollowUpKind.RULE, date(2026, 1, 10),
                                  rule="FREQ=MONTHLY")]))


async def palette_lines(pilot, query: str) -> list[str]:
    """What the palette lists for ``query``, typed as a user types it."""
    from tests.tui.conftest import _screen_lines

    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause(0.3)  # the palette gathers its commands in a worker
    return [line.strip("▊▎▌ ") for line in _screen_lines(pilot.app)]


@pytest.mark.parametrize("keys", SCREENS.values(), ids=SCREENS.keys())
async def test_every_command_is_listed_once(db_path, wait_until_open, keys) -> None:
    add_acme(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        await pilot.press(*keys)
        await pilot.pause()
        titles = Counter(command.title for command in app.get_system_commands(app.screen))
        assert [title for title, times in titles.items() if times > 1] == []
        assert {"Quit", "Keys", "Theme", "Screenshot"} <= set(titles)


async def test_each_command_of_a_key_shows_its_key(db_path, wait_until_open) -> None:
    add_acme(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        helps = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert helps["Archive"].startswith("x · Hide the client")
        assert helps["Undo"].startswith("u · ")
        assert helps["Keys"].startswith("? · ")
        assert helps["Theme"] == "Change the current theme"  # Textual's own: it has no key

        lines = await palette_lines(pilot, "archive")
        assert any(line.startswith("x · Hide the client") for line in lines)


def start_in(tmp_path: Path, monkeypatch, *, downloads: bool) -> tuple[Path, Path]:
    """A home (with a Downloads folder or not) and another folder to start Sendoff in."""
    home, here = tmp_path / "home", tmp_path / "here"
    (home / "Downloads" if downloads else home).mkdir(parents=True)
    here.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.chdir(here)
    return home, here


async def screenshot_from_the_palette(app: SendoffApp, screen_text) -> str:
    """Ctrl+p, Screenshot, enter, as a user takes one; what the screen then says."""
    async with app.run_test(size=(160, 30), notifications=True) as pilot:
        await palette_lines(pilot, "screenshot")
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert app.is_running
        return re.sub(r"[\s▌]", "", screen_text(app))


async def test_screenshot_goes_to_the_current_folder_when_there_is_no_downloads_folder(
        db_path, tmp_path, monkeypatch, screen_text) -> None:
    home, here = start_in(tmp_path, monkeypatch, downloads=False)
    add_acme(db_path)
    told = await screenshot_from_the_palette(SendoffApp(db_path), screen_text)
    [saved] = here.glob("*.svg")
    assert "Acme" in saved.read_text(encoding="utf-8")
    assert f"Screenshotsaved{saved}" in told
    assert not (home / "Downloads").exists()


async def test_screenshot_goes_to_the_downloads_folder_when_there_is_one(
        db_path, tmp_path, monkeypatch, screen_text) -> None:
    home, here = start_in(tmp_path, monkeypatch, downloads=True)
    add_acme(db_path)
    await screenshot_from_the_palette(SendoffApp(db_path), screen_text)
    assert len(list((home / "Downloads").glob("*.svg"))) == 1
    assert list(here.iterdir()) == []


async def test_a_screenshot_that_cannot_be_written_says_why(
        db_path, tmp_path, monkeypatch, read_only, screen_text) -> None:
    _, here = start_in(tmp_path, monkeypatch, downloads=False)
    read_only(here)
    add_acme(db_path)
    told = await screenshot_from_the_palette(SendoffApp(db_path), screen_text)
    assert f"Screenshotnotsaved{here}:" in told
    assert list(here.iterdir()) == []
