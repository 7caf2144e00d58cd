"""`sendoff export-ics`: a calendar strict importers accept, whose dates are exactly the engine's.

The round trip expands the exported file with `recurring_ical_events` (an independent RFC 5545
reader) and compares every follow-up's dates with what the engine lists for the same window.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar

from storage.calendar_export import event_uid, write_calendar
from storage.client import Client
from storage.demo import demo_clients
from storage.followups import Contact, FollowUp, FollowUpKind, ForwardItem
from storage.keeping_in_touch import log_contact, mark_done, snooze
from storage.repository import Repository

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 3, 15)  # the conftest's pinned day
WINDOW_END = date(2027, 3, 15)


def sendoff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          env=os.environ.copy(), cwd=ROOT, timeout=60)


def tricky_follow_ups() -> list[FollowUp]:
    """Month ends, a leap-day birthday, COUNT, UNTIL, a start off the rule, a snooze, a cadence."""
    month_end = FollowUp.from_preset("monthly", date(2026, 1, 31), label="Month end")
    leap_day = FollowUp.from_preset("birthday", date(2026, 1, 1), birthday=date(1988, 2, 29))
    # 2026-03-16 is a Monday: RFC 5545 would count a DTSTART off the rule as a date, dateutil not.
    counted = FollowUp.from_rule("Five calls", "FREQ=WEEKLY;COUNT=5;BYDAY=TU,TH", date(2026, 3, 16))
    until = FollowUp.from_rule("First Fridays", "freq=monthly;byday=1FR;until=20261231",
                               date(2026, 1, 1))
    snoozed = FollowUp.from_preset("quarterly", date(2026, 4, 1))
    snoozed.snooze(date(2026, 4, 1), date(2026, 4, 8), last_contact=None)
    snoozed.snooze(date(2026, 7, 1), date(2026, 7, 3), last_contact=None)
    handled = FollowUp.from_preset("twice-a-year", date(2025, 3, 20))
    handled.handled_through = date(2026, 3, 20)  # handled ahead of its date
    coffee = FollowUp.from_cadence("Coffee", 60, date(2025, 6, 1))
    return [month_end, leap_day, counted, until, snoozed, handled, coffee]


def tricky_client() -> Client:
    return Client(
        name="Acme Ltd", contact_person="Ana Souza", email="ana@acme.example",
        phone="+44 20 7946 0001", follow_ups=tricky_follow_ups(),
        contacts=[Contact(on=date(2026, 2, 1), channel="email")],
        forward_queue=[ForwardItem("Grant for small shops", date(2026, 3, 1),
                                   link="https://example.org/grant"),
                       ForwardItem("Conference talk, with commas; and semicolons",
                                   date(2026, 3, 2))],
    )


@pytest.fixture
def tricky_db(db_path: Path) -> Path:
    with Repository(db_path) as repo:
        repo.add_client(tricky_client())
        repo.add_client(Client(name="Gone Ltd", archived=True, follow_ups=[
            FollowUp.from_preset("monthly", date(2026, 1, 5))]))
    return db_path


def stored(db_path: Path, *, include_archived: bool = False) -> list[Client]:
    with Repository(db_path, writable=False) as repo:
        return repo.clients(include_archived=include_archived)


def export(db_path: Path, out: Path, *extra: str) -> bytes:
    done = sendoff("export-ics", "--db", str(db_path), "-o", str(out), *extra)
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def events_by_uid(raw: bytes) -> dict[str, object]:
    return {str(event["UID"]): event for event in Calendar.from_ical(raw).walk("VEVENT")}


def expanded_dates(raw: bytes, first: date, last: date) -> dict[str, set[date]]:
    """Every event's dates in [first, last], as an RFC 5545 reader expands them, by UID."""
    found: dict[str, set[date]] = defaultdict(set)
    calendar = Calendar.from_ical(raw)
    for event in recurring_ical_events.of(calendar).between(first, last + timedelta(days=1)):
        day = event["DTSTART"].dt
        assert type(day) is date, f"{event['UID']} is not all-day: {day!r}"
        if first <= day <= last:
            found[str(event["UID"])].add(day)
    return found


# -- structure ------------------------------------------------------------------------------------


