"""`/` on the list of clients: search everything, archived clients too, a line for each place a
word was found; enter opens the client, escape goes back. Driven from the keyboard with Pilot
on a real data file."""

from __future__ import annotations

from datetime import date

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.contract import Contract
from storage.records.handover import HandoverItem
from storage.records.interview import ExitInterview
from storage.records.person import Person
from storage.records.work import WorkItem, WorkStatus
from tui.app import SendoffApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.overview import OverviewScreen
from tui.screens.search import SearchScreen
from tui.widgets.row_list import RowList

SIZES = [(80, 24), (100, 30)]


@pytest.fixture
def book(db_path):
    """Three clients: one at step 3 with an exit interview, one archived, one unrelated."""
    with Repository(db_path) as repository:
        repository.add_client(Client.new(
            name="Acme Ltd", contact_person="Dana Lee", email="dana@acme.example",
            contract=Contract(planned_last_day=date(2026, 3, 31)),
            work=[WorkItem("Logo", status=WorkStatus.DONE)],
            handover=[HandoverItem("Brand files", location="Drive /acme")],
            interview=ExitInterview(liked="The weekly sourdough demos")))
        repository.add_client(Client(
            name="Old Bakery", archived=True, people=[Person("Sam", notes="Bakes sourdough")],
            contacts=[Contact(on=date(2026, 3, 1), channel="call", note="Sourdough starter")]))
        repository.add_client(Client(name="Initech"))
    return db_path


async def search_for(app, pilot, *keys: str) -> SearchScreen:
    """Press the keys (from the dashboard), then wait for the search they start."""
    await pilot.press(*keys)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, SearchScreen)
    return app.screen


def opened(app) -> int:
    """The client whose overview is open now, as the dashboard's enter opens it."""
    assert isinstance(app.screen, OverviewScreen)
    return app.screen.client_id


def found_lines(screen: SearchScreen) -> list[str]:
    """The list of places found, as its cells read: a client's line, then theirs indented."""
    found = screen.query_one("#found", RowList)
    return [" | ".join(cell.plain for cell in found.cells(line) if cell.plain)
            for line in found.keys]


@pytest.mark.parametrize("size", SIZES)
async def test_slash_searches_everything_archived_clients_too(book, screen_text, size):
    app = SendoffApp(book)
    async with app.run_test(size=size) as pilot:
        screen = await search_for(app, pilot, "slash", *"sourdough")
        assert found_lines(screen) == [
            "Old Bakery (archived)",
            "  person: notes (Sam) | Bakes sourdough",
            "  contact note 2026-03-01 | Sourdough starter",
            "Acme Ltd",
            "  exit interview: liked | The weekly sourdough demos",
        ], "the most places first; archived clients are found and say so"
        assert screen.sub_title == "Search: 2 clients found"
        text = " ".join(screen_text(app).split())
        assert "Old Bakery (archived)" in text and "person: notes (Sam)" in text
        assert "Bakes sourdough" in text and "⏎ Open esc Back" in text
        old = screen.query_one("#found", RowList)
        assert all("italic" in str(cell.style) for cell in old.cells((2, 0)))
        assert "bold" in str(old.cells((1, 0))[1].spans[0].style), "the word found is bold"


async def test_every_word_must_be_found_and_nothing_found_says_so(book, screen_text):
    app = SendoffApp(book)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await search_for(app, pilot, "slash")
        assert "Type the words to find" in " ".join(screen_text(app).split())
        screen = await search_for(app, pilot, *"dana drive")
        assert found_lines(screen) == ["Acme Ltd", "  person: name | Dana Lee",
                                       "  person: email (Dana Lee) | dana@acme.example",
                                       "  handover item: where it is (Brand files) | Drive /acme"]
        screen = await search_for(app, pilot, *" nowhere")
        assert found_lines(screen) == []
        assert ("No client, archived ones included, holds every word of “dana drive nowhere”."
                in " ".join(screen_text(app).split()))
        assert screen.sub_title == "Search: 0 clients found"


async def test_enter_opens_the_clients_overview_and_escape_comes_back(book):
    app = SendoffApp(book)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await search_for(app, pilot, "slash", *"sourdough")
        await pilot.press("down", "down")  # to Acme's line, passing over the name above it
        await pilot.press("enter")
        await pilot.pause()
        assert opened(app) == 1
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#found", RowList).current_key == (1, 0), "where it was"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_enter_from_the_list_itself_opens_an_archived_client(book):
    app = SendoffApp(book)
    async with app.run_test(size=(100, 30)) as pilot:
        await search_for(app, pilot, "slash", *"starter", "tab")
        await pilot.press("enter")
        await pilot.pause()
        assert opened(app) == 2


async def test_enter_typed_ahead_of_the_hits_opens_the_best_one(book):
    app = SendoffApp(book)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"acme", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened(app) == 1


async def test_only_the_hits_of_the_words_typed_last_are_shown(book):
    app = SendoffApp(book)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await search_for(app, pilot, "slash", *"sourdough", *["backspace"] * 9,
                                  *"initech")
        assert screen.shown_for == "initech"
        assert found_lines(screen) == ["Initech", "  name | Initech"]
        screen.post_message(SearchScreen.Searched("sourdough", []))  # a search overtaken
        await pilot.pause()
        assert found_lines(screen) == ["Initech", "  name | Initech"]


async def test_text_is_shown_literally(db_path, screen_lines):
    with Repository(db_path) as repository:
        repository.add_client(Client(name="[bold]x\x1b[31m", notes="[red]boldly[/red]\x1b[2J"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await search_for(app, pilot, "slash", *"bold")
        text = "\n".join(screen_lines(app))
        assert "[bold]x␛[31m" in text and "[red]boldly[/red]␛[2J" in text
        assert found_lines(screen) == ["[bold]x␛[31m", "  name | [bold]x␛[31m",
                                       "  notes | [red]boldly[/red]␛[2J"]
