"""Helpers for tests that drive the app."""

from __future__ import annotations

import asyncio
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


async def _wait_until_open(app, pilot) -> None:
    await asyncio.to_thread(lambda: app.repo)
    await pilot.pause()


@pytest.fixture
def wait_until_open():
    """``await wait_until_open(app, pilot)``: until the data file, which the app opens behind
    the dashboard, is open (or could not be) and the app has dealt with it."""
    return _wait_until_open
