"""A client's timeline: everything dated in the relationship, newest first, from the records
themselves (the work began, notice given, the last day, work done and the extras, handover
given and released, the exit interview, the testimonial received, every contact and what was
forwarded). What has no date (an item marked before Sendoff kept the day) is left out, never
given a made-up one."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from storage.records.client import Client
from storage.records.contract import NoticeGivenBy
from storage.records.handover import HandoverStatus
from storage.records.interview import TestimonialStatus
from storage.records.work import WorkStatus


class Moment(NamedTuple):
    """One dated thing on the timeline: when, what kind, and what, in words."""

    on: date
    kind: str
    text: str


def _contract(client: Client) -> list[Moment]:
    contract = client.contract
    found = []
    if contract.start:
        found.append(Moment(contract.start, "began", f"The work began ({contract.kind.value})"))
    if contract.notice_given_on:
        who = "you" if contract.notice_given_by is NoticeGivenBy.ME else "the client"
        found.append(Moment(contract.notice_given_on, "notice", f"Notice given by {who}"))
    if contract.last_day:
        found.append(Moment(contract.last_day, "last day", "The last day"))
    return found


def _work_and_handover(client: Client) -> list[Moment]:
    found = [Moment(item.done_on, "extra" if item.extra else "done", item.title)
             for item in client.work if item.status is WorkStatus.DONE and item.done_on]
    for item in client.handover:
        if item.status is HandoverStatus.HANDED_OVER and item.handed_over_on:
            kind = "released" if item.released_on else "handed over"
            found.append(Moment(item.handed_over_on, kind, f"{item.what} ({item.location})"))
    return found


def _interview(client: Client) -> list[Moment]:
    interview = client.interview
    found = []
    if interview.held and interview.on:
        how = f" ({interview.channel.value})" if interview.channel.value else ""
        found.append(Moment(interview.on, "interview", f"Exit interview held{how}"))
    if (interview.testimonial_status is TestimonialStatus.RECEIVED
            and interview.testimonial_received_on):
        uses = ", ".join(use.value for use in interview.testimonial_use)
        found.append(Moment(interview.testimonial_received_on, "testimonial",
                            "Testimonial received" + (f", for: {uses}" if uses else "")))
    return found


def _contacts(client: Client) -> list[Moment]:
    found = []
    for contact in client.contacts:
        text = contact.channel + (f": {contact.note}" if contact.note.strip() else "")
        if contact.forwarded:
            text += f" (forwarded: {'; '.join(contact.forwarded)})"
        found.append(Moment(contact.on, "contact", text))
    return found


def timeline(client: Client) -> list[Moment]:
    """Every dated moment of ``client``, newest first (of one day, in the order above)."""
    moments = [*_contract(client), *_work_and_handover(client), *_interview(client),
               *_contacts(client)]
    return sorted(moments, key=lambda moment: moment.on, reverse=True)