def test_the_file_is_what_strict_importers_expect(tricky_db: Path, tmp_path: Path) -> None:
    raw = export(tricky_db, tmp_path / "follow-ups.ics")

    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b""), "every line ends in CRLF"
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75, "lines are folded at 75 octets"
    assert b"VERSION:2.0" in lines and any(line.startswith(b"PRODID:") for line in lines)
    unfolded = raw.replace(b"\r\n ", b"").decode().split("\r\n")
    dated = [line for line in unfolded if re.match(r"(DTSTART|DTEND|EXDATE|RDATE)[;:]", line)]
    assert dated and all(";VALUE=DATE:" in line and "TZID" not in line for line in dated)
    rules = [line for line in unfolded if line.startswith("RRULE:")]
    assert len(rules) == 6 and all(rule == rule.upper() for rule in rules)
    assert all(line.startswith("DTSTAMP:20260315T000000Z") for line in unfolded
               if line.startswith("DTSTAMP"))


def test_one_event_per_follow_up_with_a_stable_uid(tricky_db: Path, tmp_path: Path) -> None:
    first = export(tricky_db, tmp_path / "a.ics")
    with Repository(tricky_db) as repo:  # handle a date and snooze another between exports
        client = repo.clients()[0]
        mark_done(client, client.follow_ups[0].id, TODAY, "email")
        snooze(client, client.follow_ups[1].id, date(2027, 2, 28), date(2027, 3, 2))
        repo.save_client(client)
    second = export(tricky_db, tmp_path / "b.ics")

    client = stored(tricky_db)[0]
    expected = {event_uid(client, follow_up) for follow_up in client.follow_ups}
    assert set(events_by_uid(first)) == set(events_by_uid(second)) == expected
    assert len(Calendar.from_ical(first).walk("VEVENT")) == len(expected)
    assert "Gone Ltd" not in first.decode(), "archived clients are left out"


def test_two_exports_of_the_same_day_are_identical(tricky_db: Path, tmp_path: Path) -> None:
    assert export(tricky_db, tmp_path / "a.ics") == export(tricky_db, tmp_path / "b.ics")


def test_events_name_the_client_and_carry_the_contact_and_what_to_forward(
    tricky_db: Path, tmp_path: Path
) -> None:
    events = events_by_uid(export(tricky_db, tmp_path / "f.ics"))
    client = stored(tricky_db)[0]
    event = events[event_uid(client, client.follow_ups[0])]

    assert str(event["SUMMARY"]) == "Acme Ltd — Month end"
    description = str(event["DESCRIPTION"])
    for expected in ("Ana Souza", "ana@acme.example", "+44 20 7946 0001",
                     "Grant for small shops (https://example.org/grant)",
                     "Conference talk, with commas; and semicolons"):
        assert expected in description
    assert str(event["TRANSP"]) == "TRANSPARENT"
    alarms = event.walk("VALARM")
    assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0]["TRIGGER"].dt == timedelta(hours=9)
    assert "Acme Ltd" in str(alarms[0]["DESCRIPTION"])


def test_a_snooze_is_an_exdate_and_an_rdate(tricky_db: Path, tmp_path: Path) -> None:
    raw = export(tricky_db, tmp_path / "f.ics")
    client = stored(tricky_db)[0]
    text = raw.replace(b"\r\n ", b"").decode()
    block = text.split(f"UID:{event_uid(client, client.follow_ups[4])}")[1].split("END:VEVENT")[0]

    assert "EXDATE;VALUE=DATE:20260401,20260701" in block
    assert "RDATE;VALUE=DATE:20260408,20260703" in block


def test_a_cadence_is_a_single_event_on_its_next_date(tricky_db: Path, tmp_path: Path) -> None:
    client = stored(tricky_db)[0]
    coffee = client.follow_ups[-1]
    assert coffee.kind is FollowUpKind.CADENCE
    event = events_by_uid(export(tricky_db, tmp_path / "f.ics"))[event_uid(client, coffee)]

    assert "RRULE" not in event and "RDATE" not in event
    assert event["DTSTART"].dt == date(2026, 4, 2)  # 60 days after the contact on 2026-02-01

    with Repository(tricky_db) as repo:  # a contact restarts it: same event, new date
        client = repo.clients()[0]
        log_contact(client, TODAY, "call")
        repo.save_client(client)
    event = events_by_uid(export(tricky_db, tmp_path / "f.ics"))[event_uid(client, coffee)]
    assert event["DTSTART"].dt == TODAY + timedelta(days=60)


def test_control_characters_in_names_are_made_visible(db_path: Path, tmp_path: Path) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client(name="Evil\x1b[2JCorp", follow_ups=[
            FollowUp.from_preset("monthly", date(2026, 4, 1))]))
    raw = export(db_path, tmp_path / "f.ics")
    assert b"\x1b" not in raw and "Evil␛[2JCorp — Monthly" in raw.decode()


