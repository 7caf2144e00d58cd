"""`sendoff clients`: run as a real process against a real data file; the numbers it shows name
the clients in every other command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.follow_up import FollowUp
from storage.records.work import WorkItem
from storage.views.index_file import index_path
from tests.cli_process import sendoff


@pytest.fixture
def book(db_path: Path) -> Path:
    with Repository(db_path) as repo:
        repo.add_client(Client.new(name="Northwind", contact_person="Ana Souza",
                               work=[WorkItem(title="Ship it")],
                               follow_ups=[FollowUp.from_rule("Monthly", "FREQ=MONTHLY",
                                                              date(2026, 3, 1))]))
        repo.add_client(Client.new(name="Acme [bold]Ltd[/]\x1b[2J", contact_person="Bo"))
        repo.add_client(Client(name="Old Co", archived=True))
    return db_path


def test_lists_the_clients_at_work_by_name_with_their_numbers(book: Path) -> None:
    result = sendoff("clients", "--db", str(book))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "#2  Acme [bold]Ltd[/]\u241b[2J  Bo         1 Stand",
        "#1  Northwind              Ana Souza  1 Stand  next 2026-03-01 (overdue): Monthly",
    ]


def test_archived_clients_only_when_asked_and_marked(book: Path) -> None:
    lines = sendoff("clients", "--archived", "--db", str(book)).stdout.splitlines()
    assert [line.split("  ")[0] for line in lines] == ["#2", "#1", "#3"]
    assert lines[2].startswith("#3  Old Co (archived)")


def test_json_gives_what_a_script_needs(book: Path) -> None:
    result = sendoff("clients", "--json", "--archived", "--db", str(book))
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [(client["id"], client["name"], client["archived"]) for client in listed] == [
        (2, "Acme [bold]Ltd[/]\x1b[2J", False), (1, "Northwind", False), (3, "Old Co", True)]
    assert listed[1] == {"id": 1, "name": "Northwind", "contact_person": "Ana Souza",
                         "archived": False, "stage": 1,
                         "next_follow_up": {"date": "2026-03-01", "label": "Monthly",
                                            "state": "due"},
                         "last_contact": None}


def test_the_same_list_without_the_index(book: Path) -> None:
    shown = sendoff("clients", "--archived", "--db", str(book)).stdout
    index_path(book).unlink()
    assert sendoff("clients", "--archived", "--db", str(book)).stdout == shown


def test_the_numbers_it_shows_name_the_client_elsewhere(book: Path) -> None:
    number = sendoff("clients", "--db", str(book)).stdout.splitlines()[1].split()[0]
    chosen = sendoff("export-handover", number, "--db", str(book))
    assert chosen.returncode == 0, chosen.stderr
    assert chosen.stdout.startswith("# Handover for Northwind\n")


def test_no_clients_prints_nothing_and_no_file_says_so(db_path: Path, tmp_path: Path) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client(name="Gone", archived=True))
    assert sendoff("clients", "--db", str(db_path)).stdout == ""
    missing = sendoff("clients", "--db", str(tmp_path / "none.json"))
    assert missing.returncode == 1 and missing.stderr.startswith("sendoff: ")
    assert "Traceback" not in missing.stderr


@pytest.fixture
def in_and_out_of_touch(db_path: Path) -> Path:
    with Repository(db_path) as repo:
        repo.add_client(Client(name="Acme", contacts=[Contact(on=date(2026, 3, 1), channel="call")],
                               follow_ups=[FollowUp.from_rule("Monthly", "FREQ=MONTHLY",
                                                              date(2026, 4, 1))]))
        repo.add_client(Client(name="Beta", contacts=[Contact(on=date(2025, 6, 1), channel="email")],
                               follow_ups=[FollowUp.from_rule("Yearly", "FREQ=YEARLY",
                                                              date(2026, 3, 20))]))
        repo.add_client(Client(name="Cobalt"))
    return db_path


def names_listed(path: Path, *options: str) -> list[str]:
    result = sendoff("clients", "--json", "--db", str(path), *options)
    assert result.returncode == 0, result.stderr
    return [client["name"] for client in json.loads(result.stdout)]


def test_sorted_as_the_dashboard_sorts(in_and_out_of_touch: Path) -> None:
    assert names_listed(in_and_out_of_touch) == ["Acme", "Beta", "Cobalt"]
    assert names_listed(in_and_out_of_touch, "--sort", "last-contact") == [
        "Cobalt", "Beta", "Acme"]
    assert names_listed(in_and_out_of_touch, "--sort", "next-follow-up") == [
        "Beta", "Acme", "Cobalt"]


def test_lost_touch_in_six_months_by_default_or_as_many_as_asked(in_and_out_of_touch: Path
                                                                 ) -> None:
    assert names_listed(in_and_out_of_touch, "--lost-touch") == ["Beta", "Cobalt"]
    assert names_listed(in_and_out_of_touch, "--lost-touch", "12") == ["Cobalt"]
    bad = sendoff("clients", "--lost-touch", "0", "--db", str(in_and_out_of_touch))
    assert bad.returncode == 2 and "0 months: give 1 up to 1200" in bad.stderr
    assert "Traceback" not in bad.stderr
