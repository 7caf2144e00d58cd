"""Colours from the current theme for Rich text in tables, so light and dark both read well; and
the one look of a follow-up's state (fresh, due, stale, ended) wherever it is shown."""

from __future__ import annotations

from rich.style import Style
from textual.app import App

from storage.rules.schedule import Freshness


def theme_style(app: App, variable: str, extra: str = "") -> Style:
    """A Rich style in the theme colour ``variable`` (e.g. "text-error"), plus ``extra``."""
    return Style.parse(f"{extra} {app.theme_variables[variable]}".strip())


FRESHNESS_LOOK = {
    # state: (glyph, theme variable or None, extra style)
    Freshness.FRESH: ("●", "text-success", ""),
    Freshness.DUE: ("●", "text-warning", "bold"),
    Freshness.STALE: ("●", "text-error", "bold"),
    Freshness.ENDED: ("○", None, "dim"),
}


def freshness_style(app: App, state: Freshness) -> Style:
    """The style a follow-up in ``state`` is shown in."""
    _, variable, extra = FRESHNESS_LOOK[state]
    return theme_style(app, variable, extra) if variable else Style.parse(extra)
