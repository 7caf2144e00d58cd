"""The follow-ups and every other dated promise as an iCalendar file, so they show up in the
freelancer's own calendar.

One all-day VEVENT per follow-up (DTSTART;VALUE=DATE, no time zone: follow-ups are whole days)
with a UID that never changes, so importing a newer export updates each event instead of adding
a copy. Each event rings at 09:00 on its day.

The calendar holds exactly the dates still to handle, as step 5 lists them: a rule follow-up is
exported from its first unhandled date on, handled ones left out. An overdue date shows on its
own past day, not today (`sendoff due` lists it as overdue), and so does each later missed date
until it is marked done in turn. A follow-up with no dates left is not exported.

Restarting a series must not change what its rule means. RFC 5545 counts DTSTART as a date of
the series and says it should be a date of the rule, so DTSTART is always a date of the rule
itself: the first unhandled one, or, when that is a snoozed date (an RDATE), the rule's date
just before it, excluded. Being a date of the rule, it keeps INTERVAL in step; the BY values the
rule took from its original start are written out (see `parts_from_start`), COUNT loses the
dates before the new start, and only the EXDATEs and RDATEs from there on are kept.

A cadence ("every N days after we last spoke") has no series: only its next date is known (the
snoozed one, if snoozed), so it is one non-recurring event on that date, moved (same UID) by the
next export after a contact.

Every other promise (work due, a last day, an end of notice, an exit interview, a release, a
testimonial to chase; see `storage.views.promises`) is one all-day event on the date `sendoff due`
lists it at, with a UID of its kind and its item that never changes. They are VEVENTs, not
VTODOs, though some are to-dos: the calendars most people use (Google's, Outlook's) import no
VTODO at all, and a promise that does not show up reminds no one.

Archived clients are left out, as in the agenda.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event, vRecur

from storage.outputs.printable import printable
from storage.persistence.replace_file import replace_file
from storage.records.client import Client
from storage.records.follow_up import FollowUp, FollowUpKind
from storage.rules.recurrence.engine import parts_from_start
from storage.rules.recurrence.parser import normalise_rule
from storage.views.due_item import DueItem
from storage.views.glance import whose_glance
from storage.views.promises import CHASE_AFTER_DAYS, promise_due, stored_promises

PRODUCT_ID = "-//Sendoff//Sendoff follow-ups//EN"
CALENDAR_NAME = "Sendoff follow-ups"
# The reminder rings 9 hours after the start of the (all-day, floating) day: 09:00 local time.
REMINDER_AFTER = timedelta(hours=9)
EVERY_PROMISE = 36600  # days: a window that reaches every promise stored


def event_uid(client: Client, follow_up: FollowUp) -> str:
    """The follow-up's UID in every export: its id is random and stored, the client id too."""
    return f"{follow_up.id}-{client.id}@sendoff"


def _is_own_date(own: FollowUp, day: date) -> bool:
    return own.occurrences(day, day, last_contact=None) == [day]


def _add_day(event: Event, day: date) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))  # one whole day; some importers need it


def _add_series(event: Event, follow_up: FollowUp, first: date) -> None:
    """DTSTART, RRULE, EXDATE and RDATE giving exactly the unhandled dates, from ``first``.

    DTSTART is ``first`` when the rule gives it, else (a snoozed date comes first) the rule's
    latest date before it, excluded; a date put before all of the rule's by hand has none, and
    then the rule's own first date follows it.
    """
    own = replace(follow_up, exdates=[], rdates=[], handled_through=None)  # the rule alone
    handled = follow_up.handled_through or date.min
    start = first
    if first in follow_up.rdates and not _is_own_date(own, first):
        earlier = (own.occurrences(own.start, first, last_contact=None)  # a walk, but rare
                   if first >= own.start else [])
        start = earlier[-1] if earlier else own.next_after(None, last_contact=None)
    parts = dict(part.split("=", 1) for part in normalise_rule(follow_up.rule).split(";"))
    parts.update(parts_from_start(follow_up.rule, follow_up.start))
    if "COUNT" in parts and start > own.start:
        used = own.occurrences(own.start, start - timedelta(days=1), last_contact=None)
        parts["COUNT"] = str(int(parts["COUNT"]) - len(used))
    exdates = {day for day in follow_up.exdates
               if day >= start and day > handled and _is_own_date(own, day)}
    if start <= handled:
        exdates.add(start)  # handled: the start only because a snoozed date follows it
    rdates = [day for day in follow_up.rdates if day > handled
              and day not in follow_up.exdates and not _is_own_date(own, day)]
    _add_day(event, start)
    event.add("rrule", vRecur.from_ical(";".join(f"{name}={value}"
                                                 for name, value in parts.items())))
    if exdates:
        event.add("exdate", sorted(exdates))
    if rdates:
        event.add("rdate", sorted(rdates))


