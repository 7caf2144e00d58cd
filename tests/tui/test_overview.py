"""The client's overview, which enter opens: a returning client's second engagement all the
way through, people, and a referral that becomes a client, each read back from the file."""

from __future__ import annotations

from datetime import date, timedelta

from storage.records.client import Client
from storage.records.referral import ReferralStatus
from storage.records.work import WorkItem, WorkStatus
from tests.tui.conftest import add_clients
from tui.app import SendoffApp
from tui.screens.overview import OverviewScreen
from tui.screens.work import WorkScreen


async def open_overview(app, pilot) -> OverviewScreen:
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, OverviewScreen)
    return app.screen


def rows(screen: OverviewScreen, list_id: str) -> list[str]:
    shown = screen.query_one(f"#{list_id}")
    return [" ".join(cell.plain for cell in shown._make_cells(key)) for key in shown.keys]


async def test_a_returning_client_goes_through_a_second_engagement(db_path, read_back,
                                                                   pinned_today) -> None:
    add_clients(db_path, Client.new("Acme", contact_person="Ana", work=[
        WorkItem("Logo", status=WorkStatus.DONE, done_on=date(2025, 5, 1))]))
    app = SendoffApp(db_path)
    async with app.run_test(size=(110, 32)) as pilot:
        overview = await open_overview(app, pilot)
        await pilot.press("n", *"Online shop", "enter")
        await pilot.pause()
        assert overview.sub_title.startswith("2 engagements")
        assert rows(overview, "engagements") == [
            f"Engagement 1  ended {pinned_today.year}",  # begun on no day recorded
            f"Online shop {pinned_today.isoformat()} 1 Stand"]
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, WorkScreen)
        await pilot.press("a", *"Checkout", "enter")
        await pilot.pause()
        await pilot.press("1", "shift+tab", *"Two calls in lieu", "escape")  # the arrangement
        await pilot.pause()
        await pilot.press("3", "a", *"Shop repo", "enter")
        await pilot.pause()
        await pilot.press("4", *["tab"] * 4, *"The calm", "escape")  # what they liked
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is overview
        assert any("Online shop: Engagement started" in row for row in rows(overview, "moments"))
    [client] = read_back()
    first, second = client.engagements
    assert (first.ended, [item.title for item in first.work]) == (pinned_today, ["Logo"])
    assert (second.title, second.started, [item.title for item in second.work]) == (
        "Online shop", pinned_today, ["Checkout"])
    assert (second.contract.arrangement, [item.what for item in second.handover],
            second.interview.liked) == ("Two calls in lieu", ["Shop repo"], "The calm")
    assert (first.contract.arrangement, first.handover, first.interview.liked) == ("", [], "")
    assert client.current is second


async def test_a_person_is_added_and_made_the_main_contact(db_path, read_back) -> None:
    add_clients(db_path, Client.new("Acme", contact_person="Ana"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(110, 32)) as pilot:
        overview = await open_overview(app, pilot)
        await pilot.press("p", *"Bo", "tab", *"CTO", "enter")
        await pilot.pause()
        assert rows(overview, "people")[1] == "Bo  CTO"
        overview.query_one("#people").focus()
        await pilot.press("down", "m")
        await pilot.pause()
        assert rows(overview, "people")[1] == "Bo (main)  CTO"
    [client] = read_back()
    assert [(person.name, person.role) for person in client.people] == [("Ana", ""),
                                                                         ("Bo", "CTO")]
    assert client.contact_person == "Bo"


async def test_a_referral_becomes_a_client_and_a_thank_you_is_planned(db_path, read_back,
                                                                      pinned_today) -> None:
    add_clients(db_path, Client.new("Acme"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(110, 32)) as pilot:
        overview = await open_overview(app, pilot)
        await pilot.press("r", *"Globex", "enter")
        await pilot.pause()
        assert rows(overview, "referrals") == [f"Globex {pinned_today.isoformat()} introduced"]
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("enter")  # yes, plan the thank-you
        await pilot.pause()
        assert rows(overview, "referrals") == [
            f"Globex {pinned_today.isoformat()} became a client"]
    acme, globex = read_back()
    [referral] = acme.referrals
    assert (referral.status, referral.client_id) == (ReferralStatus.BECAME_CLIENT, globex.id)
    assert globex.referred_by.client_id == acme.id
    [thanks] = acme.follow_ups
    assert (thanks.label, thanks.start) == ("Thank them for referring Globex",
                                            pinned_today + timedelta(days=1))


async def test_a_referral_to_a_client_in_the_book_is_linked_not_added_twice(
        db_path, read_back) -> None:
    add_clients(db_path, Client.new("Acme"), Client.new("Globex"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(110, 32)) as pilot:
        await open_overview(app, pilot)
        await pilot.press("r", *"globex", "enter")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("escape")  # no thank-you this time
        await pilot.pause()
    acme, globex = read_back()
    assert acme.referrals[0].client_id == globex.id and not acme.follow_ups
    assert globex.referred_by.client_id == acme.id, "the book says who referred them"


async def test_a_person_is_removed_and_an_engagement_ended(db_path, read_back,
                                                           pinned_today) -> None:
    add_clients(db_path, Client.new("Acme", contact_person="Ana"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(110, 32)) as pilot:
        overview = await open_overview(app, pilot)
        overview.query_one("#people").focus()
        await pilot.press("d", "enter")
        await pilot.pause()
        assert rows(overview, "people") == []
        await pilot.press("x", "enter")
        await pilot.pause()
        assert rows(overview, "engagements") == [f"Engagement 1  ended {pinned_today.year}"]
        await pilot.press("x")  # nothing open to end: it says so
        await pilot.pause()
        assert app.screen is overview
    [client] = read_back()
    assert client.people == [] and client.current.ended == pinned_today


async def test_a_referral_is_edited_with_enter_and_removed_with_delete(
        db_path, read_back, screen_lines) -> None:
    from storage.records.referral import Referral

    add_clients(db_path, Client.new("Acme", referrals=[
        Referral("Globex", date(2026, 2, 1), ReferralStatus.BECAME_CLIENT, client_id=2),
        Referral("Initech", date(2026, 3, 1))]), Client.new("Globex"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(110, 32)) as pilot:
        overview = await open_overview(app, pilot)
        assert "Remove referral" not in screen_lines(app)[-1]  # only in the referrals
        overview.query_one("#referrals").focus()
        await pilot.pause()
        assert "del Remove referral" in screen_lines(app)[-1]
        await pilot.press("enter")  # edit Globex
        app.screen.query_one("#field-worth").value = "a shop"
        app.screen.query_one("#field-status").value = ReferralStatus.CAME_TO_NOTHING.value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert rows(overview, "referrals")[0] == "Globex 2026-02-01 came to nothing"
        await pilot.press("down", "delete")
        await pilot.press("enter")  # yes, remove Initech
        await pilot.pause()
        assert rows(overview, "referrals") == ["Globex 2026-02-01 came to nothing"]
    acme, _ = read_back()
    [globex] = acme.referrals
    assert (globex.to, globex.worth, globex.status, globex.client_id) == (
        "Globex", "a shop", ReferralStatus.CAME_TO_NOTHING, None)  # no longer linked


async def test_empty_lists_say_what_fills_them(db_path, screen_lines) -> None:
    add_clients(db_path, Client.new("Acme"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(110, 32)) as pilot:
        await open_overview(app, pilot)
        shown = "\n".join(screen_lines(app))
    for hint in ("Nobody yet: p adds one", "None yet: r notes one",
                 "Nothing dated yet"):
        assert hint in shown
