"""Every dated promise beside the follow-ups, as the agenda lists it: from clients parsed, from
the documents stored, and from the index, always the same list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from storage.changes import handover, interview, work
from storage.persistence.repository import Repository
from storage.records.interview import TestimonialStatus
from storage.views.agenda import due
from storage.views.due import due_in_file
from storage.views.index_file import index_path, read_due_index
from storage.views.promises import of_kinds
from tests.promised import TODAY, promising_client, promising_db


def listed(items) -> list[tuple[str, str, date, bool]]:
    return [(item.kind, item.label, item.on, item.overdue) for item in items]


def test_every_kind_is_listed_at_its_date_overdue_ones_first(repo: Repository) -> None:
    repo.add_client(promising_client())
    found = [item for item in due(repo.clients(), TODAY, 50) if item.kind != "follow-up"]

    assert listed(found) == [
        ("work", "Due: Fix the checkout", date(2026, 3, 10), True),
        ("release", "Released? Admin passwords", date(2026, 3, 12), True),
        ("chase", "Chase the testimonial", date(2026, 3, 15), False),  # asked 14 days ago
        ("thanks", "Thank them for referring Beta Bakery", date(2026, 3, 16), False),
        ("notice-end", "End of notice", date(2026, 4, 10), False),
        ("work", "Due: Launch the shop", date(2026, 4, 20), False),
        ("interview", "Exit interview", date(2026, 4, 28), False),
        ("last-day", "Last day", date(2026, 4, 30), False),
        ("release", "Release: Source code", date(2026, 5, 2), False),
    ]
    assert {item.state.value for item in found if item.overdue} == {"stale"}


def test_a_last_day_passes_but_an_open_promise_stays_overdue_until_kept(
        repo: Repository) -> None:
    client = repo.add_client(promising_client())
    later = date(2026, 6, 1)
    kinds = {item.kind: item.on for item in due([client], later, 0)}
    assert "last-day" not in kinds and "notice-end" not in kinds
    assert kinds["interview"] == date(2026, 4, 28)

    work.tick(client, client.work[0].id)
    handover.release(client, client.handover[0].id)
    interview.mark_held(client)
    client.interview.testimonial_status = TestimonialStatus.RECEIVED
    client.interview.testimonial_text = "Lovely."
    saved = repo.save_client(client)
    kept = {"Due: Fix the checkout", "Released? Admin passwords", "Exit interview",
            "Chase the testimonial"}
    assert [item.label for item in due([saved], later, 0) if item.label in kept] == []
    assert saved.handover[0].released_on == TODAY


def test_the_end_of_notice_on_the_last_day_itself_is_one_row(repo: Repository) -> None:
    client = promising_client()
    client.contract.planned_last_day = client.contract.notice_end
    kinds = [item.kind for item in due([repo.add_client(client)], TODAY, 60)]
    assert kinds.count("last-day") == 1 and "notice-end" not in kinds


def test_the_chase_waits_as_long_as_asked(repo: Repository) -> None:
    client = repo.add_client(promising_client())
    chase = [item.on for item in due([client], TODAY, 30, chase_after=21) if item.kind == "chase"]
    assert chase == [date(2026, 3, 22)]


def test_a_testimonial_is_dated_the_day_it_is_asked_for(repo: Repository) -> None:
    client = repo.add_client(promising_client())
    client.interview.testimonial_status = TestimonialStatus.NOT_ASKED
    client.interview.testimonial_asked_on = None
    interview.draft(client)  # offering a draft asks for it
    assert client.interview.testimonial_asked_on == TODAY
    saved = repo.save_client(client)
    assert saved.interview.testimonial_asked_on == TODAY


def test_the_day_a_testimonial_is_asked_for_is_kept_while_it_waits(repo: Repository) -> None:
    client = repo.add_client(promising_client())

    def set_status(status: TestimonialStatus, text: str = "") -> None:
        typed = replace(client.interview, testimonial_status=status, testimonial_text=text)
        interview.set_interview(client, typed, "testimonial_status")

    set_status(TestimonialStatus.NOT_ASKED)
    assert client.interview.testimonial_asked_on is None
    set_status(TestimonialStatus.ASKED)
    assert client.interview.testimonial_asked_on == TODAY
    client.interview.testimonial_asked_on = date(2026, 2, 1)
    set_status(TestimonialStatus.DRAFT_OFFERED)
    assert client.interview.testimonial_asked_on == date(2026, 2, 1)
    set_status(TestimonialStatus.RECEIVED, "Lovely.")
    assert client.interview.testimonial_asked_on == date(2026, 2, 1)
    assert [item for item in due([client], TODAY, 30) if item.kind == "chase"] == []


def test_kinds_filter(repo: Repository) -> None:
    repo.add_client(promising_client())
    found = of_kinds(due(repo.clients(), TODAY, 50), {"release", "work"})
    assert [item.label for item in found] == [
        "Due: Fix the checkout", "Released? Admin passwords", "Due: Launch the shop",
        "Release: Source code"]


@pytest.mark.parametrize("days_later", [0, 45, 400])
def test_the_index_the_stored_clients_and_the_parsed_ones_give_the_same_list(
        db_path: Path, days_later: int) -> None:
    """Every kind, on the day the file was written and long after: from the index, from the
    documents as stored (no index), and from every client parsed."""
    promising_db(db_path)
    day = TODAY + timedelta(days=days_later)
    with Repository(db_path, writable=False) as repo:
        parsed = due(repo.clients(), day, 60, chase_after=10)
        every = due(repo.clients(), TODAY, 60)
    assert {item.kind for item in every} == {
        "follow-up", "thanks", "work", "last-day", "notice-end", "interview", "release", "chase"}
    assert read_due_index(db_path) is not None
    from_index = due_in_file(db_path, day, 60, 10)
    with Repository(db_path) as repo:  # as the app asks, from the index's entries in memory
        assert repo.due(day, 60, 10) == parsed
    index_path(db_path).unlink()
    from_documents = due_in_file(db_path, day, 60, 10)
    assert from_index == from_documents == parsed
    assert all(item.client == "Acme" for item in parsed)  # the archived client is left out
