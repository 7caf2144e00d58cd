"""The theme the user picks is kept in the preferences file (in tmp_path here) and used at the
next start; a file Sendoff cannot read is named on screen and never written over."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest

from tests.tui.conftest import _run_command
from tui.app import SendoffApp

DEFAULT = "textual-dark"


@pytest.fixture
def preferences(tmp_path: Path) -> Path:
    return tmp_path / "config-home" / "sendoff" / "config.json"


async def pick_theme(pilot, name: str) -> None:
    """Ctrl+p, the Theme command, then the theme, as a user picks one."""
    await _run_command(pilot, "theme")
    await pilot.press(*name)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


def told(screen_text, app) -> str:
    """The screen's text with no spaces or toast edges, as a long path wraps in a toast."""
    return re.sub(r"[\s▌]", "", screen_text(app))


def said(text: str) -> str:
    return re.sub(r"\s", "", text)


def background(app: SendoffApp) -> str:
    """The colour the screen is drawn on, as the screenshot has it."""
    return app.screen.styles.background.hex.lower()


async def test_a_theme_picked_in_the_palette_is_saved_and_used_at_the_next_start(
        db_path, preferences, usual_umask):
    app = SendoffApp(db_path, preferences=preferences)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == DEFAULT
        await pick_theme(pilot, "gruvbox")
        assert app.theme == "gruvbox"
    assert json.loads(preferences.read_text(encoding="utf-8")) == {"theme": "gruvbox"}
    assert stat.S_IMODE(preferences.stat().st_mode) == 0o600

    again = SendoffApp(db_path, preferences=preferences)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == "gruvbox"
        assert f'fill="{background(again)}"' in again.export_screenshot()
        assert background(again) == again.available_themes["gruvbox"].background.lower()


async def test_a_theme_set_for_the_run_before_it_starts_is_not_saved(db_path, preferences):
    """As run_app sets --theme: the user did not pick it in the app, so it is not kept."""
    app = SendoffApp(db_path, preferences=preferences)
    app.theme = "nord"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
    assert not preferences.exists()


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ('{"theme": "nord"', "not valid JSON"),
        ('{"theme": 7}', "theme should be a theme's name"),
    ],
)
async def test_a_damaged_file_is_named_on_screen_and_picking_a_theme_leaves_it(
        db_path, preferences, screen_text, content, why):
    preferences.parent.mkdir(parents=True)
    preferences.write_text(content, encoding="utf-8")

    app = SendoffApp(db_path, preferences=preferences)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT
        shown = told(screen_text, app)
        assert said(f"Preferences not read {preferences} is not a preferences file Sendoff can "
                    f"read ({why}") in shown and said("using the defaults") in shown
        app.clear_notifications()
        await pick_theme(pilot, "nord")
        assert app.theme == "nord", "the theme changes for this run all the same"
        shown = told(screen_text, app)
        assert said(f"Theme not kept {preferences}") in shown
        assert said("nothing was written: fix or remove the file") in shown
    assert preferences.read_text(encoding="utf-8") == content


async def test_a_saved_theme_sendoff_does_not_have_is_named_and_the_default_used(
        db_path, preferences, screen_text):
    preferences.parent.mkdir(parents=True)
    preferences.write_text('{"theme": "from-a-newer-sendoff"}', encoding="utf-8")

    app = SendoffApp(db_path, preferences=preferences)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT
        assert said(f"{preferences} names the theme 'from-a-newer-sendoff', which Sendoff does "
                    "not have; using the default") in told(screen_text, app)
        await pick_theme(pilot, "nord")
    assert json.loads(preferences.read_text(encoding="utf-8")) == {"theme": "nord"}


async def test_a_config_folder_that_cannot_be_written_is_told(
        db_path, preferences, read_only, screen_text):
    preferences.parent.mkdir(parents=True)
    read_only(preferences.parent)

    app = SendoffApp(db_path, preferences=preferences)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pick_theme(pilot, "nord")
        assert said(f"Theme not kept could not write {preferences}") in told(screen_text, app)
    assert not preferences.exists()
