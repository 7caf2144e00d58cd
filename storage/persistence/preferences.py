"""Preferences (the theme, and how long a testimonial asked for waits before it is chased) in
the user's config folder, apart from the data file.

The file is ``config.json`` in ``sendoff``'s config folder (``$XDG_CONFIG_HOME/sendoff`` or
``~/.config/sendoff`` on Linux), written in one step and private to the user (mode 0600), like
the data file. A file that cannot be read as preferences, or holds a value of the wrong kind,
is named and ignored: the defaults apply, and saving refuses to write over it until it is
fixed or removed, so nothing the user wrote there is lost. Keys this version does not know are
kept as they are when it saves.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from storage.errors import SendoffError

FILE_NAME = "config.json"
THEME_VARIABLE = "SENDOFF_THEME"
LONGEST_CHASE_DAYS = 365


class PreferencesDamaged(SendoffError):
    """The preferences file holds something Sendoff cannot read; it is left as it is."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} is not a preferences file Sendoff can read ({reason})")
        self.path = path
        self.reason = reason


class Preferences(NamedTuple):
    """What the user chose to keep between runs; None means Sendoff's default. A NamedTuple:
    `sendoff due` reads it, and is timed against a bare interpreter."""

    theme: str | None = None
    chase_after_days: int | None = None  # None: `storage.views.promises.CHASE_AFTER_DAYS`


def preferences_path() -> Path:
    """The preferences file in the platform's per-user config folder (nothing is created)."""
    from platformdirs import user_config_path

    return user_config_path("sendoff", appauthor=False) / FILE_NAME


def _read(path: Path) -> dict[str, Any]:
    """The file's keys, all of them; {} when there is no file. Raises PreferencesDamaged."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise PreferencesDamaged(path, f"cannot be read: {error.strerror or error}") from None
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        raise PreferencesDamaged(path, "not valid JSON") from None
    if not isinstance(data, dict):
        raise PreferencesDamaged(path, "not a JSON object")
    theme = data.get("theme")
    if theme is not None and not (isinstance(theme, str) and theme.strip()):
        raise PreferencesDamaged(path, f"theme should be a theme's name, not {theme!r}")
    chase = data.get("chase_after_days")
    if chase is not None and not (type(chase) is int and 1 <= chase <= LONGEST_CHASE_DAYS):
        raise PreferencesDamaged(path, "chase_after_days should be a whole number of days from "
                                       f"1 to {LONGEST_CHASE_DAYS}, not {chase!r}")
    return data


def load_preferences(path: Path) -> tuple[Preferences, str | None]:
    """The saved preferences and None, or the defaults and why the file was ignored."""
    try:
        data = _read(path)
    except PreferencesDamaged as damaged:
        return Preferences(), f"{damaged}; using the defaults"
    theme = data.get("theme")
    return Preferences(theme=theme.strip() if theme else None,
                       chase_after_days=data.get("chase_after_days")), None


def save_preferences(path: Path, preferences: Preferences) -> None:
    """Write ``preferences`` to ``path`` in one step, private (0600), keeping the keys of a
    newer Sendoff. Raises PreferencesDamaged, writing nothing, over a file it cannot read."""
    from storage.persistence.replace_file import replace_file  # only to write: `due` reads

    try:
        data = _read(path)
    except PreferencesDamaged as damaged:
        raise PreferencesDamaged(
            path, f"{damaged.reason}; nothing was written: fix or remove the file"
        ) from None
    theme = (preferences.theme or "").strip()
    if theme:
        data["theme"] = theme
    else:
        data.pop("theme", None)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    replace_file(path, (json.dumps(data, indent=2) + "\n").encode("utf-8"), mode=0o600)


def theme_for_run(flag: str | None, environ: Mapping[str, str]) -> tuple[str, str] | None:
    """The theme chosen for this run alone, and where (``--theme``, else ``SENDOFF_THEME``);
    None when neither names one, and the saved theme applies. Neither is saved."""
    for name, source in ((flag, "--theme"), (environ.get(THEME_VARIABLE), THEME_VARIABLE)):
        if (name or "").strip():
            return name.strip(), source
    return None


def chase_after_days(path: Path | None, default: int) -> tuple[int, str | None]:
    """How many days a testimonial asked for waits for an answer before it is to be chased:
    as the preferences file at ``path`` says, else ``default``; and why the file was ignored."""
    if path is None:
        return default, None
    preferences, problem = load_preferences(path)
    return preferences.chase_after_days or default, problem
