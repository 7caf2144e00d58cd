"""The testimonial draft: specific where the data allows, natural whatever is missing."""

from __future__ import annotations

from datetime import date

import pytest

from storage.records.client import Client
from storage.records.contract import Contract
from storage.records.handover import ProjectKind
from storage.records.interview import ExitInterview
from storage.records.work import WorkItem, WorkStatus
from storage.rules.testimonial import draft_testimonial, engagement_length, is_admin

AWKWARD = ("  ", " ,", " .", "with .", "with :", ": .", ",,", "..", "“”", "None")


def done(title: str, *, extra: bool = False) -> WorkItem:
    return WorkItem(title, status=WorkStatus.DONE, extra=extra)


def assert_reads_naturally(draft: str) -> None:
    body, signature = draft.split("\n\n— ")
    for fragment in AWKWARD:
        assert fragment not in draft, fragment
    assert body[0].isupper() and body.endswith(".")
    assert signature and "\n" not in signature


def test_full_data_names_the_client_the_work_the_extras_and_the_length():
    client = Client.new(
        "Acme Bakery",
        contact_person="Jane Doe",
        industry="e-commerce",
        project_kind=ProjectKind.WEBSITE,
        contract=Contract(start=date(2025, 1, 10), planned_last_day=date(2026, 3, 31)),
        work=[
            done("New homepage"), done("Online shop"), done("Fix the footer"), done("Blog"),
            done("Newsletter"), WorkItem("Still open"),
            WorkItem("Dropped idea", status=WorkStatus.DROPPED),
            done("Speed audit", extra=True), done("Staff training", extra=True),
        ],
    )
    draft = draft_testimonial(client)

    assert draft.startswith("At Acme Bakery, an e-commerce business, ")
    assert "trust with our website" in draft
    assert "Over 14 months, " in draft
    listed = "“New homepage”, “Online shop”, “Fix the footer”, “Blog” and more."
    assert listed in draft
    assert "Newsletter" not in draft  # the fifth is summarised
    assert "went beyond the brief with “Speed audit” and “Staff training”." in draft
    assert "Still open" not in draft and "Dropped idea" not in draft
    assert "help with their website" in draft
    assert draft.endswith("— Jane Doe, Acme Bakery")
    assert_reads_naturally(draft)


def test_only_a_name_still_reads_as_a_whole_testimonial():
    draft = draft_testimonial(Client("Acme"))

    assert draft.startswith("At Acme, we needed someone we could trust, ")
    assert "Working with them was a pleasure." in draft
    assert "piece of work" not in draft and "delivered" not in draft  # none is listed
    assert "beyond the brief" not in draft
    assert draft.endswith("— Acme")
    assert_reads_naturally(draft)


def test_only_extras_are_credited_as_going_beyond_the_brief():
    client = Client.new("Acme", work=[done("Staff training", extra=True), WorkItem("Open")])
    draft = draft_testimonial(client)

    assert "delivered with care." in draft
    assert "They also went beyond the brief with “Staff training”." in draft
    assert_reads_naturally(draft)


def test_stray_spaces_in_what_was_typed_do_not_reach_the_draft():
    client = Client.new(
        "Acme  Ltd", contact_person="  Jane   Doe ", industry=" retail ",
        work=[done("  Fix   footer ")],
    )
    draft = draft_testimonial(client)

    assert "At Acme Ltd, a retail business," in draft
    assert "“Fix footer”." in draft
    assert draft.endswith("— Jane Doe, Acme Ltd")
    assert_reads_naturally(draft)


@pytest.mark.parametrize(
    ("start", "last_day", "expected"),
    [
        (date(2025, 1, 10), date(2026, 3, 31), "over 14 months"),
        (date(2026, 1, 1), date(2026, 2, 10), "over a month"),
        (date(2026, 1, 1), date(2026, 1, 20), "over 2 weeks"),
        (date(2026, 1, 1), date(2026, 1, 5), None),
        (None, date(2026, 1, 5), None),
        (date(2026, 2, 1), date(2026, 1, 5), None),
    ],
)
def test_engagement_length(start, last_day, expected):
    assert engagement_length(start, last_day) == expected


def test_the_last_day_falls_back_to_the_end_of_notice():
    contract = Contract(start=date(2025, 1, 1), notice_given_on=date(2025, 6, 1))
    assert "Over 5 months, " in draft_testimonial(Client.new("Acme", contract=contract))


@pytest.mark.parametrize(
    "title",
    ["Write final invoice", "Send invoice", "Sign off timesheet", "Archive files",
     "Revoke access", "INVOICING for March", "revoke the old API keys", "Timesheets to Jane"],
)
def test_admin_is_told_apart_by_a_whole_word(title):
    assert is_admin(title)


@pytest.mark.parametrize(
    "title", ["New homepage", "Invoiceless checkout flow", "Archived-posts importer", "Access audit"]
)
def test_work_whose_words_only_contain_an_admin_word_is_work(title):
    assert not is_admin(title)


def test_admin_items_are_not_praised_as_work_or_as_extras():
    client = Client.new("Acme", work=[
        done("New homepage"), done("Write final invoice"), done("Send invoice"),
        done("Sign off timesheet"), done("Archive files", extra=True),
        done("Revoke access", extra=True), done("Staff training", extra=True),
    ])
    draft = draft_testimonial(client)

    assert "Every piece of work was delivered with care: “New homepage”." in draft
    assert "went beyond the brief with “Staff training”." in draft
    for admin in ("invoice", "timesheet", "Archive", "Revoke"):
        assert admin not in draft
    assert_reads_naturally(draft)


def test_only_admin_done_reads_as_no_work_listed():
    draft = draft_testimonial(Client.new("Acme", work=[done("Send invoice"), done("Archive files")]))

    assert "Working with them was a pleasure." in draft
    assert "invoice" not in draft and "piece of work" not in draft
    assert_reads_naturally(draft)


def test_every_piece_of_work_is_claimed_only_when_none_is_still_open():
    client = Client.new("Acme", work=[done("New homepage"), WorkItem("Online shop"),
                                  WorkItem("Send invoice")])
    draft = draft_testimonial(client)

    assert "The work was delivered with care: “New homepage”." in draft
    assert "every" not in draft.lower()
    client.work[1].status = WorkStatus.DONE  # the open invoice is admin, not work still owed
    assert "Every piece of work was delivered with care: “New homepage” and “Online shop”." in (
        draft_testimonial(client))


@pytest.mark.parametrize(
    ("liked", "sentence"),
    [
        ("the weekly calls and how quickly they answered",
         "What we liked most: the weekly calls and how quickly they answered."),
        ("Clear estimates, and no surprises on the invoice!",
         "What we liked most: Clear estimates, and no surprises on the invoice!"),
        ("  Their calm\nunder   pressure.  ", "What we liked most: Their calm under pressure."),
    ],
)
def test_what_they_liked_is_in_the_draft_in_their_words(liked, sentence):
    client = Client.new("Acme", contact_person="Jane Doe", work=[done("New homepage")],
                    interview=ExitInterview(liked=liked))
    draft = draft_testimonial(client)

    assert sentence in draft
    assert draft.index("delivered with care") < draft.index(sentence) < draft.index("recommend")
    assert_reads_naturally(draft)


def test_no_answer_about_what_they_liked_leaves_no_gap():
    draft = draft_testimonial(Client.new("Acme", interview=ExitInterview(liked="   ")))

    assert "liked" not in draft
    assert_reads_naturally(draft)
