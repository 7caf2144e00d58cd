"""The index file answers `sendoff due` and fills the dashboard exactly as reading every client
would, or not at all."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta

import pytest

from storage.demo import demo_clients
from storage.persistence.file_digest import digest_of
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.follow_up import FollowUp
from storage.views.agenda import due
from storage.views.glance import stored_document
from storage.views.index_file import (
    IndexWriter,
    due_from_index,
    index_path,
    read_due_index,
    read_index,
)
from storage.views.summary import summary_of


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("within", [0, 14, 30, 90, 365])
@pytest.mark.parametrize("later", [0, 60, 365], ids=lambda days: f"{days}-days-later")
def test_the_index_lists_exactly_what_the_engine_lists_on_any_later_day(
        tmp_path, pinned_today, seed, within, later):
    """Also once the dates stored with a follow-up stop short of the window (a rule long
    overdue, a window far ahead): the index then evaluates that follow-up's rule alone."""
    path = tmp_path / "demo.json"
    with Repository(path) as repository:
        repository.replace_all(demo_clients(40, seed))
        everyone = repository.clients()
    day = pinned_today + timedelta(days=later)
    with Repository(path, writable=False) as repository:
        assert repository.due(day, within) == due(everyone, day, within)
    indexed = read_due_index(path)
    assert indexed is not None
    assert due_from_index(indexed, day, within) == due(everyone, day, within)


def test_the_index_follows_every_save(repo, db_path, pinned_today):
    acme = repo.add_client(Client(name="Acme", follow_ups=[
        FollowUp.from_rule("Monthly", "FREQ=MONTHLY", date(2026, 3, 1))]))
    assert read_index(db_path).client_ids() == [acme.id]
    assert [item.client for item in due_from_index(read_due_index(db_path), pinned_today, 0)] == ["Acme"]
    acme.archived = True
    repo.save_client(acme)
    index = read_index(db_path)
    assert index.client_ids() == []
    assert index.client_ids(include_archived=True) == [acme.id]
    assert due_from_index(read_due_index(db_path), pinned_today, 0) == [], "archived clients are not due"
    assert index_path(db_path).stat().st_mode & 0o777 == 0o600


def test_an_index_older_than_the_data_file_is_ignored(db_path):
    with Repository(db_path) as repository:
        repository.add_client(Client(name="Acme"))
    assert read_index(db_path) is not None and read_due_index(db_path) is not None
    stored = json.loads(db_path.read_text())
    stored["clients"]["1"]["name"] = "Changed elsewhere"
    db_path.write_text(json.dumps(stored))
    assert read_index(db_path) is None and read_due_index(db_path) is None


def test_a_missing_or_damaged_index_is_ignored(repo, db_path, pinned_today):
    repo.add_client(Client(name="Acme", follow_ups=[
        FollowUp.from_rule("Monthly", "FREQ=MONTHLY", date(2026, 3, 1))]))
    header, rows, due_header, follow_up = index_path(db_path).read_bytes().split(b"\n")
    damaged = {
        "a damaged follow-up": [header, rows, due_header, b'["2026-03-01",{not'],
        "a damaged due line": [header, rows, b"{not json", follow_up],
        "rows only": [header, b"{not json"],
        "no header": [b"{not json"],
    }
    for lines in damaged.values():
        index_path(db_path).write_bytes(b"\n".join(lines))
        assert read_index(db_path) is None and read_due_index(db_path) is None
    os.unlink(index_path(db_path))
    assert read_index(db_path) is None and read_due_index(db_path) is None


