"""Helpers for tests that drive the app."""

from __future__ import annotations

import html
import re

import pytest


def _screen_text(app) -> str:
    """The text on the app's screen right now, as a person would read it."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", "", line) for line in lines)).replace(
        "\xa0", " ")


@pytest.fixture
def screen_text():
    """``screen_text(app)``: everything visible on the app's screen, as text."""
    return _screen_text
