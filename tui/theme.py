"""Colours from the current theme for Rich text in tables, so light and dark both read well."""

from __future__ import annotations

from rich.style import Style
from textual.app import App


def theme_style(app: App, variable: str, extra: str = "") -> Style:
    """A Rich style in the theme colour ``variable`` (e.g. "text-error"), plus ``extra``."""
    return Style.parse(f"{extra} {app.theme_variables[variable]}".strip())
