"""`sendoff log`, `done`, `snooze`, `forward` and `add` with no app running: real processes on a
real data file, each applied at once and said in one line; bad input stores nothing."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from storage.changes.captured import entry
from storage.persistence import inbox
from storage.persistence.inbox import inbox_path
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.follow_up import FollowUp
from storage.records.person import Person
from tests.cli_process import sendoff


@pytest.fixture
def book(db_path: Path) -> Path:
    """Today is 2026-03-15 (conftest): Acme's monthly check-in is due on 2026-03-20."""
    with Repository(db_path) as repo:
        repo.add_client(Client(
            name="Acme Analytics", people=[Person("Dana Reyes")],
            follow_ups=[FollowUp.from_preset("monthly", date(2026, 3, 20)),
                        FollowUp.from_preset("twice-a-year", date(2026, 6, 1))]))
        repo.add_client(Client(name="Acme Bakery"))
    return db_path


def acme(path: Path) -> Client:
    with Repository(path, writable=False) as repo:
        return repo.find_client("Acme Analytics")


def test_each_command_applies_its_change_and_says_so_in_a_line(book: Path) -> None:
    db = ("--db", str(book))
    said = [sendoff(*args, *db) for args in (
        ("forward", "#1", "Grant for shops", "--link", "https://example.org/grant"),
        ("log", "acme an", "Coffee\x1b[2J, new project", "--person", "dana",
         "--channel", "coffee", "--on", "2026-03-10"),
        ("done", "Acme Analytics"),
        ("snooze", "#1", "twice", "--to", "2026-06-10"),
        ("add", "Blue\x1b[31mHeron", "--person", "Ana Souza", "--email", "ana@heron.example"),
    )]

    assert [(done.returncode, done.stderr) for done in said] == [(0, "")] * 5
    assert [done.stdout for done in said] == [
        "Queued “Grant for shops” (https://example.org/grant) to forward to Acme Analytics at "
        "the next contact\n",
        "Logged a contact with Dana Reyes of Acme Analytics on 2026-03-10 (coffee)\n",
        "Marked “Monthly” of Acme Analytics done (it was due 2026-03-20)\n",
        "Snoozed “Twice a year” of Acme Analytics from 2026-06-01 to 2026-06-10\n",
        "Added Blue␛[31mHeron\n",
    ]
    client = acme(book)
    logged, done = client.contacts
    assert (logged.on, logged.channel, logged.note, logged.person_id) == (
        date(2026, 3, 10), "coffee", "Coffee\x1b[2J, new project", client.people[0].id)
    assert logged.forwarded == ["Grant for shops (https://example.org/grant)"]  # sent with it
    assert (done.on, done.follow_up_id) == (date(2026, 3, 15), client.follow_ups[0].id)
    assert client.follow_ups[0].next_due(last_contact=client.last_contact) == date(2026, 4, 20)
    assert client.follow_ups[1].next_due(last_contact=client.last_contact) == date(2026, 6, 10)
    assert client.forward_queue == []
    with Repository(book, writable=False) as repo:
        added = repo.find_client("blue")
    assert (added.name, added.main_person.name, added.email) == (
        "Blue\x1b[31mHeron", "Ana Souza", "ana@heron.example")
    assert inbox_path(book).stat().st_size == 0  # each applied, none waits
    assert inbox_path(book).stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(("args", "message"), [
    (("log", "Nobody", "hi"), "No client is called 'Nobody'"),
    (("log", "acme", "hi"), "'acme' matches 2 clients"),
    (("log", "#1", "hi", "--person", "Zed"), "'Zed' is none of the people at Acme Analytics"),
    (("log", "#1", "hi", "--on", "2026-02-30"), "argument --on: "),
    (("done", "#1", "weekly"), "'weekly' is none of the follow-ups of Acme Analytics: "
                               "Monthly, Twice a year"),
    (("done", "#2"), "Acme Bakery has no follow-up with a date to come"),
    (("snooze", "#1", "monthly", "--to", "2026-03-01"), "to: snooze to a day after 2026-03-20; "
                                                          "2026-03-01 is not later"),
    (("forward", "#1", "  "), "What to forward"),
    (("add", "acme bakery"), "#2 is already called 'Acme Bakery'"),
])
def test_bad_input_is_told_and_nothing_is_stored(book: Path, args: tuple[str, ...],
                                                 message: str) -> None:
    before = book.read_bytes(), book.with_name(f"{book.name}.journal").exists()

    done = sendoff(*args, "--db", str(book))

    assert done.returncode == (2 if done.stderr.startswith("usage: ") else 1)
    assert done.stdout == "" and message in done.stderr
    assert "Traceback" not in done.stderr
    assert (book.read_bytes(), book.with_name(f"{book.name}.journal").exists()) == before
    assert not inbox_path(book).exists() or inbox_path(book).stat().st_size == 0


def test_what_waits_in_the_inbox_is_applied_first_and_said(book: Path) -> None:
    """As an app killed before it applied an entry leaves it: the next command applies it."""
    waiting = entry("forward", 1, "Queued “Old news” to forward to Acme Analytics",
                    text="Old news", link="", added_on=date(2026, 3, 14))
    inbox.append(book, waiting)

    done = sendoff("forward", "#1", "New\tnews", "--db", str(book))

    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == ("Applied from the inbox: Queued “Old news” to forward to Acme "
                           "Analytics\n"
                           "Queued “New␉news” to forward to Acme Analytics at the next contact\n")
    assert [item.text for item in acme(book).forward_queue] == ["Old news", "New\tnews"]


def test_a_missing_data_file_is_told(tmp_path: Path) -> None:
    done = sendoff("log", "Acme", "hi", "--db", str(tmp_path / "none.json"))

    assert done.returncode == 1 and "none.json" in done.stderr
    assert not os.path.exists(tmp_path / "none.json")
