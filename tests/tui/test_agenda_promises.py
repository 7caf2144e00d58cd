"""The agenda's promises through the real app: each kind acted on with its own key, the change
read back from the data file."""

from __future__ import annotations

import json
from datetime import date

from storage.persistence.repository import Repository
from storage.records.handover import HandoverStatus
from storage.records.work import WorkStatus
from storage.rules.steps import Step
from tests.promised import TODAY, promising_db
from tui.app import SendoffApp
from tui.screens.agenda import AgendaScreen
from tui.screens.steps import STEP_SCREENS


async def agenda_at(pilot, label: str) -> AgendaScreen:
    """The agenda, its cursor moved down with the keys to the row ``label``."""
    await pilot.press("g")
    screen = pilot.app.screen
    assert isinstance(screen, AgendaScreen)
    for _ in range(len(screen.items)):
        if screen.current.label == label:
            return screen
        await pilot.press("j")
    raise AssertionError(f"no row {label!r} in {[item.label for item in screen.items.values()]}")


def acme(read_back):
    return next(client for client in read_back() if client.name == "Acme")


def labels(screen: AgendaScreen) -> list[str]:
    return [item.label for item in screen.items.values()]


async def test_t_ticks_the_work_item_of_the_row_and_u_takes_it_back(db_path, read_back) -> None:
    promising_db(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await agenda_at(pilot, "Due: Fix the checkout")
        assert screen.check_action("tick", ()) is True
        assert screen.check_action("release", ()) is False  # not a key of this row
        assert screen.check_action("contacted", ()) is False
        await pilot.press("t")
        assert "Due: Fix the checkout" not in labels(screen)
        item = acme(read_back).work[0]
        assert (item.title, item.status, item.done_on) == (
            "Fix the checkout", WorkStatus.DONE, TODAY)

        await pilot.press("u")
        assert acme(read_back).work[0].status is WorkStatus.OPEN
        assert "Due: Fix the checkout" in labels(screen)


async def test_r_releases_the_withheld_item_of_the_row(db_path, read_back) -> None:
    promising_db(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await agenda_at(pilot, "Released? Admin passwords")
        await pilot.press("t", "h")  # keys of other kinds do nothing here
        await pilot.press("r")
        assert "Released? Admin passwords" not in labels(screen)
    item = acme(read_back).handover[0]
    assert (item.what, item.status, item.released_on) == (
        "Admin passwords", HandoverStatus.HANDED_OVER, TODAY)
    assert acme(read_back).work[0].status is WorkStatus.OPEN


async def test_h_marks_the_interview_of_the_row_held(db_path, read_back) -> None:
    promising_db(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await agenda_at(pilot, "Exit interview")
        assert screen.current.on == date(2026, 4, 28)
        await pilot.press("h")
        assert "Exit interview" not in labels(screen)
    assert acme(read_back).interview.held


async def test_enter_opens_the_client_at_the_step_of_the_row(db_path) -> None:
    promising_db(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        for label, step in (("Due: Fix the checkout", Step.WORK),
                            ("Released? Admin passwords", Step.HANDOVER),
                            ("Chase the testimonial", Step.INTERVIEW),
                            ("End of notice", Step.STAND),
                            ("Monthly", Step.KEEP_IN_TOUCH)):
            await agenda_at(pilot, label)
            await pilot.press("enter")
            assert type(app.screen) is STEP_SCREENS[step], label
            await pilot.press("escape", "escape")


async def test_the_agenda_chases_a_testimonial_as_the_preferences_say(db_path, tmp_path) -> None:
    promising_db(db_path)
    preferences = tmp_path / "config.json"
    preferences.write_text(json.dumps({"chase_after_days": 3}))
    app = SendoffApp(db_path, preferences=preferences)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await agenda_at(pilot, "Chase the testimonial")
        assert screen.current.on == date(2026, 3, 4)  # asked on 1 March
        assert screen.current.overdue


async def test_a_release_refused_is_told_and_nothing_is_stored(db_path, read_back,
                                                                screen_text) -> None:
    promising_db(db_path)
    with Repository(db_path) as repo:
        client = repo.clients()[0]
        client.handover[0].location = ""
        repo.save_client(client)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await agenda_at(pilot, "Released? Admin passwords")
        await pilot.press("r")
        await pilot.pause()
        assert "Released? Admin passwords" in labels(screen)
        assert "say where the client finds it" in " ".join(screen_text(app).split())
    assert acme(read_back).handover[0].status is HandoverStatus.WITHHELD


async def test_w_writes_the_message_the_row_asks_for_and_sent_it_is_logged(
        db_path, read_back) -> None:
    from textual.widgets import Select, TextArea

    from tui.dialogs.message import MessageDialog

    promising_db(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await agenda_at(pilot, "Chase the testimonial")
        await pilot.press("W")
        dialog = app.screen
        assert isinstance(dialog, MessageDialog)
        assert dialog.query_one("#message-template", Select).value == "testimonial-chase"
        assert "A little while ago (2026-03-01) I asked" in dialog.query_one(
            "#message-body", TextArea).text
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, AgendaScreen)
        chase = next(item for item in app.screen.items.values() if item.kind == "chase")
        assert (chase.on, chase.overdue) == (date(2026, 3, 29), False)  # 14 days from the chase
        thanks = next(label for label in labels(app.screen) if label.startswith("Thank"))
        await agenda_at(pilot, thanks)
        await pilot.press("W")
        assert app.screen.query_one("#message-template", Select).value == "referral-thanks"
        assert app.screen.query_one("#message-subject").value == (
            "Thank you for introducing me to Beta Bakery")
        await pilot.press("ctrl+t")  # the thank-you is said: its date is handled
        assert thanks not in labels(app.screen)
    client = acme(read_back)
    chase, thanked = client.contacts
    assert chase.note.startswith("Subject: Following up: a few words about our work?")
    assert chase.follow_up_id is None  # a promise is kept with its own key, not by a contact
    assert client.interview.testimonial_asked_on == TODAY  # asked again
    assert thanked.follow_up_id == "thanks-r1"


async def test_what_an_earlier_engagement_withholds_is_still_promised_and_released(
        db_path, read_back) -> None:
    from storage.records.client import Client
    from storage.records.engagement import Engagement
    from storage.records.handover import HandoverItem

    earlier = Engagement(title="Brand refresh", started=date(2025, 1, 6), ended=date(2025, 6, 30),
                         handover=[HandoverItem("Source code", location="GitHub",
                                                status=HandoverStatus.WITHHELD,
                                                withheld_reason="Final invoice",
                                                release_on=date(2026, 3, 10))])
    with Repository(db_path) as repo:
        repo.add_client(Client("Acme", engagements=[earlier, Engagement(title="Shop")]))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await agenda_at(pilot, "Released? Source code (Brand refresh)")
        await pilot.press("r")
        assert not any(label.startswith("Released?") for label in labels(app.screen))
    [acme] = read_back()
    [item] = acme.engagements[0].handover
    assert (item.status, item.released_on) == (HandoverStatus.HANDED_OVER, TODAY)