def promise_uid(client: Client, promise: DueItem) -> str:
    """A promise's UID in every export: its kind and the id of what it is about (the work or
    handover item, the engagement), both stored, and the client id."""
    return f"{promise.kind}-{promise.follow_up_id}-{client.id}@sendoff"


def _description(client: Client, first_line: str) -> str:
    lines = [first_line]
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
    """The follow-up's VEVENT; None when it has no date left to handle."""
    first = follow_up.next_due(last_contact=client.last_contact)
    if first is None:
        return None
    event = Event()
    event.add("uid", event_uid(client, follow_up))
    event.add("dtstamp", stamp)
    if follow_up.kind is FollowUpKind.RULE:
        _add_series(event, follow_up, first)
    else:
        _add_day(event, first)
    title = f"{printable(client.name)} — {printable(follow_up.label)}"
    _describe(event, title, _description(client, f"How often: {printable(follow_up.describe())}"),
              f"Get in touch: {title}")
    return event


def _describe(event: Event, title: str, description: str, reminder: str) -> None:
    event.add("summary", title)
    event.add("description", description)
    event.add("categories", ["Sendoff"])
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: leave the day free
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", REMINDER_AFTER)
    alarm.add("description", reminder)
    event.add_component(alarm)


def promise_events(client: Client, today: date, stamp: datetime,
                   chase_after: int = CHASE_AFTER_DAYS) -> list[Event]:
    """An event for each promise of the client still to keep, on the day `sendoff due` lists it."""
    engagement = whose_glance(client)["engagement"]
    events = []
    for promise in promise_due(client.id or 0, client.name, (), stored_promises(client), today,
                               EVERY_PROMISE, engagement, chase_after):
        event = Event()
        event.add("uid", promise_uid(client, promise))
        event.add("dtstamp", stamp)
        _add_day(event, promise.on)
        title = f"{printable(client.name)} — {printable(promise.label)}"
        whose = f" ({printable(engagement)})" if engagement else ""
        _describe(event, title, _description(client, f"What: {printable(promise.label)}{whose}"),
                  title)
        events.append(event)
    return events


def follow_up_calendar(clients: Iterable[Client], today: date,
                       chase_after: int = CHASE_AFTER_DAYS) -> tuple[Calendar, int]:
    """The calendar of every follow-up and promise of the clients not archived, and how many
    events it has.

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
        for event in promise_events(client, today, stamp, chase_after):
            calendar.add_component(event)
            count += 1
    return calendar, count


def write_calendar(clients: Iterable[Client], path: Path, today: date, *,
                   overwrite: bool = False, chase_after: int = CHASE_AFTER_DAYS) -> int:
    """Write the calendar to ``path``, never replacing a file unless ``overwrite``; returns how
    many events. The file is private (0600): it names people and how to reach them.

    The new text goes to a temporary file beside ``path`` first, so a calendar app never reads
    half a file.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} already exists")
    calendar, count = follow_up_calendar(clients, today, chase_after)
    payload = calendar.to_ical()  # CRLF line ends, lines folded at 75 octets
    replace_file(path, payload, mode=0o600, overwrite=overwrite)
    return count
