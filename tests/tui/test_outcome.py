"""`o` on the list of clients: what the goodbyes led to, read from every client in a worker,
with its charts and a row a former client, each name shown literally; escape goes back."""

from __future__ import annotations

from datetime import date

from textual.widgets import Sparkline

from storage.outputs.outcome_report import NO_FORMER_CLIENTS, NO_REFERRALS
from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.engagement import Engagement
from storage.records.interview import ExitInterview, TestimonialStatus, TestimonialUse
from storage.records.referral import Referral, ReferralStatus
from tests.tui.conftest import add_clients
from tui.app import SendoffApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.outcome import OutcomeScreen


def _ended() -> Engagement:
    return Engagement(started=date(2024, 1, 8), ended=date(2025, 6, 30), interview=ExitInterview(
        held=True, testimonial_status=TestimonialStatus.RECEIVED, testimonial_text="Great.",
        testimonial_use=[TestimonialUse.WEBSITE]))



async def open_outcomes(app, pilot) -> None:
    await pilot.press("o")
    await pilot.pause()
    assert isinstance(app.screen, OutcomeScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()


def words(lines: list[str]) -> list[str]:
    return [" ".join(line.strip(" │").split()) for line in lines]


async def test_o_shows_the_totals_charts_and_former_clients_and_escape_goes_back(
        db_path, screen_lines):
    add_clients(db_path,
        Client("Acme [b]Ltd[/b]", engagements=[_ended(), Engagement(started=date(2026, 1, 5))],
               referrals=[Referral("Kestrel", date(2024, 8, 1), ReferralStatus.BECAME_CLIENT),
                          Referral("Orbit", date(2026, 2, 3))],
               contacts=[Contact(date(2026, 3, 1), "call"), Contact(date(2026, 1, 9), "email"),
                         Contact(date(2026, 1, 20), "lunch")]),
        Client("Quiet", archived=True, engagements=[Engagement(ended=date(2025, 1, 31))]),
        Client.new("Still working", contacts=[Contact(date(2026, 3, 2), "call")]))
    async with (app := SendoffApp(db_path)).run_test(size=(100, 34)) as pilot:
        await open_outcomes(app, pilot)
        shown = words(screen_lines(app))
        assert shown[1:5] == ["2 former clients, 1 of them archived",
                              "Testimonials: 1 received; may be used: website 1",
                              "Referrals: 2 given, 1 became a client",
                              "Re-hired: 1 client, 1 engagement after the first"]
        assert "Contacts per month, 2024-04 to 2026-03: 3 in all, at most 2 in a month" in shown
        assert "Referrals per year, 2024 to 2026: at most 1 in a year" in shown
        assert "Former client Testimonials Referrals Re-hired Last contact" in shown
        assert "Acme [b]Ltd[/b] website 2, 1 became a client once 2026-03-01" in shown
        assert "Quiet (archived) — — — —" in shown
        assert not any("Still working" in line for line in shown)
        assert app.screen.sub_title == "Outcomes: 2 former"

        contacts = app.screen.query_one("#contacts-chart", Sparkline)
        assert list(contacts.data)[-3:] == [2, 0, 1] and contacts.size.width == 48
        referrals = app.screen.query_one("#referrals-chart", Sparkline)
        assert list(referrals.data) == [1, 0, 1] and referrals.size.width == 12
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_no_referrals_yet_says_so_in_place_of_the_chart(db_path, screen_lines):
    add_clients(db_path, Client("Acme", engagements=[_ended()]))
    async with (app := SendoffApp(db_path)).run_test(size=(100, 30)) as pilot:
        await open_outcomes(app, pilot)
        shown = words(screen_lines(app))
        assert NO_REFERRALS in shown and "Referrals: none yet" in shown
        assert not app.screen.query_one("#referrals-chart").display
        assert app.screen.query_one("#contacts-chart").display


async def test_a_book_with_no_former_clients_says_who_will_count(db_path, screen_text):
    add_clients(db_path, Client.new("Still working"))
    async with (app := SendoffApp(db_path)).run_test(size=(100, 30)) as pilot:
        await open_outcomes(app, pilot)
        assert " ".join(NO_FORMER_CLIENTS.split()) in " ".join(screen_text(app).split())
        hidden = [part.id for part in app.screen.query(".chart-label, Sparkline, RowList")]
        assert not any(app.screen.query_one(f"#{name}").display for name in hidden)


async def test_an_empty_book_opens_it_too(tmp_path, screen_text):
    async with (app := SendoffApp(tmp_path / "new.json")).run_test(size=(80, 24)) as pilot:
        await open_outcomes(app, pilot)
        assert "No former clients yet" in screen_text(app)


async def test_the_palette_and_the_keys_offer_it(db_path, wait_until_open, help_lines):
    add_clients(db_path, Client("Acme", engagements=[_ended()]))
    async with (app := SendoffApp(db_path)).run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        commands = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert commands["Outcomes"].startswith("o · What the goodbyes led to")
        lines = await help_lines(app, pilot)
        assert any(line.startswith("o") and "Outcomes" in line for line in lines)
        assert "Outcomes" in lines and "esc Back — Back to the clients" in " ".join(
            " ".join(line.split()) for line in lines[lines.index("Outcomes"):])


async def test_j_and_k_move_through_the_former_clients(db_path):
    add_clients(db_path, *(Client(name, engagements=[_ended()]) for name in ("Acme", "Beacon", "Cobalt")))
    async with (app := SendoffApp(db_path)).run_test(size=(100, 30)) as pilot:
        await open_outcomes(app, pilot)
        listed = app.screen.query_one("#former-clients")
        await pilot.press("j", "j")
        assert listed.cursor == 2
        await pilot.press("k")
        assert listed.cursor == 1
