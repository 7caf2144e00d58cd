"""What a message can say about a client, as template fields: only those the record has, so
that a template using one that is empty is told so rather than leaving a gap."""

from __future__ import annotations

from datetime import date
from typing import Any

from storage.records.client import Client
from storage.records.handover import HandoverStatus
from storage.records.person import Person
from storage.records.referral import ReferralStatus
from storage.records.work import WorkStatus
from storage.rules.testimonial import draft_testimonial

FIELDS = {
    "client": "the client's name",
    "person": "the person written to (the main contact unless --person says)",
    "first_name": "that person's first name",
    "engagement": "the current engagement's title",
    "last_day": "the last day of work (YYYY-MM-DD)",
    "notice_end": "the end of the notice period",
    "notice_given_on": "the day notice was given",
    "open_work": "the work still owed: a list of titles, with their due dates",
    "extras": "the extras delivered: a list of titles",
    "handed_over": "what was handed over: a list of (what, where)",
    "withheld": "what is withheld: a list of (what, why, until)",
    "testimonial_draft": "a testimonial drafted for them, in their voice",
    "testimonial_asked_on": "the day you asked them for a testimonial",
    "referred": "whom they referred to you who became a client: a list, the latest first",
    "to_forward": "what you queued to forward: a list of texts",
    "last_contact": "the day you were last in touch",
    "last_note": "the note of that contact",
    "today": "today (YYYY-MM-DD)",
}


def _dated(title: str, day: date | None) -> str:
    return f"{title} (by {day.isoformat()})" if day else title


def message_fields(client: Client, person: Person | None, today: date) -> dict[str, Any]:
    """The fields of `FIELDS` that ``client`` (written to as ``person``) has, by name."""
    contract = client.contract
    last = max(client.contacts, key=lambda contact: contact.on, default=None)
    found: dict[str, Any] = {
        "client": client.name.strip(),
        "person": person.known_as if person else "",
        "first_name": person.name.split()[0] if person and person.name.strip() else "",
        "engagement": client.current_name if len(client.engagements) > 1
        else client.current.title.strip(),
        "last_day": contract.last_day.isoformat() if contract.last_day else "",
        "notice_end": contract.notice_end.isoformat() if contract.notice_end else "",
        "notice_given_on": contract.notice_given_on.isoformat() if contract.notice_given_on
        else "",
        "open_work": [_dated(item.title, item.due) for item in client.work
                      if item.status is WorkStatus.OPEN and not item.extra],
        "extras": [item.title for item in client.work
                   if item.extra and item.status is WorkStatus.DONE],
        "handed_over": [(item.what, item.location) for item in client.handover
                        if item.status is HandoverStatus.HANDED_OVER],
        "withheld": [(item.what, item.withheld_reason, item.release_condition or (
            item.release_on.isoformat() if item.release_on else "")) for item in client.handover
            if item.status is HandoverStatus.WITHHELD],
        "testimonial_draft": client.interview.testimonial_text.strip()
        or draft_testimonial(client),
        "testimonial_asked_on": client.interview.testimonial_asked_on.isoformat()
        if client.interview.testimonial_asked_on else "",
        "referred": [referral.to for referral in sorted(
            client.referrals, key=lambda referral: referral.on, reverse=True)
            if referral.status is ReferralStatus.BECAME_CLIENT],
        "to_forward": [item.text for item in client.forward_queue],
        "last_contact": last.on.isoformat() if last else "",
        "last_note": last.note.strip() if last else "",
        "today": today.isoformat(),
    }
    return {name: value for name, value in found.items() if value}
