"""The titles on the borders of the step screens' sections read clearly, focused or not, in the
dark and the light theme: at least 4.5:1 against what they are drawn on (WCAG's AA for text),
measured on the colours the widget actually draws."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from textual.color import Color
from textual.geometry import Region
from textual.widget import Widget

from screenshots.generate import write_demo_file
from tui.app import SendoffApp

READABLE = 4.5
STEPS = {1: ("down", "1"), 2: ("down", "2"), 3: ("3",), 4: ("down", "down", "4"),
         5: ("down", "down", "down", "down", "5")}


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(segment: Segment) -> float:
    lighter, darker = sorted((luminance(Color.from_rich_color(segment.style.color)),
                              luminance(Color.from_rich_color(segment.style.bgcolor))),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def title_segments(widget: Widget) -> list[Segment]:
    """The parts of the widget's top border line that are the title's letters."""
    top = widget.render_lines(Region(0, 0, widget.size.width, 1))[0]
    return [segment for segment in top if any(char.isalnum() for char in segment.text)]


def worst(widget: Widget) -> tuple[float, str]:
    segments = title_segments(widget)
    assert "".join(segment.text for segment in segments).strip(), "the title is drawn"
    lowest = min(segments, key=contrast)
    assert not lowest.style.dim
    return contrast(lowest), lowest.text


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("step", sorted(STEPS))
async def test_every_section_title_is_readable_focused_or_not(tmp_path, theme, step):
    app = SendoffApp(write_demo_file(tmp_path / "demo.json"))
    async with app.run_test(size=(100, 40)) as pilot:
        app.theme = theme
        await pilot.press(*STEPS[step])
        await pilot.pause()
        titled = [widget for widget in app.screen.query("*")
                  if widget.border_title and widget.display]
        assert titled, "every step screen has titled sections"
        measured = []
        for widget in titled:
            app.screen.set_focus(None)
            await pilot.pause()
            measured.append((widget.border_title, "unfocused", *worst(widget)))
            if widget.focusable:
                widget.focus()
                await pilot.pause()
                measured.append((widget.border_title, "focused", *worst(widget)))
        faint = [entry for entry in measured if entry[2] < READABLE]
        assert not faint, faint
