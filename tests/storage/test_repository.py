"""The repository over a real file: round trips, undo, validation, versions, locking."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from storage.errors import (
    DataFileDamaged,
    DataFileInUse,
    DataFileReadOnly,
    DataFileTooNew,
    ValidationError,
)
from storage.persistence.repository import UNDO_DEPTH, ClientNotFound, Repository, Undoable
from storage.persistence.schema import SCHEMA_VERSION
from storage.records.client import Client
from storage.records.contract import ContractKind, NoticeGivenBy, NoticePeriod, NoticeUnit
from storage.records.work import WorkItem, WorkStatus


def test_opening_a_missing_file_creates_nothing(db_path):
    with Repository(db_path, writable=False) as repository:
        assert repository.clients() == []
    assert not db_path.exists()


def test_first_client_creates_a_private_versioned_file(repo, db_path):
    repo.add_client(Client(name="Acme"))
    assert db_path.stat().st_mode & 0o777 == 0o600
    stored = json.loads(db_path.read_text())
    assert stored["meta"] == {"1": {"schema": SCHEMA_VERSION}}
    assert [doc["name"] for doc in stored["clients"].values()] == ["Acme"]


def test_saved_changes_are_on_disk_for_the_next_session(repo, read_back):
    client = repo.add_client(Client(name="Acme"))
    client.contract.kind = ContractKind.RETAINER
    client.contract.notice = NoticePeriod(1, NoticeUnit.MONTHS)
    client.contract.notice_given_on = date(2026, 1, 31)
    client.contract.notice_given_by = NoticeGivenBy.CLIENT
    client.work.append(WorkItem(title="Fix the footer", due=date(2026, 2, 10)))
    repo.save_client(client)
    [stored] = read_back()
    assert stored == client
    assert stored.contract.notice_end == date(2026, 2, 28)


def test_records_handed_out_are_copies(repo):
    client = repo.add_client(Client.new(name="Acme", work=[WorkItem(title="Logo")]))
    copy = repo.client(client.id)
    copy.work[0].title = "Changed but not saved"
    copy.work.append(WorkItem(title="Not saved either"))
    again = repo.client(client.id)
    assert [item.title for item in again.work] == ["Logo"]


def test_invalid_client_is_refused_and_nothing_is_written(repo, db_path):
    client = repo.add_client(Client(name="Acme"))
    before = db_path.read_bytes()
    client.name = "   "
    with pytest.raises(ValidationError) as caught:
        repo.save_client(client)
    assert caught.value.field == "name"
    client.name = "Acme"
    client.contract.start = date(2026, 5, 1)
    client.contract.planned_last_day = date(2026, 4, 1)
    with pytest.raises(ValidationError) as caught:
        repo.save_client(client)
    assert caught.value.field == "planned_last_day"
    assert db_path.read_bytes() == before


def test_undo_reverts_add_change_and_delete(repo, read_back):
    acme = repo.add_client(Client(name="Acme"))
    acme.work.append(WorkItem(title="Logo"))
    repo.save_client(acme, what="add Logo")
    beta = repo.add_client(Client(name="Beta"))
    repo.delete_client(acme.id)
    assert [c.name for c in read_back()] == ["Beta"]
    assert repo.undo() == "delete Acme"
    assert [c.name for c in read_back()] == ["Acme", "Beta"]
    assert repo.client(acme.id).work[0].title == "Logo"
    assert repo.undo() == "add Beta"
    assert repo.undo() == "add Logo"
    assert repo.client(acme.id).work == []
    assert repo.undo() == "add Acme"
    assert read_back() == [] and repo.undo() is None
    assert beta.id is not None


def test_work_item_status_survives_the_round_trip(repo, read_back):
    client = repo.add_client(Client.new(name="Acme", work=[WorkItem(title="Logo")]))
    client.work[0].status = WorkStatus.DROPPED
    repo.save_client(client)
    assert read_back()[0].work[0].status is WorkStatus.DROPPED


def test_archived_clients_are_hidden_unless_asked(repo):
    repo.add_client(Client(name="Old", archived=True))
    repo.add_client(Client(name="Current"))
    assert [c.name for c in repo.clients()] == ["Current"]
    assert [c.name for c in repo.clients(include_archived=True)] == ["Current", "Old"]


def test_find_client_by_name_or_unique_prefix(repo):
    repo.add_client(Client(name="Acme Analytics"))
    repo.add_client(Client(name="Acme Bakery"))
    repo.add_client(Client(name="Beta"))
    assert repo.find_client("beta").name == "Beta"
    assert repo.find_client("Acme B").name == "Acme Bakery"
    with pytest.raises(ClientNotFound, match="'acme' matches 2 clients"):
        repo.find_client("acme")
    with pytest.raises(ClientNotFound, match="No client"):
        repo.find_client("Gamma")
    assert repo.find_client(" #2 ").name == "Acme Bakery"
    with pytest.raises(ClientNotFound, match="There is no client #4"):
        repo.find_client("#4")


def test_unversioned_file_is_migrated_on_open(db_path, read_back):
    db_path.write_text(json.dumps({"clients": {"1": {"name": "Legacy"}}}))
    with Repository(db_path) as repository:
        assert [c.name for c in repository.clients()] == ["Legacy"]
    assert json.loads(db_path.read_text())["meta"] == {"1": {"schema": SCHEMA_VERSION}}
    assert [c.name for c in read_back()] == ["Legacy"]


def test_file_from_a_newer_sendoff_is_refused_untouched(db_path):
    content = json.dumps({"meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "clients": {}})
    db_path.write_text(content)
    with pytest.raises(DataFileTooNew, match=str(db_path)):
        Repository(db_path)
    assert db_path.read_text() == content


def test_a_document_with_bad_values_is_reported_as_damage(db_path):
    content = json.dumps({"meta": {"1": {"schema": 1}},
                          "clients": {"1": {"name": "Acme", "birthday": "2026-02-30"}}})
    db_path.write_text(content)
    for writable in (False, True):
        with pytest.raises(DataFileDamaged, match=r"client #1 \(Acme\): birthday: .* 28 days"):
            Repository(db_path, writable=writable)
    assert db_path.read_text() == content


def test_a_second_writer_in_another_process_is_refused(repo, db_path):
    repo.add_client(Client(name="Acme"))
    before = db_path.read_bytes()
    script = (
        "import sys\n"
        "from storage.persistence.repository import Repository\n"
        "from storage.errors import DataFileInUse\n"
        "try:\n"
        f"    Repository({str(db_path)!r})\n"
        "except DataFileInUse as error:\n"
        "    print(error)\n"
        "    sys.exit(3)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    assert "in use" in done.stdout and str(db_path) in done.stdout
    assert f"process {os.getpid()}" in done.stdout
    assert db_path.read_bytes() == before


def test_readers_do_not_need_the_lock(repo, db_path):
    repo.add_client(Client(name="Acme"))
    with Repository(db_path, writable=False) as reader:
        assert [c.name for c in reader.clients()] == ["Acme"]
        with pytest.raises(DataFileReadOnly):  # a DataFileError, which the app shows
            reader.add_client(Client(name="Nope"))


def test_the_same_process_cannot_open_two_writers(repo, db_path):
    with pytest.raises(DataFileInUse):
        Repository(db_path)


def test_redo_takes_again_what_undo_took_back(repo, read_back):
    acme = repo.add_client(Client(name="Acme"))
    acme.work.append(WorkItem(title="Logo"))
    repo.save_client(acme, what="add Logo")
    assert repo.next_undo == Undoable(acme.id, "add Logo", removes_client=False)
    assert repo.next_redo is None
    assert repo.undo() == "add Logo"
    assert repo.next_undo == Undoable(acme.id, "add Acme", removes_client=True)
    assert repo.next_redo.what == "add Logo"
    assert repo.undo() == "add Acme"
    assert read_back() == []
    assert repo.redo() == "add Acme"
    assert [c.name for c in read_back()] == ["Acme"]
    assert repo.redo() == "add Logo"
    assert [item.title for item in repo.client(acme.id).work] == ["Logo"]
    assert repo.redo() is None
    repo.delete_client(acme.id)
    assert repo.undo() == "delete Acme" and repo.redo() == "delete Acme"
    assert read_back() == []


def test_a_new_change_clears_what_could_be_redone(repo):
    acme = repo.add_client(Client(name="Acme"))
    acme.notes = "first"
    repo.save_client(acme, what="note")
    repo.undo()
    assert repo.next_redo.what == "note"
    repo.add_client(Client(name="Beta"))
    assert repo.next_redo is None and repo.redo() is None


def test_the_next_undo_and_redo_say_whether_they_take_a_client_away(repo):
    acme = repo.add_client(Client(name="Acme"))
    assert repo.next_undo.removes_client
    acme.notes = "first"
    repo.save_client(acme, what="note")
    assert not repo.next_undo.removes_client
    repo.undo()
    assert repo.next_undo.removes_client
    repo.undo()
    assert repo.next_undo is None and not repo.next_redo.removes_client  # adds Acme again
    repo.redo()
    repo.delete_client(acme.id)
    repo.undo()
    assert repo.next_redo.removes_client


def test_undo_and_redo_are_bounded(repo):
    acme = repo.add_client(Client(name="Acme"))
    for number in range(UNDO_DEPTH + 5):
        acme.notes = str(number)
        repo.save_client(acme, what=f"note {number}")
    undone = 0
    while repo.undo() is not None:
        undone += 1
    assert undone == UNDO_DEPTH
    redone = 0
    while repo.redo() is not None:
        redone += 1
    assert redone == UNDO_DEPTH
    assert repo.client(acme.id).notes == str(UNDO_DEPTH + 4)
