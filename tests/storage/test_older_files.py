"""A data file written by an earlier Sendoff opens in this one: checked clean, read as it was
written, and brought to today's shape on the first open that may write, its old bytes kept as
the newest backup. Each fixture was written by `sendoff demo --clients 6`
(SENDOFF_TODAY=2026-03-15): ``schema-1-before-dates`` at commit 855cf6a, before work, handover
and testimonial dates were kept; ``schema-1-with-dates`` at 62f6453, the last release before
clients held engagements and people. Each later change of the file's shape adds its own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from storage.changes.work import tick
from storage.demo import demo_clients
from storage.outputs.check import check_file
from storage.persistence.filestore import backup_path
from storage.persistence.repository import Repository
from storage.persistence.schema import SCHEMA_VERSION
from storage.records.work import WorkStatus

FIXTURES = Path(__file__).parents[1] / "fixtures"
SCHEMA_1 = ["schema-1-before-dates.json", "schema-1-with-dates.json"]
STEPS = ("contract", "work", "handover", "interview")


@pytest.fixture(params=SCHEMA_1)
def fixture(request) -> Path:
    return FIXTURES / request.param


def _copy(tmp_path: Path, fixture: Path) -> Path:
    path = tmp_path / "sendoff.json"
    shutil.copyfile(fixture, path)
    return path


def test_it_checks_clean_and_a_reader_leaves_it_as_it_is(tmp_path, pinned_today, fixture) -> None:
    path = _copy(tmp_path, fixture)
    assert check_file(path).ok
    with Repository(path, writable=False) as repository:
        clients = repository.clients(include_archived=True)
    assert path.read_bytes() == fixture.read_bytes()
    assert [client.name for client in clients] == sorted(
        (client.name for client in demo_clients(6, 1)), key=str.casefold)


def test_the_first_writer_migrates_it_and_keeps_the_old_bytes(tmp_path, pinned_today,
                                                              fixture) -> None:
    path = _copy(tmp_path, fixture)
    with Repository(path):
        pass
    migrated = json.loads(path.read_text())
    assert migrated["meta"] == {"1": {"schema": SCHEMA_VERSION}}
    assert all("engagements" in doc and "contract" not in doc
               for doc in migrated["clients"].values())
    assert backup_path(path, 1).read_bytes() == fixture.read_bytes()
    assert check_file(path).ok
    written = path.read_bytes()
    with Repository(path):
        pass
    assert path.read_bytes() == written, "migrated once, not on every open"


def test_its_clients_read_as_written(tmp_path, pinned_today, fixture) -> None:
    written = json.loads(fixture.read_text())["clients"]
    with Repository(_copy(tmp_path, fixture)) as repository:
        for key, document in written.items():
            client = repository.client(int(key))
            assert [client.name, client.industry, client.notes, client.archived] == [
                document[name] for name in ("name", "industry", "notes", "archived")]
            assert [client.contact_person, client.email, client.phone] == [
                document[name] for name in ("contact_person", "email", "phone")]
            assert (client.birthday and client.birthday.isoformat()) == document["birthday"]
            [engagement] = client.engagements
            assert engagement is client.current
            assert engagement.project_kind == document["project_kind"]
            stored = engagement.to_dict()
            assert {step: stored[step] for step in STEPS} == {
                step: document[step] for step in STEPS}
            assert [item.to_dict() for item in client.contacts] == document["contacts"]
            birthdays = [item for item in client.follow_ups if item.preset == "birthday"]
            assert all(item.person_id == client.main_person.id for item in birthdays)


def test_a_change_saves_it_in_the_new_shape(tmp_path, pinned_today, fixture) -> None:
    path = _copy(tmp_path, fixture)
    with Repository(path) as repository:
        client = next(client for client in repository.clients()
                      if any(item.status is WorkStatus.OPEN for item in client.work))
        open_item = next(item for item in client.work if item.status is WorkStatus.OPEN)
        tick(client, open_item.id)
        repository.save_client(client)
    stored = json.loads(path.read_text())["clients"][str(client.id)]
    [engagement] = stored["engagements"]
    ticked = next(item for item in engagement["work"] if item["id"] == open_item.id)
    assert ticked["done_on"] == pinned_today.isoformat()
    assert check_file(path).ok
