"""The follow-ups as an iCalendar file, so they show up in the freelancer's own calendar.

One all-day VEVENT per follow-up (DTSTART;VALUE=DATE, no time zone: follow-ups are whole days)
with a UID that never changes, so importing a newer export updates each event instead of adding
a copy. Each event rings at 09:00 on its day.

A rule follow-up is exported as its whole series, handled dates included: a calendar shows past
dates as past, and starting the series at the first unhandled date instead would change what
COUNT counts and where INTERVAL falls. So an overdue date shows on its own past day, not today
(`sendoff due` lists what is overdue). Snoozes are the EXDATE and RDATE the engine keeps.

A cadence ("every N days after we last spoke") has no series: only its next date is known, so it
is one non-recurring event on that date, moved (same UID) by the next export after a contact.

Archived clients are left out, as in the agenda.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event, vRecur

from storage.client import Client
from storage.followups import FollowUp, FollowUpKind, normalise_rule
from storage.printable import printable
from storage.replace_file import replace_file

PRODUCT_ID = "-//Sendoff//Sendoff follow-ups//EN"
CALENDAR_NAME = "Sendoff follow-ups"
# The reminder rings 9 hours after the start of the (all-day, floating) day: 09:00 local time.
REMINDER_AFTER = timedelta(hours=9)


def event_uid(client: Client, follow_up: FollowUp) -> str:
    """The follow-up's UID in every export: its id is random and stored, the client id too."""
    return f"{follow_up.id}-{client.id}@sendoff"


def _first_rule_date(follow_up: FollowUp) -> date | None:
    """The rule's own first date, before snoozes: RFC 5545 counts DTSTART as an occurrence even
    when it does not match the rule, which dateutil (and so the engine) does not. Starting the
    series on its first real date keeps both in step; the BY values dateutil takes from
    ``start`` are those of the first date too, so the rule means the same from there."""
    plain = replace(follow_up, exdates=[], rdates=[], handled_through=None)
    return plain.next_after(None, last_contact=None)


def _description(client: Client, follow_up: FollowUp) -> str:
    lines = [f"How often: {printable(follow_up.describe())}"]
    for label, value in (("Contact", client.contact_person), ("Email", client.email),
                         ("Phone", client.phone)):
        if value.strip():
            lines.append(f"{label}: {printable(value.strip())}")
    if client.last_contact:
        lines.append(f"Last in touch: {client.last_contact.isoformat()}")
    if client.forward_queue:
        lines += ["", "To forward next time:"]
        lines += [f"- {printable(item.text)}" + (f" ({printable(item.link)})" if item.link else "")
                  for item in client.forward_queue]
    return "\n".join(lines)


def follow_up_event(client: Client, follow_up: FollowUp, stamp: datetime) -> Event | None:
    """The follow-up's VEVENT; None for a rule without any date (validation prevents it)."""
    last_contact = client.last_contact
    event = Event()
    event.add("uid", event_uid(client, follow_up))
    event.add("dtstamp", stamp)
    if follow_up.kind is FollowUpKind.CADENCE:
        first = follow_up.next_due(last_contact=last_contact)
    else:
        first = _first_rule_date(follow_up)
    if first is None:
        return None
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(days=1))  # one whole day; some importers need it
    if follow_up.kind is FollowUpKind.RULE:
        event.add("rrule", vRecur.from_ical(normalise_rule(follow_up.rule)))
        if follow_up.exdates:
            event.add("exdate", sorted(follow_up.exdates))
        if follow_up.rdates:
            event.add("rdate", sorted(follow_up.rdates))
    title = f"{printable(client.name)} — {printable(follow_up.label)}"
    event.add("summary", title)
    event.add("description", _description(client, follow_up))
    event.add("categories", ["Sendoff"])
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: leave the day free
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", REMINDER_AFTER)
    alarm.add("description", f"Get in touch: {title}")
    event.add_component(alarm)
    return event


def follow_up_calendar(clients: Iterable[Client], today: date) -> tuple[Calendar, int]:
    """The calendar of every follow-up of the clients not archived, and how many events it has.

    DTSTAMP is midnight UTC of ``today`` (the app's clock), so one day's exports are identical.
    """
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    count = 0
    for client in sorted(clients, key=lambda client: (client.name.casefold(), client.id or 0)):
        if client.archived:
            continue
        for follow_up in client.follow_ups:
            event = follow_up_event(client, follow_up, stamp)
            if event is not None:
                calendar.add_component(event)
                count += 1
    return calendar, count


def write_calendar(clients: Iterable[Client], path: Path, today: date) -> int:
    """Write the calendar to ``path``, replacing it in one step; returns how many events.

    An export is regenerated often, so an existing file is replaced; the new text goes to a
    temporary file beside it first, so a calendar app never reads half a file.
    """
    calendar, count = follow_up_calendar(clients, today)
    payload = calendar.to_ical()  # CRLF line ends, lines folded at 75 octets
    replace_file(Path(path), payload)
    return count
