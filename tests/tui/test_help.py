"""`?` lists the keys of the screen it was opened from first, then every other screen's, each
under its title, then what the dashboard's step glyphs and the follow-ups' states mean."""

from __future__ import annotations

import pytest

from screenshots.generate import write_demo_file
from tui.app import SendoffApp
from tui.bindings import own_bindings
from tui.screens.help import help_screens, help_widgets

SIZES = [(80, 24), (100, 30)]
STEP_TITLES = ["Step 1: Where you stand", "Step 2: Finish outstanding work",
               "Step 3: Hand over documentation", "Step 4: Exit interview",
               "Step 5: Stay in touch"]


@pytest.fixture
def demo(tmp_path):
    return write_demo_file(tmp_path / "demo.json")


def first_line(lines: list[str], text: str) -> int:
    return next(index for index, line in enumerate(lines) if text in line)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_from_the_dashboard_help_lists_the_step_keys_and_the_legends(
        demo, help_lines, size):
    app = SendoffApp(demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = await help_lines(app, pilot)
    text = "\n".join(lines)
    for title in ["The clients (this screen)", "Everywhere", "Every step of a client",
                  *STEP_TITLES, "The agenda", "A client's timeline", "Search"]:
        assert title in text
    order = [first_line(lines, title) for title in ["The clients", "Every step", *STEP_TITLES,
                                                    "The agenda"]]
    assert order == sorted(order), "in the order a client goes through them"
    for key in ("1-5", "Leave field", "Drop", "Toggle", "Presets", "Withhold", "Manifest",
                "Draft", "Copy", "Contacted", "Snooze", "Forward"):
        assert key in text
    legends = first_line(lines, "The dashboard's Steps 1-5")
    assert legends > first_line(lines, "The agenda")
    for glyph, meaning in [("██", "done"), ("▒▒", "started"), ("░░", "not started"),
                           ("● fresh", "before its next date"), ("● due", "grace"),
                           ("● stale", "still not handled")]:
        assert any(glyph in line and meaning in line for line in lines[legends:]), glyph


async def test_from_step_3_its_keys_come_first(demo, help_lines):
    app = SendoffApp(demo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        lines = await help_lines(app, pilot)
    first = first_line(lines, "Step 3: Hand over documentation (this screen)")
    assert first < first_line(lines, "The clients")
    assert first < first_line(lines, "Presets") < first_line(lines, "Everywhere")
    assert first < first_line(lines, "Toggle") < first_line(lines, "Everywhere")
    assert first < first_line(lines, "esc") < first_line(lines, "Everywhere")  # esc Back
    assert first_line(lines, "Step 2: Finish outstanding work") > first_line(lines, "Everywhere")
    assert sum("Step 3: Hand over documentation" in line for line in lines) == 1


async def test_every_key_of_every_screen_is_listed(demo, help_lines):
    app = SendoffApp(demo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = "\n".join(await help_lines(app, pilot))
    for screen in help_screens():
        for owner in (screen, *help_widgets(screen)):
            for binding in own_bindings(owner):
                if binding.description:
                    assert binding.description in text, (screen.__name__, binding)


# Keys pressed from the dashboard of the demo data to reach each screen.
WALKS = [(), ("down", "1"), ("down", "2"), ("3",), ("down", "down", "4"), ("5",), ("g",),
         ("slash",)]


@pytest.mark.parametrize("press", WALKS, ids=" ".join)
async def test_a_screen_names_the_widgets_whose_keys_it_shows(demo, press):
    """Help reads a screen's widgets from HELP_WIDGETS, without opening the screen: it names
    every widget of the screen that has keys of its own to list."""
    app = SendoffApp(demo)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in press:
            await pilot.press(key)
            await pilot.pause()
        widgets = {type(widget) for widget in app.screen.query("*")
                   if "HELP_TITLE" in vars(type(widget))}
        assert type(app.screen) in help_screens()
        assert widgets == set(help_widgets(type(app.screen)))