def test_one_client_only_and_clear_failures(tricky_db: Path, tmp_path: Path) -> None:
    with Repository(tricky_db) as repo:
        repo.add_client(Client(name="Blue Heron", follow_ups=[
            FollowUp.from_preset("monthly", date(2026, 4, 1))]))
    raw = export(tricky_db, tmp_path / "one.ics", "--client", "blue")
    assert [str(e["SUMMARY"]) for e in Calendar.from_ical(raw).walk("VEVENT")] == [
        "Blue Heron — Monthly"]

    unknown = sendoff("export-ics", "--db", str(tricky_db), "--client", "Globex",
                      "-o", str(tmp_path / "x.ics"))
    archived = sendoff("export-ics", "--db", str(tricky_db), "--client", "Gone",
                       "-o", str(tmp_path / "x.ics"))
    no_output = sendoff("export-ics", "--db", str(tricky_db))
    over_data = sendoff("export-ics", "--db", str(tricky_db), "-o", str(tricky_db))
    assert unknown.returncode == 1 and "Globex" in unknown.stderr
    assert archived.returncode == 1 and "archived" in archived.stderr
    assert no_output.returncode != 0 and "-o" in no_output.stderr
    assert over_data.returncode == 1 and "data file" in over_data.stderr
    assert not (tmp_path / "x.ics").exists()
    assert stored(tricky_db), "the data file is untouched"


def test_the_export_replaces_the_file_and_leaves_no_temporary_behind(
    tricky_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "follow-ups.ics"
    out.parent.mkdir()
    out.write_text("old")
    write_calendar(stored(tricky_db), out, TODAY)
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert [path.name for path in out.parent.iterdir()] == ["follow-ups.ics"]


def test_export_works_while_the_app_holds_the_file(tricky_db: Path, tmp_path: Path) -> None:
    with Repository(tricky_db):  # the writer lock, as the open app holds it
        raw = export(tricky_db, tmp_path / "f.ics")
    assert b"BEGIN:VEVENT" in raw


# -- round trip -----------------------------------------------------------------------------------


def engine_dates(client: Client, follow_up: FollowUp, first: date, last: date) -> set[date]:
    """The engine's dates in [first, last]: every date of a rule, handled or not (the export
    keeps the whole series); a cadence's single next date."""
    return set(follow_up.occurrences(first, last, last_contact=client.last_contact))


@pytest.mark.parametrize("source", ["demo-1", "demo-2", "tricky"])
def test_a_calendar_app_sees_exactly_the_engines_dates(source: str, db_path: Path,
                                                       tmp_path: Path) -> None:
    with Repository(db_path) as repo:
        if source == "tricky":
            repo.add_client(tricky_client())
        else:
            repo.replace_all(demo_clients(12, int(source.split("-")[1]), TODAY))
    clients = stored(db_path)
    assert sum(len(client.follow_ups) for client in clients) > 5
    # A year back too, so handled and overdue dates are compared as well.
    first, last = TODAY - timedelta(days=365), WINDOW_END
    expanded = expanded_dates(export(db_path, tmp_path / "f.ics"), first, last)

    for client in clients:
        for follow_up in client.follow_ups:
            uid = event_uid(client, follow_up)
            expected = engine_dates(client, follow_up, first, last)
            assert expanded.get(uid, set()) == expected, (client.name, follow_up.label,
                                                          follow_up.rule)
    archived = {event_uid(client, follow_up) for client in stored(db_path, include_archived=True)
                if client.archived for follow_up in client.follow_ups}
    assert not archived & expanded.keys()

    # `sendoff due` agrees from today on, except for dates already handled: the calendar keeps
    # the whole series, `due` lists a rule from its first unhandled date (`next_due`). A cadence
    # is its next date in both.
    done = sendoff("due", "--db", str(db_path), "--within", "365", "--json")
    assert done.returncode == 0, done.stderr
    listed: dict[str, set[date]] = defaultdict(set)
    for item in json.loads(done.stdout):
        day = date.fromisoformat(item["date"])
        if day >= TODAY:
            listed[f"{item['follow_up_id']}-{item['client_id']}@sendoff"].add(day)
    for client in clients:
        for follow_up in client.follow_ups:
            uid = event_uid(client, follow_up)
            handled = follow_up.handled_through if follow_up.kind is FollowUpKind.RULE else None
            from_calendar = {day for day in expanded.get(uid, set()) if day >= TODAY
                             and (handled is None or day > handled)}
            assert listed.get(uid, set()) == from_calendar, (client.name, follow_up.label)
