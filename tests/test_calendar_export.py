"""`sendoff export-ics`: a calendar strict importers accept, whose dates are exactly the engine's.

The round trip expands the exported file with `recurring_ical_events` (an independent RFC 5545
reader) and compares every follow-up's dates with what the engine lists for the same window.
"""

from __future__ import annotations

import json
import re
import stat
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
import recurring_ical_events
from hypothesis import given, reject, settings
from hypothesis import strategies as st
from icalendar import Calendar

from storage.changes.in_touch import log_contact, mark_done, snooze
from storage.demo import demo_clients
from storage.errors import ValidationError
from storage.outputs.calendar_export import event_uid, follow_up_calendar
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact, ForwardItem
from storage.records.follow_up import FollowUp, FollowUpKind
from storage.views.index_file import index_path
from tests.cli_process import sendoff

TODAY = date(2026, 3, 15)  # the conftest's pinned day
WINDOW_END = date(2027, 3, 15)



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
    return Client.new(
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
    again = export(tricky_db, tmp_path / "f.ics", "--force")  # a new export of the same file
    event = events_by_uid(again)[event_uid(client, coffee)]
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


def test_one_client_of_two_with_the_same_name_is_chosen_by_its_number(
    tricky_db: Path, tmp_path: Path
) -> None:
    """Two clients at work of one name, as a file from before names had to be unique holds."""
    with Repository(tricky_db) as repo:
        twin = repo.add_client(Client.new(name="Twin", email="hello@acme.example", follow_ups=[
            FollowUp.from_preset("monthly", date(2026, 4, 1), label="Twin")]))
    raw = json.loads(tricky_db.read_text())
    raw["clients"][str(twin.id)]["name"] = "ACME LTD"
    tricky_db.write_text(json.dumps(raw))
    index_path(tricky_db).unlink()
    original = stored(tricky_db)[0]
    out = tmp_path / "one.ics"

    both = sendoff("export-ics", "--db", str(tricky_db), "--client", "acme ltd", "-o", str(out))
    assert both.returncode == 1 and not out.exists()
    assert both.stderr.splitlines()[1:] == [f"  #{original.id}  Acme Ltd — Ana Souza, "
                                            "ana@acme.example",
                                            f"  #{twin.id}  ACME LTD — hello@acme.example"]

    raw = export(tricky_db, out, "--client", f"#{twin.id}")
    assert [str(e["SUMMARY"]) for e in Calendar.from_ical(raw).walk("VEVENT")] == [
        "ACME LTD — Twin"]
    archived = sendoff("export-ics", "--db", str(tricky_db), "--client", "#2",
                       "-o", str(tmp_path / "x.ics"))
    assert archived.returncode == 1 and "Gone Ltd is archived" in archived.stderr


def test_the_file_is_private(tricky_db: Path, tmp_path: Path, usual_umask) -> None:
    out = tmp_path / "follow-ups.ics"
    export(tricky_db, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600, "it names people and how to reach them"


def test_an_existing_file_is_replaced_only_with_force(tricky_db: Path, tmp_path: Path,
                                                      usual_umask) -> None:
    out = tmp_path / "out" / "follow-ups.ics"
    out.parent.mkdir()
    out.write_text("my own calendar")
    out.chmod(0o644)

    refused = sendoff("export-ics", "--db", str(tricky_db), "-o", str(out))
    assert refused.returncode == 1
    assert refused.stderr == (f"sendoff: {out} already exists; nothing was written "
                              "(use --force to replace it)\n")
    assert out.read_text() == "my own calendar"

    raw = export(tricky_db, out, "--force")
    assert raw.startswith(b"BEGIN:VCALENDAR")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [path.name for path in out.parent.iterdir()] == ["follow-ups.ics"], "no temporary"


def test_never_writes_over_the_files_kept_beside_the_data_file(tricky_db: Path) -> None:
    with Repository(tricky_db) as repo:  # a second session: the first backup and the index
        repo.add_client(Client(name="Globex"))
    journal = tricky_db.with_name(f"{tricky_db.name}.journal")
    journal.write_bytes(b"a record cut short")  # as a killed app may leave it
    kept = [tricky_db.with_name(f"{tricky_db.name}.bak1"),
            tricky_db.with_name(f"{tricky_db.name}.index"), journal]
    before = [path.read_bytes() for path in kept]

    for path in kept:
        done = sendoff("export-ics", "--db", str(tricky_db), "-o", str(path), "--force")
        assert done.returncode == 1
        assert f"{path} is one of Sendoff's own files" in done.stderr
    assert [path.read_bytes() for path in kept] == before


def test_a_folder_is_not_a_file(tricky_db: Path, tmp_path: Path) -> None:
    done = sendoff("export-ics", "--db", str(tricky_db), "-o", str(tmp_path), "--force")
    assert done.returncode == 1
    assert done.stderr == f"sendoff: {tmp_path} is a folder; add a file name\n"


def test_export_works_while_the_app_holds_the_file(tricky_db: Path, tmp_path: Path) -> None:
    with Repository(tricky_db):  # the writer lock, as the open app holds it
        raw = export(tricky_db, tmp_path / "f.ics")
    assert b"BEGIN:VEVENT" in raw


# -- round trip -----------------------------------------------------------------------------------


def engine_dates(client: Client, follow_up: FollowUp, first: date, last: date) -> set[date]:
    """The engine's dates still to handle in [first, last]: a rule's dates after those handled,
    a cadence's single next date."""
    dates = follow_up.occurrences(first, last, last_contact=client.last_contact)
    handled = follow_up.handled_through if follow_up.kind is FollowUpKind.RULE else None
    return {day for day in dates if handled is None or day > handled}


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

    # `sendoff due` lists the same dates from today on.
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
            from_calendar = {day for day in expanded.get(uid, set()) if day >= TODAY}
            assert listed.get(uid, set()) == from_calendar, (client.name, follow_up.label)


# -- every state the app can reach ---------------------------------------------------------------

DUE_WINDOW = 400  # days: more than a year, so yearly and twice-yearly dates come round again
State = Callable[[Client, str], object]


def done(on: date) -> State:
    """Mark the follow-up's next date done, with a contact ``on``, as `d` on step 5 does."""
    return lambda client, follow_up_id: mark_done(client, follow_up_id, on, "email")


def snoozed(occurrence: date, to: date) -> State:
    return lambda client, follow_up_id: snooze(client, follow_up_id, occurrence, to)


def spoke(on: date) -> State:
    return lambda client, _follow_up_id: log_contact(client, on, "call")


def state_follow_ups() -> dict[str, tuple[FollowUp, list[State]]]:
    """Each follow-up, and what was done to it before today (2026-03-15), by the state it is in."""
    monthly = FollowUp.from_preset
    return {
        "done once": (monthly("twice-a-year", date(2025, 9, 15)), [done(date(2025, 9, 16))]),
        "done several times": (monthly("quarterly", date(2025, 6, 20)),
                               [done(date(2025, 6, 20)), done(date(2025, 9, 22)),
                                done(date(2025, 12, 19))]),
        "done before its day": (FollowUp.from_rule("Weekly", "FREQ=WEEKLY", date(2026, 3, 4)),
                                [done(date(2026, 3, 4)), done(date(2026, 3, 11)),
                                 done(date(2026, 3, 15))]),
        "a rule snoozed": (monthly("monthly", date(2026, 3, 20)),
                           [snoozed(date(2026, 3, 20), date(2026, 3, 27))]),
        "snoozed past the next date, which was done": (
            monthly("monthly", date(2026, 1, 10)),
            [done(date(2026, 1, 10)), snoozed(date(2026, 2, 10), date(2026, 3, 12)),
             done(date(2026, 3, 10))]),
        "snoozed twice": (monthly("quarterly", date(2026, 4, 1)),
                          [snoozed(date(2026, 4, 1), date(2026, 4, 8)),
                           snoozed(date(2026, 4, 8), date(2026, 4, 20)),
                           snoozed(date(2026, 7, 1), date(2026, 7, 3))]),
        "snoozed onto its next date": (monthly("monthly", date(2026, 3, 20)),
                                       [snoozed(date(2026, 3, 20), date(2026, 4, 20))]),
        "a cadence snoozed": (FollowUp.from_cadence("Coffee", 30, date(2026, 2, 1)),
                              [snoozed(date(2026, 3, 3), date(2026, 3, 20))]),
        "overdue by one date": (monthly("twice-a-year", date(2025, 9, 1)),
                                [done(date(2025, 9, 2))]),
        "overdue by several dates": (monthly("monthly", date(2025, 11, 5)),
                                     [done(date(2025, 11, 5))]),
        "overdue, every third week": (
            FollowUp.from_rule("Every third week", "FREQ=WEEKLY;INTERVAL=3", date(2026, 1, 7)),
            [done(date(2026, 1, 7)), done(date(2026, 1, 28))]),
        "a cadence after a contact": (FollowUp.from_cadence("Lunch", 45, date(2025, 12, 1)),
                                      [spoke(date(2026, 3, 1))]),
        "a cadence marked done": (FollowUp.from_cadence("Call", 20, date(2026, 1, 1)),
                                  [done(date(2026, 3, 2))]),
        "COUNT partly used": (
            FollowUp.from_rule("Six calls", "FREQ=WEEKLY;COUNT=6;BYDAY=TU,FR", date(2026, 3, 1)),
            [done(date(2026, 3, 3)), done(date(2026, 3, 6)), done(date(2026, 3, 10)),
             done(date(2026, 3, 13))]),
        "COUNT partly used, every other month on the 30th": (
            FollowUp.from_rule("Five visits", "FREQ=MONTHLY;INTERVAL=2;COUNT=5",
                               date(2025, 11, 30)),
            [done(date(2025, 11, 30)), done(date(2026, 1, 30))]),
        "every other year, done twice": (
            FollowUp.from_rule("Anniversary", "FREQ=YEARLY;INTERVAL=2", date(2022, 11, 17)),
            [done(date(2022, 11, 17)), done(date(2024, 11, 18))]),
        "month end on the 31st": (monthly("monthly", date(2026, 1, 31)),
                                  [done(date(2026, 1, 31)), done(date(2026, 2, 28))]),
        "month end on the 30th": (monthly("twice-a-year", date(2025, 8, 30)),
                                  [done(date(2025, 8, 30)), done(date(2026, 2, 28))]),
        "month end on the 29th, overdue": (monthly("quarterly", date(2025, 11, 29)),
                                           [done(date(2025, 11, 29))]),
        "birthday on 29 February": (
            monthly("birthday", date(2024, 1, 1), birthday=date(1988, 2, 29)),
            [done(date(2024, 2, 29)), done(date(2025, 2, 28))]),
        "UNTIL partly used": (
            FollowUp.from_rule("First Fridays", "FREQ=MONTHLY;BYDAY=1FR;UNTIL=20261231",
                               date(2026, 1, 1)),
            [done(date(2026, 1, 2)), done(date(2026, 2, 6))]),
        "ended by COUNT after marking done": (
            FollowUp.from_rule("Two calls", "FREQ=MONTHLY;COUNT=2", date(2026, 1, 15)),
            [done(date(2026, 1, 15)), done(date(2026, 2, 16))]),
    }


@pytest.fixture
def states_db(db_path: Path) -> Path:
    """One client per state, each step saved to the data file as the app saves it."""
    with Repository(db_path) as repo:
        for name, (follow_up, steps) in state_follow_ups().items():
            client_id = repo.add_client(Client(name=name, follow_ups=[follow_up])).id
            for step in steps:
                client = repo.client(client_id)
                step(client, follow_up.id)
                repo.save_client(client)
    return db_path


def test_the_calendar_holds_exactly_the_dates_still_to_handle(states_db: Path,
                                                              tmp_path: Path) -> None:
    raw = export(states_db, tmp_path / "f.ics")
    listed = sendoff("due", "--db", str(states_db), "--within", str(DUE_WINDOW), "--json")
    assert listed.returncode == 0, listed.stderr
    overdue: dict[str, date] = {}
    coming: dict[str, set[date]] = defaultdict(set)
    for item in json.loads(listed.stdout):
        uid = f"{item['follow_up_id']}-{item['client_id']}@sendoff"
        day = date.fromisoformat(item["date"])
        if item["overdue"]:
            assert uid not in overdue, "an overdue follow-up is listed once"
            overdue[uid] = day
        else:
            coming[uid].add(day)
    last = TODAY + timedelta(days=DUE_WINDOW)
    ahead = expanded_dates(raw, TODAY, last)
    everything = expanded_dates(raw, date(2020, 1, 1), last)

    clients = {client.name: client for client in stored(states_db)}
    assert set(clients) == set(state_follow_ups())
    for name, client in clients.items():
        follow_up = client.follow_ups[0]
        uid = event_uid(client, follow_up)
        if name == "ended by COUNT after marking done":
            assert uid not in events_by_uid(raw) and uid not in coming and uid not in overdue
            continue
        assert ahead.get(uid, set()) == coming[uid], name
        first = overdue.get(uid) or min(coming[uid])
        assert min(everything[uid]) == first, f"{name}: the series starts at its next date"
        # Each missed date stays on its own past day until it is marked done, as on step 5.
        missed = follow_up.occurrences(first, TODAY - timedelta(days=1),
                                       last_contact=client.last_contact) if uid in overdue else []
        assert sorted(day for day in everything[uid] if day < TODAY) == missed, name

    def missed_dates(name: str) -> int:
        client = clients[name]
        return sum(day < TODAY for day in everything[event_uid(client, client.follow_ups[0])])

    # The states are what they say.
    assert missed_dates("overdue by one date") == 1
    assert missed_dates("overdue by several dates") == 4
    assert missed_dates("done several times") == missed_dates("done once") == 0
    assert missed_dates("snoozed past the next date, which was done") == 1


def test_a_date_added_by_hand_before_the_rule_begins_is_kept(db_path: Path,
                                                             tmp_path: Path) -> None:
    """A file edited by hand may give a date before the rule's first: DTSTART cannot be it
    (it is not a date of the rule), so the series starts at the rule's first date after it."""
    follow_up = FollowUp.from_preset("monthly", date(2026, 4, 10))
    follow_up.rdates = [date(2026, 3, 20)]
    with Repository(db_path) as repo:
        client = repo.add_client(Client(name="Acme Ltd", follow_ups=[follow_up]))
    raw = export(db_path, tmp_path / "f.ics")

    dates = expanded_dates(raw, TODAY, date(2026, 6, 30))[event_uid(client, follow_up)]
    assert dates == {date(2026, 3, 20), date(2026, 4, 10), date(2026, 5, 10), date(2026, 6, 10)}


rule_shapes = [
    "FREQ=YEARLY", "FREQ=YEARLY;BYMONTH=3,9", "FREQ=YEARLY;BYWEEKNO=10;BYDAY=MO",
    "FREQ=YEARLY;BYYEARDAY=100", "FREQ=MONTHLY", "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1", "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1", "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=MO,TH",
    "FREQ=WEEKLY;BYDAY=SU,WE;WKST=SU", "FREQ=DAILY", "FREQ=DAILY;BYDAY=MO,FR",
]  # fmt: skip


@st.composite
def handled_and_snoozed(draw) -> FollowUp:
    """A rule follow-up after a few dates were marked done or snoozed, in any order."""
    rule = f"{draw(st.sampled_from(rule_shapes))};INTERVAL={draw(st.integers(1, 4))}"
    rule += draw(st.sampled_from(["", ";COUNT=3", ";COUNT=9", ";UNTIL=20270101"]))
    try:
        follow_up = FollowUp.from_rule("Check-in", rule, draw(st.dates(date(2024, 1, 1),
                                                                       date(2026, 6, 1))))
    except ValidationError:
        reject()
    client = Client(name="Acme Ltd", follow_ups=[follow_up])
    for snoozed_by in draw(st.lists(st.none() | st.integers(1, 90), max_size=6)):
        next_due = follow_up.next_due(last_contact=None)
        if next_due is None:
            break
        if snoozed_by is None:
            mark_done(client, follow_up.id, next_due, "email")
        else:
            snooze(client, follow_up.id, next_due, next_due + timedelta(days=snoozed_by))
    return follow_up


@settings(deadline=None, max_examples=150)
@given(handled_and_snoozed())
def test_any_rule_done_and_snoozed_exports_exactly_its_unhandled_dates(follow_up) -> None:
    client = Client(name="Acme Ltd", follow_ups=[follow_up], id=1)
    calendar, count = follow_up_calendar([client], TODAY)
    first = follow_up.next_due(last_contact=None)
    if first is None:
        assert count == 0
        return
    last = first + timedelta(days=500)
    exported = set(expanded_dates(calendar.to_ical(), date(2020, 1, 1), last)[
        event_uid(client, follow_up)])
    handled = follow_up.handled_through or date.min
    expected = {day for day in follow_up.occurrences(follow_up.start, last, last_contact=None)
                if day > handled}
    assert exported == expected, calendar.to_ical().decode()
