"""Preferences in the user's config folder: real files in tmp_path, no network."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest

from storage.persistence.preferences import (
    Preferences,
    PreferencesDamaged,
    load_preferences,
    preferences_path,
    save_preferences,
    theme_for_run,
)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config-home" / "sendoff" / "config.json"


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG folders are Linux's")
def test_the_file_is_in_the_config_folder_xdg_first(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert preferences_path() == tmp_path / "xdg" / "sendoff" / "config.json"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert preferences_path() == tmp_path / ".config" / "sendoff" / "config.json"
    assert list(tmp_path.iterdir()) == [], "finding the file must not create anything"


def test_no_file_is_the_defaults_and_nothing_to_report(config: Path):
    assert load_preferences(config) == (Preferences(), None)
    assert not config.parent.exists(), "reading must not create anything"


def test_a_saved_theme_is_read_back_from_a_private_file(config: Path, usual_umask):
    save_preferences(config, Preferences(theme="nord"))

    assert load_preferences(config) == (Preferences(theme="nord"), None)
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert json.loads(config.read_text(encoding="utf-8")) == {"theme": "nord"}
    assert [path.name for path in config.parent.iterdir()] == ["config.json"]  # no temporary left
    save_preferences(config, Preferences(theme="  "))  # no theme chosen: Sendoff's default
    assert load_preferences(config) == (Preferences(), None)


def test_saving_replaces_a_loose_file_with_a_private_one_and_keeps_keys_it_does_not_know(
        config: Path, usual_umask):
    config.parent.mkdir(parents=True)
    config.write_text('{"theme": "nord", "from_a_newer_sendoff": [1, 2]}', encoding="utf-8")
    config.chmod(0o644)

    save_preferences(config, Preferences(theme="gruvbox"))

    assert json.loads(config.read_text(encoding="utf-8")) == {
        "theme": "gruvbox", "from_a_newer_sendoff": [1, 2]}
    assert stat.S_IMODE(config.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"theme": "nord"', "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"theme": 7}', "theme should be a theme's name"),
        ('{"theme": "  "}', "theme should be a theme's name"),
        (b"\xff\xfe", "not valid JSON"),
    ],
)
def test_a_damaged_file_is_named_ignored_and_never_overwritten(config: Path, content, reason):
    config.parent.mkdir(parents=True)
    raw = content if isinstance(content, bytes) else content.encode("utf-8")
    config.write_bytes(raw)

    preferences, problem = load_preferences(config)

    assert preferences == Preferences()
    assert problem is not None and str(config) in problem and reason in problem
    assert "using the defaults" in problem
    with pytest.raises(PreferencesDamaged) as refused:
        save_preferences(config, Preferences(theme="nord"))
    assert str(config) in str(refused.value) and "nothing was written" in str(refused.value)
    assert config.read_bytes() == raw


def test_a_run_takes_the_flag_then_the_variable_and_says_which():
    assert theme_for_run("dracula", {"SENDOFF_THEME": "gruvbox"}) == ("dracula", "--theme")
    assert theme_for_run(None, {"SENDOFF_THEME": " gruvbox "}) == ("gruvbox", "SENDOFF_THEME")
    assert theme_for_run(" ", {"SENDOFF_THEME": ""}) is None  # the saved theme applies
    assert theme_for_run(None, {}) is None
