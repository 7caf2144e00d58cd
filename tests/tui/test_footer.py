"""The footer keeps a screen's main keys, then `?` and `q`, in sight at 80 columns on every
screen: when its line is short it leaves out whole keys, the least needed first, never a piece of
one (tui.bindings.FOOTER_LEAVES_OUT)."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from screenshots.generate import write_demo_file
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.handover import ProjectKind
from tui.app import SendoffApp
from tui.bindings import COMMAND_PALETTE, footer_rank
from tui.screens.agenda import AgendaScreen
from tui.screens.dashboard import DashboardScreen
from tui.widgets.footer import SEPARATOR, Footer

SIZES = [(80, 24), (100, 30)]
ALWAYS = ["? Keys", "q Quit"]


class Case(NamedTuple):
    """A screen reached by pressing ``press`` from the dashboard of the demo data, and the keys
    its footer must show."""

    name: str
    press: tuple[str, ...]
    main: list[str]


# Rows on the dashboard of the demo data: Acme Analytics, Blue Heron Bakery, Fjord & Finch...
SCREENS = [
    Case("dashboard", (), ["n New", "⏎ Open", "/ Search", "g Agenda"]),
    Case("step 1", ("down", "1"), ["esc Back"]),
    Case("step 2", ("down", "2"), ["space Toggle", "a Add", "x Drop", "esc Back"]),
    Case("step 3", ("3",), ["space Toggle", "a Add", "p Presets", "w Withhold", "m Manifest",
                            "esc Back"]),
    Case("step 4", ("down", "down", "4"), ["t Draft", "c Copy", "esc Back"]),
    Case("step 5", ("down", "down", "down", "down", "5"),
         ["a Add", "c Contacted", "s Snooze", "l Log", "f Forward", "esc Back"]),
    Case("step 5, the contact log", ("down", "down", "down", "down", "5", "tab"),
         ["a Add", "l Log", "f Forward", "esc Back"]),
    # The agenda's first row is a withheld item's release, its second a follow-up.
    Case("agenda", ("g",), ["⏎ Open", "l Log", "r Release", "esc Clients"]),
    Case("agenda, a follow-up", ("g", "j"), ["⏎ Open", "c Contacted", "s Snooze", "l Log",
                                             "esc Clients"]),
    Case("overview", ("enter",), ["esc Back", "⏎ Steps", "n New", "p Person", "r Referral",
                                  "b Became a client"]),
]
# Where the keys typed go into a field, `?` and `q` are letters, not keys the footer offers.
TYPING = [
    Case("help", ("question_mark",), ["esc/?/q Close"]),  # where ? and q close the help
    Case("step 1, in a field", ("down", "1", "tab", "tab"), ["esc Leave field"]),
    Case("the filter", ("f", "a"), ["esc Clear filter"]),
    Case("search", ("slash", "a"), ["⏎ Open", "esc Back"]),
    Case("a new client", ("n",), ["^s Save", "esc Close"]),
    Case("deleting a client", ("d",), ["⏎ Confirm", "esc Cancel"]),
    Case("a new follow-up", ("down", "down", "down", "down", "5", "a"), ["^s Save", "esc Close"]),
]


def offered(app) -> dict[str, int]:
    """Each key the screen offers the footer (the first of those for one action), as the footer
    writes it, and its rank."""
    ranks: dict[str, int] = {}
    actions: set[str] = set()
    for key, (_, binding, _, _) in app.screen.active_bindings.items():
        palette = key == app.COMMAND_PALETTE_BINDING
        if (binding.show or palette) and binding.action not in actions:
            actions.add(binding.action)
            ranks[f"{app.get_key_display(binding)} {binding.description}"] = footer_rank(
                COMMAND_PALETTE if palette else binding.id)
    return ranks


def footer_keys(app, screen_lines) -> list[str]:
    """The keys on the screen's bottom line, read from the screen; it fails on any text there
    that is not a whole key the screen offers."""
    keys = sorted(offered(app), key=len, reverse=True)
    line = screen_lines(app)[-1]
    assert len(line) <= app.size.width
    rest, found = line.replace(SEPARATOR, " ").lstrip(), []
    while rest:
        key = next((key for key in keys
                    if rest.startswith(key) and rest[len(key):len(key) + 1] in ("", " ")), None)
        assert key is not None, f"not a key: {rest!r} in the footer {line!r}"
        found.append(key)
        rest = rest[len(key):].lstrip()
    return found


@pytest.fixture
def demo(tmp_path):
    return write_demo_file(tmp_path / "demo.json")


async def open_screen(app, pilot, press: tuple[str, ...]) -> None:
    for key in press:
        await pilot.press(key)
        await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("case", SCREENS + TYPING, ids=lambda case: case.name)
async def test_the_main_keys_and_then_help_and_quit_are_in_sight(demo, screen_lines, case,
                                                                 size):
    app = SendoffApp(demo)
    async with app.run_test(size=size) as pilot:
        await open_screen(app, pilot, case.press)
        shown = footer_keys(app, screen_lines)
        wanted = case.main + (ALWAYS if case in SCREENS else [])
        assert [key for key in wanted if key not in shown] == [], shown
        ranks = offered(app)
        left_out = [key for key in ranks if key not in shown]
        assert all(ranks[out] <= ranks[kept] for out in left_out for kept in shown), (
            f"{left_out} left out before a key less needed, of {shown}")


async def test_an_empty_dashboard_shows_the_keys_it_will_offer(tmp_path, screen_lines):
    app = SendoffApp(tmp_path / "new.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = footer_keys(app, screen_lines)
        assert ["n New", "⏎ Open", "/ Search", "g Agenda", "q Quit", "? Keys"] == [
            key for key in shown if key not in ("e Edit", "x Archive", "d Delete", "u Undo")]


async def test_the_dashboard_at_80_columns_leaves_out_the_least_needed(demo, screen_lines):
    app = SendoffApp(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert footer_keys(app, screen_lines) == [
            "n New", "⏎ Open", "e Edit", "/ Search", "x Archive", "d Delete", "g Agenda",
            "q Quit", "? Keys", "u Undo"]  # not f Filter or h Archived, nor ^p palette
    app = SendoffApp(demo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = footer_keys(app, screen_lines)
        assert {"h Archived", "s Sort"} <= set(shown), shown
    app = SendoffApp(demo)
    async with app.run_test(size=(170, 30)) as pilot:
        await pilot.pause()
        shown = footer_keys(app, screen_lines)
        assert {"t Timeline", "l Lost touch"} <= set(shown) and shown[-1] == "^p palette", shown


async def test_a_step_with_few_keys_spaces_them_and_puts_the_palette_at_the_end(
        demo, screen_lines):
    app = SendoffApp(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, ("down", "1"))
        line = screen_lines(app)[-1]
        assert line.startswith("1-5 Steps  E Details  W Write  esc Back  q Quit  ? Keys  u Undo  ")
        assert line.endswith(f"{SEPARATOR}^p palette") and len(line) == 80


def column_of(app, screen_lines, key: str) -> int:
    return screen_lines(app)[-1].index(key)


async def test_a_click_on_a_key_runs_it(demo, screen_lines):
    app = SendoffApp(demo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.click(Footer, offset=(column_of(app, screen_lines, "g Agenda") + 3, 0))
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        await pilot.click(Footer, offset=(column_of(app, screen_lines, "esc Clients"), 0))
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_keys_that_need_a_client_are_greyed_until_there_is_one(tmp_path, screen_lines,
                                                                     screen_style):
    app = SendoffApp(tmp_path / "new.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        edit, new = (column_of(app, screen_lines, key) for key in ("e Edit", "n New"))
        assert screen_style(app, -1, edit) != screen_style(app, -1, new)
        await pilot.click(Footer, offset=(edit, 0))  # greyed: nothing to edit, no dialog
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("n", *"Acme", "enter")
        await pilot.pause()
        await pilot.pause()
        edit, new = (column_of(app, screen_lines, key) for key in ("e Edit", "n New"))
        assert screen_style(app, -1, edit) == screen_style(app, -1, new)


async def test_the_presets_dialog_shows_its_keys(db_path, screen_lines):
    with Repository(db_path) as repository:
        repository.add_client(Client.new(name="Acme", project_kind=ProjectKind.WEBSITE))
    app = SendoffApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, ("3", "p"))
        assert footer_keys(app, screen_lines) == ["space Tick", "⏎ Add", "esc Close"]


async def test_a_key_under_the_mouse_says_what_it_does(demo, screen_lines, screen_text):
    app = SendoffApp(demo)
    async with app.run_test(size=(100, 30), tooltips=True) as pilot:
        await pilot.pause()
        assert "What is due across all clients" not in screen_text(app)
        await pilot.hover(Footer, offset=(column_of(app, screen_lines, "g Agenda"), 0))
        await pilot.pause(app.TOOLTIP_DELAY + 0.3)
        assert "What is due across all clients" in screen_text(app)


async def test_the_overview_keeps_its_main_keys_and_leaves_out_the_people_ones_first(
        demo, screen_lines):
    app = SendoffApp(demo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        shown = footer_keys(app, screen_lines)
        assert {"esc Back", "⏎ Steps", "n New", "p Person", "r Referral",
                "b Became a client"} <= set(shown), shown
        assert "d Remove person" not in shown, shown
