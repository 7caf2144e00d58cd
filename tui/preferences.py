"""The theme the user picks, kept in the preferences file between runs: read as the app starts,
saved when the user changes it, and any problem with the file told rather than written over."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from storage.persistence.preferences import (
    Preferences,
    PreferencesDamaged,
    load_preferences,
    save_preferences,
)


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
