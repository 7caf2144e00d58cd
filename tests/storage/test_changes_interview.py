"""Step 4's changes: the interview as typed, and a testimonial draft."""

from __future__ import annotations

from datetime import date

from storage.changes import interview
from storage.records.client import Client
from storage.records.interview import ExitInterview, TestimonialStatus
from storage.records.work import WorkItem, WorkStatus
from storage.rules.testimonial import draft_testimonial


def test_the_interview_is_stored_and_named_by_its_field() -> None:
    client = Client(name="Acme")
    typed = ExitInterview(on=date(2026, 3, 1), liked="Fast answers")
    assert interview.set_interview(client, typed, "liked") == "note what they liked"
    assert client.interview is typed
    assert interview.set_interview(client, typed, "testimonial_use") == \
        "set where the testimonial may be used"
    assert interview.set_interview(client, typed) == "edit the interview"


def test_a_draft_is_offered_unless_the_testimonial_is_further_along() -> None:
    client = Client.new(name="Acme", work=[WorkItem(title="Logo", status=WorkStatus.DONE)])
    assert interview.draft(client) == "draft a testimonial"
    assert client.interview.testimonial_text == draft_testimonial(client).strip()
    assert client.interview.testimonial_status is TestimonialStatus.DRAFT_OFFERED
    client.interview.testimonial_status = TestimonialStatus.RECEIVED
    interview.draft(client)
    assert client.interview.testimonial_status is TestimonialStatus.RECEIVED
