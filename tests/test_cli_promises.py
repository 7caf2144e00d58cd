"""`sendoff due` and `sendoff export-ics` with every kind of dated promise, as real processes on a
real data file; the calendar round trip over a year with `recurring_ical_events`."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar

from storage.persistence.preferences import preferences_path
from storage.views.index_file import index_path
from tests.cli_process import sendoff
from tests.promised import TODAY, promising_db

EVERY_KIND = {"follow-up", "thanks", "work", "last-day", "notice-end", "interview", "release",
              "chase"}


def due_json(db: Path, *extra: str) -> list[dict]:
    done = sendoff("due", "--db", str(db), "--json", *extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_due_lists_every_kind_with_its_kind(db_path: Path) -> None:
    promising_db(db_path)
    items = due_json(db_path, "--within", "60")
    assert {item["kind"] for item in items} == EVERY_KIND
    release = next(item for item in items if item["label"] == "Released? Admin passwords")
    assert (release["kind"], release["date"], release["overdue"], release["follow_up_id"]) == (
        "release", "2026-03-12", True, None)
    assert release["item_id"] and release["client"] == "Acme"
    assert all(item["client"] == "Acme" for item in items)  # the archived client left out

    lines = sendoff("due", "--db", str(db_path), "--within", "3").stdout.splitlines()
    assert lines == [
        "2026-03-10  overdue  Acme  Due: Fix the checkout",
        "2026-03-12  overdue  Acme  Released? Admin passwords",
        "2026-03-15  today    Acme  Chase the testimonial",
        "2026-03-16           Acme  Thank them for referring Beta Bakery",
    ]


def test_kind_filters_and_a_wrong_kind_is_explained(db_path: Path) -> None:
    promising_db(db_path)
    items = due_json(db_path, "--within", "60", "--kind", "release,work")
    assert [(item["kind"], item["date"]) for item in items] == [
        ("work", "2026-03-10"), ("release", "2026-03-12"), ("work", "2026-04-20"),
        ("release", "2026-05-02")]
    assert {item["kind"] for item in due_json(db_path, "--kind", "follow-up")} == {"follow-up"}

    wrong = sendoff("due", "--db", str(db_path), "--kind", "work,dinner")
    assert wrong.returncode == 2 and wrong.stdout == ""
    assert "'dinner': give one or more of follow-up, work, last-day" in wrong.stderr


def test_the_chase_waits_as_the_option_or_the_preferences_say(db_path: Path) -> None:
    promising_db(db_path)

    def chase(*extra: str) -> list[str]:
        return [item["date"] for item in due_json(db_path, "--kind", "chase", *extra)]

    assert chase() == ["2026-03-15"]  # asked on 1 March: 14 days
    assert chase("--chase-after", "10") == ["2026-03-11"]
    preferences = Path(os.environ["XDG_CONFIG_HOME"]) / "sendoff" / "config.json"
    assert preferences_path() == preferences
    preferences.parent.mkdir(parents=True)
    preferences.write_text(json.dumps({"theme": "nord", "chase_after_days": 3}))
    assert chase() == ["2026-03-04"]
    assert chase("--chase-after", "10") == ["2026-03-11"]  # the option wins

    preferences.write_text(json.dumps({"chase_after_days": "soon"}))
    told = sendoff("due", "--db", str(db_path), "--kind", "chase")
    assert told.returncode == 0 and told.stdout.startswith("2026-03-15")
    assert "chase_after_days should be a whole number of days" in told.stderr
    bad = sendoff("due", "--db", str(db_path), "--chase-after", "0")
    assert bad.returncode == 2 and "give 1 up to 365" in bad.stderr


def uid(item: dict) -> str:
    if item["follow_up_id"] is not None:
        return f"{item['follow_up_id']}-{item['client_id']}@sendoff"
    return f"{item['kind']}-{item['item_id']}-{item['client_id']}@sendoff"


@pytest.mark.parametrize("index", ["kept", "removed"])
def test_a_calendar_app_sees_exactly_what_due_lists_over_a_year(db_path: Path, tmp_path: Path,
                                                               index: str) -> None:
    """Each coming date `due --json` lists in a year is an event's date in the export, and no
    other; an overdue one is the first date its event has. From the index or without it."""
    promising_db(db_path)
    if index == "removed":
        index_path(db_path).unlink()
    out = tmp_path / "promises.ics"
    done = sendoff("export-ics", "--db", str(db_path), "-o", str(out), "--chase-after", "20")
    assert done.returncode == 0, done.stderr
    last = TODAY + timedelta(days=365)
    listed = due_json(db_path, "--within", "365", "--chase-after", "20")
    assert {item["kind"] for item in listed} == EVERY_KIND

    calendar = Calendar.from_ical(out.read_bytes())
    assert not calendar.walk("VTODO")
    expanded: dict[str, set[date]] = defaultdict(set)
    for event in recurring_ical_events.of(calendar).between(date(2020, 1, 1),
                                                            last + timedelta(days=1)):
        expanded[str(event["UID"])].add(event["DTSTART"].dt)
    coming: dict[str, set[date]] = defaultdict(set)
    for item in listed:
        day = date.fromisoformat(item["date"])
        if item["overdue"]:
            assert min(expanded[uid(item)]) == day, item
        else:
            coming[uid(item)].add(day)
    assert {key: {day for day in days if day >= TODAY} for key, days in expanded.items()} == {
        key: coming.get(key, set()) for key in expanded}
    assert set(coming) <= set(expanded)
    assert f"Wrote {len(expanded)} dated promises to {out}" in done.stdout
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert {"Acme — Chase the testimonial", "Acme — Release: Source code",
            "Acme — Due: Launch the shop"} <= summaries


def test_the_kinds_the_command_line_takes_are_the_kinds_there_are() -> None:
    from storage.views.promises import PromiseKind
    from tui.cli import _KINDS

    assert _KINDS == tuple(kind.value for kind in PromiseKind)
    assert set(_KINDS) == EVERY_KIND
