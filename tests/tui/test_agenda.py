"""The agenda through the real app: what is due across all clients, acted on in place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from storage.records.client import Client
from storage.records.contact import ForwardItem
from storage.records.follow_up import FollowUp
from tests.tui.conftest import add_clients
from tui.app import SendoffApp
from tui.dialogs.form import FormDialog
from tui.screens.agenda import AgendaScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.in_touch import InTouchScreen
from tui.widgets.row_list import RowList

TODAY = date(2026, 3, 15)



def three_clients(db_path: Path) -> None:
    """Acme is overdue (due since 1 March), Beta is due today and monthly, Cleo in 3 days;
    Dora has nothing."""
    add_clients(
        db_path,
        Client("Beta", follow_ups=[FollowUp.from_preset("monthly", TODAY)]),
        Client("Acme", follow_ups=[FollowUp.from_preset("twice-a-year", date(2026, 3, 1))],
               forward_queue=[ForwardItem("Audit article", TODAY)]),
        Client("Cleo", follow_ups=[FollowUp.from_cadence("Coffee", 30, date(2026, 2, 16))]),
        Client("Dora"),
    )


async def open_agenda(pilot) -> AgendaScreen:
    await pilot.press("g")
    screen = pilot.app.screen
    assert isinstance(screen, AgendaScreen)
    return screen


def cell(table: RowList, row: int, column: int) -> str:
    return table.cells(table.keys[row])[column].plain


def rows(table: RowList) -> list[list[str]]:
    return [[cell(table, row, column) for column in range(3)] for row in range(len(table.keys))]


def plain(widget: Static) -> str:
    return str(widget.render())


async def test_the_agenda_lists_overdue_first_then_today_then_the_weeks_ahead(db_path) -> None:
    three_clients(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_agenda(pilot)
        table = screen.query_one("#agenda", RowList)
        shown = rows(table)
        assert [row[0].split()[0] for row in shown] == [
            "Overdue", "2026-03-01", "Today", "2026-03-15", "Next", "2026-03-18", "Next",
            "2026-04-15", "2026-05-15"]
        assert shown[6][0] == "Next 90 days  2"
        assert [row[1] for row in shown] == [
            "", "Acme", "", "Beta", "", "Cleo", "", "Beta", "Beta"]
        assert shown[1][0] == "2026-03-01 14d late"
        assert cell(table, 1, 4) == "to forward: Audit article"
        assert cell(table, 3, 4) == ""
        assert cell(table, 1, 3) == "● due"
        assert cell(table, 7, 3) == "● fresh"  # a later date: still fresh
        assert table.cursor == 1  # on the first item, not its section's header
        assert app.focused is table

        await pilot.press("j")
        assert table.cursor == 3  # over the "Today" header
        await pilot.press("k", "up")
        assert table.cursor == 1  # nothing above the first item
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_c_on_a_row_marks_the_follow_up_done_today(db_path, read_back) -> None:
    three_clients(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_agenda(pilot)
        await pilot.press("c")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert "Audit article" in plain(dialog.query(".field-hint").first())
        dialog.query_one("#field-channel", Input).value = "call"
        await pilot.press("enter")

        assert app.screen is screen
        table = screen.query_one("#agenda", RowList)
        assert [row[1] for row in rows(table)] == ["", "Beta", "", "Cleo", "", "Beta", "Beta"]
        assert table.cursor == 1

    acme = next(client for client in read_back() if client.name == "Acme")
    assert acme.follow_ups[0].handled_through == date(2026, 3, 1)
    [contact] = acme.contacts
    assert (contact.on, contact.channel, contact.follow_up_id) == (
        TODAY, "call", acme.follow_ups[0].id)
    assert contact.forwarded == ["Audit article"]
    assert acme.forward_queue == []


async def test_s_snoozes_the_date_of_the_row(db_path, read_back) -> None:
    three_clients(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_agenda(pilot)
        await pilot.press("j", "s")  # Beta, due today
        field = app.screen.query_one("#field-to", Input)
        assert field.value == "2026-03-22"
        await pilot.press("enter")
        table = screen.query_one("#agenda", RowList)
        assert [row[1] for row in rows(table)] == [
            "", "Acme", "", "Cleo", "Beta", "", "Beta", "Beta"]
        assert cell(table, 4, 0) == "2026-03-22 in 7d"

        await pilot.press("u")  # the agenda reloads after undo
        assert [row[1] for row in rows(table)][3] == "Beta"
        assert table.cursor == 5  # still on Cleo

        await pilot.press("k", "s", "enter")  # over the "Today" header to Beta again

    beta = next(client for client in read_back() if client.name == "Beta")
    assert beta.follow_ups[0].exdates == [TODAY]
    assert beta.follow_ups[0].rdates == [date(2026, 3, 22)]


async def test_l_logs_a_contact_with_the_rows_client(db_path, read_back) -> None:
    three_clients(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_agenda(pilot)
        await pilot.press("j", "j", "l")  # Cleo's coffee, every 30 days
        assert "Cleo" in plain(app.screen.query_one("#form-title"))
        await pilot.press("enter")
        table = screen.query_one("#agenda", RowList)
        cleo = [row for row in rows(table) if row[1] == "Cleo"]
        assert [row[0] for row in cleo] == ["2026-04-14 in 30d"]

    cleo = next(client for client in read_back() if client.name == "Cleo")
    assert [(contact.on, contact.follow_up_id) for contact in cleo.contacts] == [(TODAY, None)]


async def test_enter_opens_the_client_at_step_5(db_path) -> None:
    three_clients(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_agenda(pilot)
        await pilot.press("j", "enter")
        screen = app.screen
        assert isinstance(screen, InTouchScreen)
        assert screen.client.name == "Beta"
        await pilot.press("escape")
        assert isinstance(app.screen, AgendaScreen)


async def test_an_empty_agenda_says_what_to_do(db_path) -> None:
    add_clients(db_path, Client("Dora"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_agenda(pilot)
        assert not screen.query_one("#agenda").display
        empty = screen.query_one("#agenda-empty")
        assert empty.display
        assert plain(empty) == ("Nothing due in the next 90 days. Add follow-ups in step 5 of "
                                "a client, or dates to its work, contract, handover and "
                                "interview.")
        await pilot.press("c", "s", "l", "o")  # nothing to act on: nothing happens
        assert app.screen is screen


async def test_client_names_render_literally(db_path) -> None:
    add_clients(db_path, Client("[bold]Acme\x1b[31m",
                                follow_ups=[FollowUp.from_preset("monthly", TODAY,
                                                                 label="[i]Hello")],
                                forward_queue=[ForwardItem("[red]x", TODAY)]))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_agenda(pilot)
        table = screen.query_one("#agenda", RowList)
        assert rows(table)[1][1:] == ["[bold]Acme␛[31m", "[i]Hello"]
        assert cell(table, 1, 4) == "to forward: [red]x"


async def test_at_80_columns_rows_fit_without_scrolling_sideways(db_path) -> None:
    three_clients(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agenda(pilot)
        table = screen.query_one("#agenda", RowList)
        width = table.scrollable_content_region.width
        assert all(len(table.render_line(y).text) == width for y in range(len(table.keys) + 1))
        assert cell(table, 1, 4) == "1 to forward"


async def test_long_names_give_way_so_that_what_to_forward_shows(db_path) -> None:
    add_clients(db_path, *(Client(
        f"Driftwood Surf School and Café {number}",
        forward_queue=[ForwardItem("Audit article", TODAY)],
        follow_ups=[FollowUp.from_cadence("Coffee when we have not spoken for a while", 30,
                                          date(2026, 2, 1))]) for number in range(40)))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_agenda(pilot)
        await pilot.pause()
        table = screen.query_one("#agenda", RowList)
        assert table.show_vertical_scrollbar, "as many dates as a screen holds, and more"
        line = table.render_line(2).text  # the header line, the section's, then the date
        assert "1 to forward" in line
        assert "Driftwood Surf School" in line and "Coffee when we have" in line


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_escape_from_a_client_opened_in_the_agenda_returns_to_the_agenda(
        db_path, size) -> None:
    three_clients(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        screen = await open_agenda(pilot)
        await pilot.press("j", "j", "enter")  # Cleo, in 3 days
        assert app.screen.client.name == "Cleo"
        assert app.screen.active_bindings["escape"].binding.description == "Back"
        await pilot.press("3", "escape")  # another step of hers, then back
        await pilot.pause()
        assert app.screen is screen
        assert cell(screen.table, screen.table.cursor, 1) == "Cleo"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        clients = app.screen.clients
        assert clients.cells(clients.current_key)[0].plain == "Cleo"  # the client just left


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_snoozing_in_the_agenda_past_the_next_date_says_which_comes_first(
        db_path, size) -> None:
    three_clients(db_path)
    app = SendoffApp(db_path)
    told: list[str] = []
    async with app.run_test(size=size) as pilot:
        app.notify = lambda message, **kwargs: told.append(message)
        screen = await open_agenda(pilot)
        await pilot.press("j", "s")  # Beta, due today and monthly
        app.screen.query_one("#field-to", Input).value = "2026-04-20"
        await pilot.press("enter")
        await pilot.pause()
        assert told[-1] == ("Moved “Monthly” of Beta from 2026-03-15 to 2026-04-20. "
                            "2026-04-15 now comes first.")
        table = screen.query_one("#agenda", RowList)
        beta = [row[0].split()[0] for row in rows(table) if row[1] == "Beta"]
        assert beta == ["2026-04-15", "2026-04-20", "2026-05-15"]
