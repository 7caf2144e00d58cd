"""A client's timeline: everything dated in the relationship, newest first, from the records
themselves: of each engagement, when it began and ended, the contract's start, notice given,
the last day, work done and the extras, handover given and released, the exit interview and
the testimonial received; then every contact and what was forwarded, people who moved on, and
the referrals the client gave. What has no date (an item marked before Sendoff kept the day) is left out, never
given a made-up one."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from storage.records.client import Client
from storage.records.contract import Contract, NoticeGivenBy
from storage.records.engagement import Engagement
from storage.records.handover import HandoverStatus
from storage.records.interview import ExitInterview, TestimonialStatus
from storage.records.work import WorkStatus


class Moment(NamedTuple):
    """One dated thing on the timeline: when, what kind, and what, in words."""

    on: date
    kind: str
    text: str


def _engagement(engagement: Engagement, named: str) -> list[Moment]:
    """The engagement's own moments, each said to be of ``named`` when the client had several."""
    found = [*_contract(engagement.contract), *_work_and_handover(engagement),
             *_interview(engagement.interview)]
    if engagement.started:
        found.append(Moment(engagement.started, "engagement", "Engagement started"))
    if engagement.ended:
        found.append(Moment(engagement.ended, "engagement", "Engagement ended"))
    if named:
        found = [moment._replace(text=f"{named}: {moment.text}") for moment in found]
    return found


def _contract(contract: Contract) -> list[Moment]:
    found = []
    if contract.start:
        found.append(Moment(contract.start, "began", f"The work began ({contract.kind.value})"))
    if contract.notice_given_on:
        who = "you" if contract.notice_given_by is NoticeGivenBy.ME else "the client"
        found.append(Moment(contract.notice_given_on, "notice", f"Notice given by {who}"))
    if contract.last_day:
        found.append(Moment(contract.last_day, "last day", "The last day"))
    return found


def _work_and_handover(engagement: Engagement) -> list[Moment]:
    found = [Moment(item.done_on, "extra" if item.extra else "done", item.title)
             for item in engagement.work if item.status is WorkStatus.DONE and item.done_on]
    for item in engagement.handover:
        if item.status is HandoverStatus.HANDED_OVER and item.handed_over_on:
            kind = "released" if item.released_on else "handed over"
            found.append(Moment(item.handed_over_on, kind, f"{item.what} ({item.location})"))
    return found


def _interview(interview: ExitInterview) -> list[Moment]:
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


def _note_shown(note: str) -> str:
    """A contact's note in the timeline: a message kept as sent shows its subject line."""
    lines = note.strip().splitlines()
    if lines[0].startswith("Subject:") and len(lines) > 1:
        return f"{lines[0]} …"
    return note


def _contacts(client: Client) -> list[Moment]:
    found = []
    for contact in client.contacts:
        person = client.person(contact.person_id)
        text = contact.channel + (f" with {person.known_as}" if person else "")
        text += f": {_note_shown(contact.note)}" if contact.note.strip() else ""
        if contact.forwarded:
            text += f" (forwarded: {'; '.join(contact.forwarded)})"
        found.append(Moment(contact.on, "contact", text))
    return found


def _people_and_referrals(client: Client) -> list[Moment]:
    found = [Moment(person.moved_on, "moved on", person.known_as + (
        f" moved to {person.moved_to}" if person.moved_to.strip() else " moved on"))
        for person in client.people if person.moved_on]
    for referral in client.referrals:
        worth = f" ({referral.worth})" if referral.worth.strip() else ""
        found.append(Moment(referral.on, "referral",
                            f"Referred {referral.to}: {referral.status.value}{worth}"))
    return found


def timeline(client: Client) -> list[Moment]:
    """Every dated moment of ``client``, newest first (of one day, in the order above)."""
    several = len(client.engagements) > 1
    moments = [moment for place, engagement in enumerate(client.engagements, 1)
               for moment in _engagement(engagement, engagement.label(place) if several else "")]
    moments += [*_contacts(client), *_people_and_referrals(client)]
    return sorted(moments, key=lambda moment: moment.on, reverse=True)