def test_sendoff_due_gives_the_same_answer_without_the_index(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "demo.json"
    with Repository(path) as repository:
        repository.replace_all(demo_clients(20, 5))

    def run() -> str:
        done = subprocess.run([sys.executable, "-m", "tui", "due", "--db", str(path), "--json",
                               "--within", "30"], capture_output=True, text=True, check=True)
        return done.stdout

    with_index = run()
    os.unlink(index_path(path))
    assert run() == with_index
    assert json.loads(with_index), "the demo has follow-ups due within 30 days"


def test_a_client_stored_by_an_older_sendoff_is_indexed_in_full(tmp_path, pinned_today):
    path = tmp_path / "legacy.json"
    with Repository(path) as repository:
        repository.add_client(Client(name="Acme", follow_ups=[
            FollowUp.from_rule("Monthly", "FREQ=MONTHLY", date(2026, 3, 1))]))
    stored = json.loads(path.read_text())
    for follow_up in stored["clients"]["1"]["follow_ups"]:
        for derived in ("next_on", "latest", "upcoming"):
            del follow_up[derived]  # as a file written before the dates were stored
    del stored["clients"]["1"]["glance"]
    path.write_text(json.dumps(stored))
    with Repository(path) as repository:  # a session that changes nothing else
        repository.add_client(Client(name="Beta"))
        everyone = repository.clients()
        assert repository.due(pinned_today, 30) == due(everyone, pinned_today, 30)
    index = read_index(path)
    assert index.complete
    assert due_from_index(read_due_index(path), pinned_today, 30) == due(everyone, pinned_today, 30)
    assert [(item.label, item.on) for item in due(everyone, pinned_today, 30)] == [
        ("Monthly", date(2026, 3, 1)), ("Monthly", date(2026, 4, 1))]
    with Repository(path, writable=False) as repository:
        assert [repository.summary(1, pinned_today), repository.summary(2, pinned_today)] == [
            index.summary(1, pinned_today), index.summary(2, pinned_today)]


@pytest.mark.parametrize("seed", [1, 4])
def test_the_index_lists_and_summarises_clients_as_the_data_file_does(tmp_path, seed):
    path = tmp_path / "demo.json"
    with Repository(path) as repository:
        repository.replace_all(demo_clients(30, seed))
    index = read_index(path)  # the rows alone, as the dashboard reads them
    assert index is not None and index.complete
    with Repository(path, writable=False) as repository:
        for archived, matching in [(False, ""), (True, ""), (True, "a"), (False, "Design")]:
            listed = index.client_ids(include_archived=archived, matching=matching)
            assert listed == repository.client_ids(include_archived=archived, matching=matching)
        assert len(index.client_ids(include_archived=True)) == 30
        for day in (date(2026, 1, 1), date(2026, 3, 15), date(2027, 6, 30)):
            for client in repository.clients(include_archived=True):
                fresh = summary_of(client.id, stored_document(client), day)
                assert index.summary(client.id, day) == fresh == repository.summary(client.id, day)


def test_a_follow_up_without_stored_dates_sends_due_back_to_the_rules(tmp_path, pinned_today):
    data = tmp_path / "sendoff.json"
    data.write_text("{}")
    follow_up = {"id": "a", "label": "Monthly", "kind": "rule", "next_on": "2026-03-01",
                 "latest": "2026-03-15"}  # no "upcoming": a client that could not be read
    IndexWriter(data)({"clients": {"1": {"name": "Acme", "follow_ups": [follow_up]}}},
                      digest_of(b"{}"))
    assert due_from_index(read_due_index(data), pinned_today, 30) is None
    follow_up["upcoming"] = ["2026-03-01"]
    IndexWriter(data)({"clients": {"1": {"name": "Acme", "follow_ups": [follow_up]}}},
                      digest_of(b"{}"))
    assert due_from_index(read_due_index(data), pinned_today, 30) is None, (
        "without its promises stored, the client must be read too")
    IndexWriter(data)({"clients": {"1": {"name": "Acme", "follow_ups": [follow_up],
                                         "promises": []}}}, digest_of(b"{}"))
    assert [item.on for item in due_from_index(read_due_index(data), pinned_today, 30)] == [
        date(2026, 3, 1)]
