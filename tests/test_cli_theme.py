"""`sendoff --theme` and SENDOFF_THEME, run as a user would: real processes, the config folder
in tmp_path. The app itself runs on Textual's headless driver and takes its own screenshot
(TEXTUAL_SCREENSHOT), which tells the theme by the colour the screen is drawn on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.theme import BUILTIN_THEMES

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BACKGROUND = "#121212"  # textual-dark's screen

pytestmark = pytest.mark.skipif(sys.platform != "linux",
                                reason="XDG_CONFIG_HOME places the config folder on Linux only")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TEXTUAL")}
    env.pop("SENDOFF_THEME", None)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config-home")
    return env


@pytest.fixture
def preferences(tmp_path: Path) -> Path:
    return tmp_path / "config-home" / "sendoff" / "config.json"


def sendoff(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=60)


def open_app(db_path: Path, *args: str, env: dict[str, str], press: str = "",
             seconds: int = 1) -> str:
    """Open the app headless, press ``press`` (keys, comma-separated; ``wait:MS`` waits), and
    return the SVG of the screen ``seconds`` after it is ready, when the app quits."""
    shot = db_path.with_name("screen.svg")
    env = {**env, "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
           "TEXTUAL_SCREENSHOT": str(seconds), "TEXTUAL_SCREENSHOT_LOCATION": str(shot.parent),
           "TEXTUAL_SCREENSHOT_FILENAME": shot.name, "TEXTUAL_PRESS": press}
    done = sendoff("--db", str(db_path), *args, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return shot.read_text(encoding="utf-8")


def drawn_on(svg: str, background: str) -> bool:
    return f'fill="{background.lower()}"' in svg


def test_without_a_choice_the_default_theme_is_used_and_nothing_is_written(
        db_path, env, preferences):
    svg = open_app(db_path, env=env)

    assert drawn_on(svg, DEFAULT_BACKGROUND)
    assert not preferences.parent.exists(), "reading the preferences must not create them"


def test_a_theme_picked_in_the_app_is_saved_in_the_config_folder_and_used_next_time(
        db_path, env, preferences):
    open_app(db_path, env=env, press="ctrl+p,t,h,e,m,e,wait:500,enter,wait:500,n,o,r,d,wait:500,enter",
             seconds=3)

    assert json.loads(preferences.read_text(encoding="utf-8")) == {"theme": "nord"}
    svg = open_app(db_path, env=env)
    assert drawn_on(svg, BUILTIN_THEMES["nord"].background)
    assert not drawn_on(svg, DEFAULT_BACKGROUND)


@pytest.mark.parametrize("how", ["--theme", "SENDOFF_THEME"])
def test_a_theme_for_one_run_is_used_and_not_saved(db_path, env, preferences, how):
    preferences.parent.mkdir(parents=True)
    preferences.write_text('{"theme": "nord"}', encoding="utf-8")
    args = ["--theme", "gruvbox"] if how == "--theme" else []
    if how == "SENDOFF_THEME":
        env["SENDOFF_THEME"] = "gruvbox"

    svg = open_app(db_path, *args, env=env)

    assert drawn_on(svg, BUILTIN_THEMES["gruvbox"].background)
    assert not drawn_on(svg, BUILTIN_THEMES["nord"].background)
    assert preferences.read_text(encoding="utf-8") == '{"theme": "nord"}'


def test_the_flag_wins_over_the_variable(db_path, env):
    env["SENDOFF_THEME"] = "gruvbox"

    svg = open_app(db_path, "--theme", "dracula", env=env)

    assert drawn_on(svg, BUILTIN_THEMES["dracula"].background)


@pytest.mark.parametrize("how", ["--theme", "SENDOFF_THEME"])
def test_an_unknown_theme_is_refused_before_the_app_opens(db_path, env, preferences, how):
    args = ["--theme", "no-such-theme"] if how == "--theme" else []
    if how == "SENDOFF_THEME":
        env["SENDOFF_THEME"] = "no-such-theme"

    done = sendoff("--db", str(db_path), *args, env=env)

    assert done.returncode == 2
    assert done.stderr.startswith(f"sendoff: {how}: there is no theme 'no-such-theme'; "
                                  "choose one of ")
    assert "nord" in done.stderr and "textual-light" in done.stderr
    assert len(done.stderr.splitlines()) == 1, "one clear line, no traceback"
    assert done.stdout == ""
    assert not db_path.exists() and not preferences.parent.exists(), "the app never opened"


def test_theme_with_a_command_is_refused(db_path, env):
    done = sendoff("--theme", "nord", "--db", str(db_path), "check", env=env)

    assert done.returncode == 2
    assert "--theme is for the app; check has no theme" in done.stderr
