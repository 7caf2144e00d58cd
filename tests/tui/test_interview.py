"""Step 4 through the real app: answers saved as each field is left, a testimonial drafted."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contract import Contract, NoticeGivenBy
from storage.records.handover import HandoverItem, HandoverStatus
from storage.records.interview import (
    ExitInterview,
    InterviewChannel,
    TestimonialStatus,
    TestimonialUse,
)
from storage.records.work import WorkItem, WorkStatus
from tui.app import SendoffApp
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.interview import ALL_READY, InterviewScreen

SIZES = [(80, 24), (100, 30)]


def add_client(db_path: Path, **fields) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client.new(name="Acme", **fields))


async def open_interview(pilot) -> InterviewScreen:
    await pilot.press("4")
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    assert pilot.app.focused is screen.query_one(screen.FORM_SELECTOR), "the step keys work at once"
    await pilot.press("tab")
    return screen


def shown(screen: InterviewScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_date_channel_and_held_are_saved(db_path, read_back) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot)
        assert app.focused is screen.query_one("#field-on")
        await pilot.press(*"2026-03-20", "tab")
        await pilot.press("enter", "down", "enter")  # channel: video call
        await pilot.press("tab", "space")  # held

    interview = read_back()[0].interview
    assert (interview.on, interview.channel, interview.held) == (
        date(2026, 3, 20), InterviewChannel.VIDEO, True,
    )


async def test_feedback_is_saved_on_leaving_each_answer_and_undo_brings_it_back(db_path, read_back):
    add_client(db_path, interview=ExitInterview(improve="Fewer meetings"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot)
        screen.query_one("#field-liked").focus()
        await pilot.press(*"Speed", "tab")
        assert app.repo.client(1).interview.liked == "Speed"
        await pilot.press(*"Late", "tab")
        assert app.repo.client(1).interview.disliked == "Late"

        await pilot.press("f7", *"Demos")  # f7 selects all: replaces "Fewer meetings"
        screen.query_one("#field-testimonial_status").focus()
        await pilot.pause()
        assert app.repo.client(1).interview.improve == "Demos"

        await pilot.press("u")
        assert screen.query_one("#field-improve", TextArea).text == "Fewer meetings"

    interview = read_back()[0].interview
    assert (interview.liked, interview.disliked, interview.improve) == (
        "Speed", "Late", "Fewer meetings",
    )


async def test_text_still_in_an_answer_is_saved_when_leaving_the_screen(db_path, read_back) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot)
        screen.query_one("#field-liked").focus()
        await pilot.press(*"Calm", "escape", "escape")
        assert app.screen is not screen

    assert read_back()[0].interview.liked == "Calm"


async def test_draft_writes_the_work_into_the_testimonial_and_c_copies_it(db_path, read_back):
    add_client(
        db_path,
        contact_person="Jane Doe",
        work=[
            WorkItem("New homepage", status=WorkStatus.DONE),
            WorkItem("Fix the footer", status=WorkStatus.DONE),
            WorkItem("Still open"),
            WorkItem("Speed audit", status=WorkStatus.DONE, extra=True),
        ],
        interview=ExitInterview(testimonial_status=TestimonialStatus.ASKED),
    )
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot)
        screen.query_one("#field-testimonial_status").focus()
        await pilot.press("t")
        draft = screen.query_one("#field-testimonial_text", TextArea).text
        assert "“New homepage” and “Fix the footer”" in draft
        assert "went beyond the brief with “Speed audit”" in draft
        assert "Still open" not in draft
        assert draft.endswith("— Jane Doe, Acme")
        assert app.repo.client(1).interview.testimonial_status is TestimonialStatus.DRAFT_OFFERED

        screen.query_one("#field-testimonial_status").focus()
        await pilot.press("c")
        assert app.clipboard == draft

        await pilot.press("t")  # there is text now: ask first, and keep it on "no"
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        assert app.screen is screen

    stored = read_back()[0].interview
    assert stored.testimonial_text == draft
    assert stored.testimonial_status is TestimonialStatus.DRAFT_OFFERED


async def test_no_draft_replaces_the_text_while_another_answer_cannot_be_saved(db_path, read_back):
    """The draft would be shown but not stored, and u would not bring the old text back."""
    add_client(db_path, interview=ExitInterview(testimonial_text="Their own words",
                                                testimonial_use=[TestimonialUse.WEBSITE]))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot)
        screen.query_one("#use-anonymised").focus()
        await pilot.press("space")  # refused: anonymised cannot go with a named use
        assert "cannot be combined" in shown(screen, "#row-testimonial_use .field-error")
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is screen, "no question about replacing the text"
        assert screen.query_one("#field-testimonial_text", TextArea).text == "Their own words"
        assert "cannot be combined" in shown(screen, "#row-testimonial_use .field-error")

    assert read_back()[0].interview.testimonial_text == "Their own words"


async def test_anonymised_with_a_named_use_is_refused_at_the_uses(db_path, read_back) -> None:
    add_client(db_path, interview=ExitInterview(testimonial_use=[TestimonialUse.WEBSITE]))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot)
        screen.query_one("#use-anonymised").focus()
        await pilot.press("space")
        assert "cannot be combined" in shown(screen, "#row-testimonial_use .field-error")
        assert app.repo.client(1).interview.testimonial_use == [TestimonialUse.WEBSITE]

        await pilot.press("shift+tab", "shift+tab", "space")  # untick the website
        assert not screen.query_one("#row-testimonial_use").has_class("-invalid")

    assert read_back()[0].interview.testimonial_use == [TestimonialUse.ANONYMISED]


async def test_received_needs_the_text(db_path, read_back) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot)
        screen.query_one("#field-testimonial_status").focus()
        await pilot.press("enter", "down", "down", "down", "enter")  # received
        assert "paste the testimonial" in shown(screen, "#row-testimonial_text .field-error")

    assert read_back()[0].interview.testimonial_status is TestimonialStatus.NOT_ASKED


async def test_the_live_check_names_what_is_open_in_steps_1_to_3(db_path) -> None:
    add_client(
        db_path,
        contract=Contract(notice_given_on=date(2026, 3, 1), notice_given_by=NoticeGivenBy.ME),
        work=[WorkItem("[bold]Fix the footer", id="w1")],
    )
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_interview(pilot)
        assert shown(screen, "#ready-1") == "✓ 1 Stand"
        assert shown(screen, "#ready-2") == "○ 2 Work: Finish “[bold]Fix the footer”"
        assert shown(screen, "#ready-3") == "○ 3 Handover: List what the client needs handed over"
        assert not screen.query_one("#ready-2").has_class("-done")

        client = app.repo.client(1)
        client.find(client.work, "w1").status = WorkStatus.DONE
        app.repo.save_client(client)
        screen.reload()
        assert shown(screen, "#ready-2") == "✓ 2 Work"
        assert screen.query_one("#ready-2").has_class("-done")

        client.handover[:] = [
            HandoverItem("Source code", location="GitHub", status=HandoverStatus.HANDED_OVER),
        ]
        app.repo.save_client(client)
        screen.reload()
        assert shown(screen, "#ready-1") == ALL_READY
        assert not screen.query_one("#ready-2").display


HALF_DONE = ExitInterview(on=date(2026, 3, 10), channel=InterviewChannel.VIDEO, held=True,
                          liked="Calm", disliked="Slow replies", improve="Fewer meetings",
                          testimonial_status=TestimonialStatus.DRAFT_OFFERED,
                          testimonial_text="A draft for them")


@pytest.mark.parametrize("size", SIZES)
async def test_a_half_done_interview_says_what_it_still_needs(db_path, screen_text, size) -> None:
    add_client(db_path, interview=HALF_DONE)
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        screen = await open_interview(pilot)
        text = screen_text(app)
        assert "• Paste the testimonial they send, or note that they declined" in text
        assert "Hold the exit interview" not in text

        screen.query_one("#field-testimonial_status").focus()
        await pilot.press("enter", "down", "down", "enter")  # draft offered -> declined
        await pilot.pause()
        assert app.repo.client(1).interview.testimonial_status is TestimonialStatus.DECLINED
        text = screen_text(app)
        assert "✓ This step is done" in text
        assert "Paste the testimonial" not in text


@pytest.mark.parametrize("size", SIZES)
async def test_what_is_missing_follows_the_answers_as_they_are_typed(db_path, screen_text,
                                                                    size) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        screen = await open_interview(pilot)
        shown_todo = shown(screen, "#todo").splitlines()
        assert shown_todo == [
            "• Schedule the exit interview", "• Hold the exit interview",
            "• Ask what they liked", "• Ask what they disliked",
            "• Ask what they would improve", "• Ask for a testimonial",
        ]
        assert "• Schedule the exit interview" in screen_text(app)
        screen.query_one("#field-liked").focus()
        await pilot.pause()  # the date field left is saved first
        await pilot.press(*"Speed")
        await pilot.pause()
        assert "Ask what they liked" not in shown(screen, "#todo"), "live, before it is saved"
        assert app.repo.client(1).interview.liked == ""
        await pilot.press("tab")
        assert app.repo.client(1).interview.liked == "Speed"
        assert "Ask what they liked" not in screen_text(app)


async def draft_on_screen(pilot, screen_text) -> tuple[str, str]:
    """Press t on step 4 and bring the drafted text into view: (its text, the screen)."""
    screen = await open_interview(pilot)
    await pilot.press("escape", "t")  # out of the date field, then draft
    area = screen.query_one("#field-testimonial_text", TextArea)
    area.focus()
    screen.query_one("#row-testimonial_text").scroll_visible(animate=False, top=True)
    await pilot.pause()
    area.move_cursor(area.document.end)  # the cursor, drawn apart, would split a word
    await pilot.pause()
    # Its lines read as one text: the box's edges and the line breaks between them go.
    return area.text, re.sub(r"[▊▎\s]+", " ", screen_text(pilot.app))


@pytest.mark.parametrize("size", SIZES)
async def test_the_draft_praises_the_work_not_the_invoice_in_their_words(db_path, read_back,
                                                                         screen_text, size):
    add_client(db_path, work=[WorkItem("New homepage", status=WorkStatus.DONE),
                              WorkItem("Write final invoice", status=WorkStatus.DONE)],
               interview=ExitInterview(liked="The weekly calls"))
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        draft, text = await draft_on_screen(pilot, screen_text)
        assert "Every piece of work was delivered with care: “New homepage”." in draft
        assert "What we liked most: The weekly calls." in draft
        assert "invoice" not in draft
        assert "Every piece of work was delivered with care: “New homepage”." in text
        assert "What we liked most: The weekly calls." in text
        assert "invoice" not in text

    assert read_back()[0].interview.testimonial_text == draft


@pytest.mark.parametrize("size", SIZES)
async def test_a_draft_for_a_client_with_no_work_listed_claims_none(db_path, screen_text,
                                                                   size) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        draft, text = await draft_on_screen(pilot, screen_text)
        assert "Working with them was a pleasure." in draft
        assert "we found. Working with them was a pleasure. I would happily" in text
        assert "piece of work" not in text and "delivered" not in text
