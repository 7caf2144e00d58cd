"""The theme the user picks, kept in the preferences file between runs: read as the app starts,
saved when the user changes it, and any problem with the file told rather than written over;
and how long the agenda waits to chase a testimonial, read from the same file."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from storage.persistence.preferences import (
    Preferences,
    PreferencesDamaged,
    chase_after_days,
    load_preferences,
    save_preferences,
)
from storage.views.promises import CHASE_AFTER_DAYS


def saved_theme(path: Path, themes: Collection[str]) -> tuple[str | None, str | None]:
    """The saved theme when it is one of ``themes``, and what to tell the user, if anything."""
    preferences, problem = load_preferences(path)
    if problem is not None:
        return None, problem
    if preferences.theme is None or preferences.theme in themes:
        return preferences.theme, None
    return None, (f"{path} names the theme {preferences.theme!r}, which Sendoff does not have; "
                  "using the default")


def keep_theme(path: Path, theme: str) -> str | None:
    """Save ``theme`` for the runs to come; None, or why it was not saved."""
    try:
        save_preferences(path, Preferences(theme=theme))
    except PreferencesDamaged as damaged:
        return str(damaged)
    except OSError as error:
        return f"could not write {path}: {error.strerror or error}"
    return None


def unknown_theme(theme: str, source: str, themes: Collection[str]) -> str | None:
    """Why ``theme``, named by ``source`` (``--theme``, ``SENDOFF_THEME``), cannot be used, or
    None when it is one of ``themes``."""
    if theme in themes:
        return None
    return f"{source}: there is no theme {theme!r}; choose one of {', '.join(sorted(themes))}"


def chase_after(path: Path | None) -> int:
    """The days a testimonial asked for waits before the agenda chases it: as the preferences
    file says, else the default (a file that cannot be read is told when the app starts)."""
    return chase_after_days(path, CHASE_AFTER_DAYS)[0]
