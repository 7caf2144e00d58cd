"""`sendoff due`: run as a shell prompt or cron would, a real process on a real data file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact, ForwardItem
from storage.records.follow_up import FollowUp
from tests.cli_process import sendoff

ROOT = Path(__file__).resolve().parent.parent



@pytest.fixture
def agenda_db(db_path: Path) -> Path:
    """Today is 2026-03-15 (conftest)."""
    twice = FollowUp.from_preset("twice-a-year", date(2025, 9, 1))
    twice.handled_through = date(2025, 9, 1)  # next: 2026-03-01, overdue
    with Repository(db_path) as repo:
        repo.add_client(Client(
            name="Acme Analytics",
            follow_ups=[twice, FollowUp.from_preset("monthly", date(2026, 3, 20))],
            forward_queue=[ForwardItem("Grant for shops", date(2026, 3, 1))],
        ))
        repo.add_client(Client(
            name="Evil\x1b[2J\nCorp",
            follow_ups=[FollowUp.from_cadence("Coffee", 30, date(2025, 1, 1))],
            contacts=[Contact(on=date(2026, 2, 13), channel="email")],  # next: 2026-03-15
        ))
        repo.add_client(Client(name="Gone", archived=True,
                               follow_ups=[FollowUp.from_preset("monthly", date(2026, 3, 1))]))
    return db_path


def test_lists_overdue_then_each_date_aligned(agenda_db: Path) -> None:
    done = sendoff("due", "--db", str(agenda_db))

    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "2026-03-01  overdue  Acme Analytics  Twice a year\n"
        "2026-03-15  today    Evil␛[2J␊Corp   Coffee\n"
        "2026-03-20           Acme Analytics  Monthly\n"
    )
    assert done.stderr == ""


def test_within_sets_how_far_ahead(agenda_db: Path) -> None:
    none_ahead = sendoff("due", "--db", str(agenda_db), "--within", "0")
    short = sendoff("due", "--db", str(agenda_db), "--within", "35")
    month = sendoff("--db", str(agenda_db), "due", "--within", "36")  # to 2026-04-20 included

    assert [line[:10] for line in none_ahead.stdout.splitlines()] == ["2026-03-01", "2026-03-15"]
    assert [line[:10] for line in short.stdout.splitlines()] == [
        "2026-03-01", "2026-03-15", "2026-03-20"]
    # The cadence lists only its next date: the one after depends on the next contact.
    assert [line[:10] for line in month.stdout.splitlines()] == [
        "2026-03-01", "2026-03-15", "2026-03-20", "2026-04-20"]


def test_json_lists_objects_soonest_first(agenda_db: Path) -> None:
    done = sendoff("due", "--db", str(agenda_db), "--json")

    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    assert [(item["client"], item["label"], item["date"], item["overdue"]) for item in items] == [
        ("Acme Analytics", "Twice a year", "2026-03-01", True),
        ("Evil\x1b[2J\nCorp", "Coffee", "2026-03-15", False),
        ("Acme Analytics", "Monthly", "2026-03-20", False),
    ]
    assert items[0]["to_forward"] == ["Grant for shops"]
    assert all(isinstance(item["client_id"], int) and item["follow_up_id"] for item in items)
    assert "\x1b" not in done.stdout, "JSON escapes control characters"


def test_nothing_due_prints_nothing_and_succeeds(db_path: Path, tmp_path: Path) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client(name="Acme", follow_ups=[
            FollowUp.from_preset("monthly", date(2026, 6, 1))]))
    done = sendoff("due", "--db", str(db_path))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert json.loads(sendoff("due", "--db", str(db_path), "--json").stdout) == []


@pytest.mark.parametrize("command", [["due"], ["due", "--json"], ["export-ics", "-o", "out.ics"],
                                     ["export-handover", "Acme"],
                                     ["message", "Acme", "check-in"]])
def test_a_missing_data_file_is_an_error_not_an_empty_book(tmp_path: Path, command) -> None:
    """A cron job must hear that the file it reads is gone, not that nothing is due."""
    missing = tmp_path / "no-such-file.json"
    done = subprocess.run([sys.executable, "-m", "tui", "--db", str(missing), *command],
                          capture_output=True, text=True, cwd=tmp_path, env=os.environ.copy(),
                          timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == (f"sendoff: There is no data file at {missing}. Start Sendoff "
                           "(`sendoff`) to create it, write a demo with `sendoff demo`, or "
                           "choose another with --db.\n")
    assert not missing.exists() and not (tmp_path / "out.ics").exists()


def test_works_while_the_app_holds_the_writer_lock(agenda_db: Path) -> None:
    with Repository(agenda_db):  # as the open app does
        done = sendoff("due", "--db", str(agenda_db))
    assert done.returncode == 0, done.stderr
    assert "Acme Analytics" in done.stdout


@pytest.mark.parametrize("within", ["-1", "soon", "2.5", "99999"])
def test_a_bad_window_is_explained(agenda_db: Path, within: str) -> None:
    done = sendoff("due", "--db", str(agenda_db), f"--within={within}")
    assert done.returncode != 0 and done.stdout == ""
    assert "--within" in done.stderr and within in done.stderr


def test_a_damaged_file_is_named_and_left_alone(db_path: Path) -> None:
    db_path.write_text('{"clients": {"1": {"name": "Acme"')
    done = sendoff("due", "--db", str(db_path))
    assert done.returncode == 1 and done.stdout == ""
    assert str(db_path) in done.stderr and "damaged" in done.stderr
    assert "Traceback" not in done.stderr
    assert db_path.read_text() == '{"clients": {"1": {"name": "Acme"'


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_due_imports_neither_textual_nor_icalendar(agenda_db: Path, extra: list[str]) -> None:
    script = (
        "import sys\n"
        "from tui.cli import main\n"
        f"code = main({['due', '--db', str(agenda_db), *extra]!r})\n"
        "heavy = {'textual', 'icalendar', 'rich'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, env=os.environ.copy(), timeout=60)
    assert done.returncode == 0, done.stderr


def test_export_ics_does_not_import_textual(agenda_db: Path, tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from tui.cli import main\n"
        f"code = main(['export-ics', '--db', {str(agenda_db)!r}, '-o', "
        f"{str(tmp_path / 'f.ics')!r}])\n"
        "assert 'textual' not in sys.modules\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, env=os.environ.copy(), timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("today", ["2026-03-15", "2026-05-14", "2027-03-15"])
def test_due_answers_from_the_index_on_any_later_day_without_reading_the_data_file(
        agenda_db: Path, today: str) -> None:
    """A year on, the stored dates of every rule stop short: each is evaluated from the index,
    the data file is not parsed (its reader, the repository, is never imported), and the list
    is the one the data file gives."""
    script = (
        "import sys\n"
        "from tui.cli import main\n"
        f"code = main(['due', '--json', '--within', '30', '--db', {str(agenda_db)!r}])\n"
        "read = {'storage.persistence.repository', 'tinydb'} & set(sys.modules)\n"
        "assert not read, read\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "SENDOFF_TODAY": today}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    from storage.views.agenda import due

    with Repository(agenda_db, writable=False) as repository:
        everyone = repository.clients()
    expected = [item.to_json() for item in due(everyone, date.fromisoformat(today), 30)]
    listed = [{key: item[key] for key in shown} for item, shown in
              zip(json.loads(done.stdout), expected, strict=True)]
    assert listed == expected
    assert expected, "something is due on each of these days"


@pytest.mark.parametrize("index", ["kept", "removed"])
def test_json_names_the_person_and_the_engagement_where_they_apply(db_path: Path,
                                                                   index: str) -> None:
    """A birthday is a person's; a returning client's dates belong to their current engagement.
    From the index, or from the data file without it, as from the clients themselves."""
    from storage.changes.engagements import start_engagement
    from storage.changes.in_touch import add_follow_up
    from storage.records.engagement import Engagement
    from storage.records.person import Person
    from storage.views.agenda import due
    from storage.views.index_file import index_path

    client = Client.new("Northwind", contact_person="Ana")
    client.people.append(Person("Bo Lind", role="CTO"))
    birthday = FollowUp.from_preset("birthday", date(2026, 3, 1), birthday=date(1980, 3, 20))
    birthday.person_id = client.people[1].id
    add_follow_up(client, birthday, date(1980, 3, 20))
    start_engagement(client, Engagement(title="Online shop"), date(2026, 1, 5))
    with Repository(db_path) as repo:
        repo.add_client(client)
        repo.add_client(Client("Acme", follow_ups=[FollowUp.from_preset("monthly",
                                                                       date(2026, 3, 20))]))
        everyone = repo.clients()
    if index == "removed":
        index_path(db_path).unlink()
    done = sendoff("due", "--db", str(db_path), "--json", "--within", "10")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    assert [(item["client"], item["label"], item["person"], item["engagement"])
            for item in listed] == [("Acme", "Monthly", None, None),
                                    ("Northwind", "Birthday", "Bo Lind", "Online shop")]
    lines = sendoff("due", "--db", str(db_path), "--within", "10").stdout.splitlines()
    assert lines[1].split("  ")[-1] == "Birthday (Bo Lind)", lines
    expected = due(everyone, date(2026, 3, 15), 10)
    assert [(item.person, item.engagement) for item in expected] == [
        ("", ""), ("Bo Lind", "Online shop")]
