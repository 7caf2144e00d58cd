"""The inbox file itself, on real files: what a killed writer leaves, and entries of a shape no
change has, are never taken for changes, and never stop the ones after them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storage.changes.captured import entry, take_in
from storage.persistence import inbox
from storage.persistence.repository import Repository
from storage.records.client import Client


def forward(text: str) -> dict:
    return entry("forward", 1, f"Queued {text}", text=text, link="", added_on=date(2026, 3, 15))


def test_an_append_after_one_cut_short_cuts_it_away(db_path: Path) -> None:
    first, second = forward("one"), forward("two")
    inbox.append(db_path, first)
    with open(inbox.inbox_path(db_path), "ab") as file:
        file.write(b"0123abcd {\"id\": \"torn")  # a writer killed midway
    assert [item["id"] for item in inbox.entries_in(inbox.inbox_path(db_path).read_bytes())] == [
        first["id"]]

    inbox.append(db_path, second)

    raw = inbox.inbox_path(db_path).read_bytes()
    assert [item["id"] for item in inbox.entries_in(raw)] == [first["id"], second["id"]]
    assert b"torn" not in raw


def test_an_entry_no_change_has_is_refused_and_kept_and_the_rest_applied(db_path: Path,
                                                                          read_back) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client(name="Acme"))
    odd = {**forward("odd"), "added_on": "someday"}
    inbox.append(db_path, odd)
    inbox.append(db_path, forward("fine"))
    with open(inbox.inbox_path(db_path), "ab") as file:
        file.write(b"not an entry at all\n")

    with Repository(db_path) as repo:
        outcomes = take_in(db_path, repo)

    assert [(outcome.told, outcome.refused) for outcome in outcomes] == [
        ("", "it is not a change this Sendoff knows"), ("Queued fine", "")]
    assert [item.text for item in read_back()[0].forward_queue] == ["fine"]
    kept = inbox.entries_in(inbox.refused_path(db_path).read_bytes())
    assert [item["id"] for item in kept] == [odd["id"]]
    assert inbox.inbox_path(db_path).stat().st_size == 0


def test_the_app_never_waits_for_a_command_appending_and_takes_it_in_after(
        db_path: Path, read_back) -> None:
    import fcntl
    import os

    with Repository(db_path) as repo:
        repo.add_client(Client(name="Acme"))
    inbox.append(db_path, forward("later"))
    appending = os.open(inbox.inbox_path(db_path), os.O_RDWR)  # a command, midway
    fcntl.flock(appending, fcntl.LOCK_EX)
    with Repository(db_path) as repo:
        try:
            assert take_in(db_path, repo, wait=False) == []
        finally:
            os.close(appending)
        assert [outcome.told for outcome in take_in(db_path, repo, wait=False)] == [
            "Queued later"]
    assert [item.text for item in read_back()[0].forward_queue] == ["later"]
