"""A data file written by an earlier Sendoff opens in this one, unchanged until the first save,
and every client in it reads as it was written. The fixture was written by `sendoff demo
--clients 6` (SENDOFF_TODAY=2026-03-15) at commit 855cf6a, before work, handover and testimonial
dates were kept; each later change of the file's shape adds its own test here."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from storage.changes.work import tick
from storage.demo import demo_clients
from storage.outputs.check import check_file
from storage.persistence.repository import Repository
from storage.records.work import WorkStatus

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema-1-before-dates.json"


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "sendoff.json"
    shutil.copyfile(FIXTURE, path)
    return path


def test_it_checks_clean_and_opens_without_being_rewritten(tmp_path, pinned_today) -> None:
    path = _copy(tmp_path)
    assert check_file(path).ok
    with Repository(path) as repository:
        clients = repository.clients(include_archived=True)
    assert path.read_bytes() == FIXTURE.read_bytes(), "nothing saved, nothing written"
    assert [client.name for client in clients] == sorted(
        (client.name for client in demo_clients(6, 1)), key=str.casefold)


def test_its_clients_read_as_written_the_new_dates_unknown(tmp_path, pinned_today) -> None:
    path = _copy(tmp_path)
    written = json.loads(FIXTURE.read_text())["clients"]
    with Repository(path, writable=False) as repository:
        for key, document in written.items():
            client = repository.client(int(key))
            stored = client.to_dict()
            assert {name: stored[name] for name in document if name not in (
                "glance", "work", "handover", "interview", "follow_ups")} == {
                name: value for name, value in document.items() if name not in (
                    "glance", "work", "handover", "interview", "follow_ups")}
            assert [item.title for item in client.work] == [
                item["title"] for item in document["work"]]
            assert all(item.done_on is None for item in client.work)
            assert all(item.handed_over_on is None for item in client.handover)
            assert client.interview.testimonial_received_on is None


def test_a_change_saves_it_in_the_new_shape(tmp_path, pinned_today) -> None:
    path = _copy(tmp_path)
    with Repository(path) as repository:
        client = next(client for client in repository.clients()
                      if any(item.status is WorkStatus.OPEN for item in client.work))
        open_item = next(item for item in client.work if item.status is WorkStatus.OPEN)
        tick(client, open_item.id)
        repository.save_client(client)
    stored = json.loads(path.read_text())["clients"][str(client.id)]
    ticked = next(item for item in stored["work"] if item["id"] == open_item.id)
    assert ticked["done_on"] == pinned_today.isoformat()
    assert check_file(path).ok
