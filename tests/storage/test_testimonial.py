"""The testimonial draft: specific where the data allows, natural whatever is missing."""

from __future__ import annotations

from datetime import date

import pytest

from storage.records.client import Client
from storage.records.contract import Contract
from storage.records.handover import ProjectKind
from storage.records.work import WorkItem, WorkStatus
from storage.rules.testimonial import draft_testimonial, engagement_length

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
    client = Client(
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
    assert "Every piece of work was delivered with care." in draft
    assert "beyond the brief" not in draft
    assert draft.endswith("— Acme")
    assert_reads_naturally(draft)


def test_only_extras_are_credited_as_going_beyond_the_brief():
    client = Client("Acme", work=[done("Staff training", extra=True), WorkItem("Open")])
    draft = draft_testimonial(client)

    assert "delivered with care." in draft
    assert "They also went beyond the brief with “Staff training”." in draft
    assert_reads_naturally(draft)


def test_stray_spaces_in_what_was_typed_do_not_reach_the_draft():
    client = Client(
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
    assert "Over 5 months, " in draft_testimonial(Client("Acme", contract=contract))
