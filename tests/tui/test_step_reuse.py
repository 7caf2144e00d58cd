"""Each step's screen is made once and shown again for the next client: it must show that
client exactly as a new screen would, with nothing of the one before (a value, an error, a
cursor, a detail, the focus)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Static, TextArea

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.follow_up import FollowUp
from storage.records.interview import ExitInterview
from tui.app import SendoffApp
from tui.widgets.field_row import FieldRow
from tui.widgets.row_list import RowList


def add_clients(db_path: Path) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client.new("Acme", interview=ExitInterview(liked="The pace"),
                                   follow_ups=[FollowUp.from_preset("quarterly", date(2026, 4, 1),
                                                                    label="Acme first"),
                                               FollowUp.from_preset("quarterly", date(2026, 5, 1),
                                                                    label="Acme second")]))
        repo.add_client(Client.new("Bolt", follow_ups=[
            FollowUp.from_preset("quarterly", date(2026, 6, 1), label="Bolt only")]))


def detail(app) -> str:
    return str(app.screen.query_one("#follow-up-detail", Static).render())


async def test_a_step_shown_again_for_another_client_shows_only_them(db_path) -> None:
    add_clients(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")  # Acme, the first by name
        acme_interview = app.screen
        assert app.screen.query_one("#field-liked", TextArea).text == "The pace"
        await pilot.press("escape", "down", "4")
        assert app.screen is acme_interview  # the same screen, shown again
        assert app.screen.client_id == 2
        assert app.screen.query_one("#field-liked", TextArea).text == ""
        assert app.focused is app.screen.query_one(app.screen.FORM_SELECTOR)

        await pilot.press("1")  # Bolt's step 1: a value refused there stays Bolt's
        app.screen.query_one("#field-notice_given_on", Input).focus()
        app.screen.query_one("#field-notice_given_on", Input).value = "2026-13-01"
        await pilot.press("escape")
        assert app.screen.query("FieldRow.-invalid")
        await pilot.press("escape", "escape")  # leave without it
        await pilot.press("up", "1")
        assert not list(app.screen.query("FieldRow.-invalid").results(FieldRow))
        assert app.screen.query_one("#field-notice_given_on", Input).value == ""

        await pilot.press("5")
        assert "Acme first" in detail(app)
        await pilot.press("tab")  # to the contact log
        assert app.focused is not app.screen.query_one("#follow-ups")
        await pilot.press("escape", "down", "5")
        follow_ups = app.screen.query_one("#follow-ups", RowList)
        assert app.focused is follow_ups  # where it starts, as on a new screen
        assert "Bolt only" in detail(app)  # the same place in the list, another follow-up

        await pilot.press("escape", "up", "5", "down")  # the cursor on Acme's second
        assert "Acme second" in detail(app)
        await pilot.press("escape", "down", "5")
        assert follow_ups.cursor == 0
        assert app.changes.client(2).follow_ups[0].id == follow_ups.current_key
        assert "Bolt only" in detail(app)


async def test_the_overview_shown_again_shows_the_next_client_from_the_top(db_path) -> None:
    add_clients(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        acme = app.screen
        assert "Acme" in str(acme.query_one("#overview-title", Static).render())
        await pilot.press("tab")  # on to another list
        await pilot.press("escape", "down", "enter")
        assert app.screen is acme  # the same screen, shown again
        assert "Bolt" in str(app.screen.query_one("#overview-title", Static).render())
        assert app.focused is app.screen.query_one("#engagements", RowList)
        assert app.screen.sub_title.startswith("1 engagement")
