"""Step 4 changes: the interview as typed in the form, and a testimonial draft."""

from __future__ import annotations

from storage.clock import today
from storage.records.client import Client
from storage.records.interview import ExitInterview, TestimonialStatus
from storage.rules.testimonial import draft_testimonial

# What undo says it undid, by the field that changed.
FIELD_CHANGES = {
    "on": "set the interview date",
    "channel": "set the interview channel",
    "held": "set whether the interview was held",
    "liked": "note what they liked",
    "disliked": "note what they disliked",
    "improve": "note what they would improve",
    "testimonial_status": "set the testimonial status",
    "testimonial_text": "edit the testimonial",
    "testimonial_use": "set where the testimonial may be used",
}
WORTH_A_DRAFT = (TestimonialStatus.NOT_ASKED, TestimonialStatus.ASKED)


def set_interview(client: Client, interview: ExitInterview, field: str = "") -> str:
    """Store the interview as typed; ``field``, when known, is the one that changed. A
    testimonial marked received now is dated today."""
    interview.dated_from(client.interview, today())
    client.current.interview = interview
    return FIELD_CHANGES.get(field, "edit the interview")


def mark_held(client: Client) -> str:
    """The exit interview took place (on the day it was planned for)."""
    client.interview.held = True
    return FIELD_CHANGES["held"]


def draft(client: Client) -> str:
    """Put a testimonial draft in, written from the work done, for the client to edit; one
    not asked for yet becomes offered (asked today)."""
    interview = client.interview
    interview.testimonial_text = draft_testimonial(client).strip()
    if interview.testimonial_status in WORTH_A_DRAFT:
        if interview.testimonial_status is TestimonialStatus.NOT_ASKED:
            interview.testimonial_asked_on = today()
        interview.testimonial_status = TestimonialStatus.DRAFT_OFFERED
    return "draft a testimonial"
