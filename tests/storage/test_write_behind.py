"""Background writes: in order, never lost on close, failures reported and retried."""

from __future__ import annotations

import threading

import orjson
import pytest
from tinydb import TinyDB

from storage.errors import WriteFailed
from storage.persistence import file_layout
from storage.persistence.filestore import SafeJSONStorage


def on_disk(path) -> dict:
    return orjson.loads(path.read_bytes())


def test_every_change_reaches_the_file_in_order_by_close(tmp_path):
    path = tmp_path / "data.json"
    db = TinyDB(path, storage=SafeJSONStorage, background=True)
    table = db.table("clients")
    for number in range(200):
        table.insert({"n": number})
    table.remove(doc_ids=[1])
    db.close()
    stored = on_disk(path)["clients"]
    assert [doc["n"] for doc in stored.values()] == list(range(1, 200))


def test_flush_waits_until_the_newest_state_is_on_disk(tmp_path):
    path = tmp_path / "data.json"
    storage = SafeJSONStorage(path, background=True)
    storage.read()
    for number in range(50):
        storage.write({"t": {"1": {"n": number}}})
    storage.flush()
    assert on_disk(path) == {"t": {"1": {"n": 49}}}
    storage.close()


def test_write_returns_before_the_disk_is_touched(tmp_path):
    path = tmp_path / "data.json"
    release = threading.Event()
    storage = SafeJSONStorage(path, background=True)
    storage.read()
    real_write = storage._write_now

    def slow_write(data):
        release.wait(10)
        real_write(data)

    storage._writer._write = slow_write
    storage.write({"t": {"1": {"n": 1}}})
    assert not path.exists(), "the UI thread must not wait for the disk"
    assert storage.read() == {"t": {"1": {"n": 1}}}, "the change is in memory at once"
    release.set()
    storage.close()
    assert on_disk(path) == {"t": {"1": {"n": 1}}}


def test_a_snapshot_is_not_disturbed_by_later_changes(tmp_path):
    path = tmp_path / "data.json"
    release = threading.Event()
    storage = SafeJSONStorage(path, background=True)
    tables = {"t": {"1": {"n": 1}}}
    storage.read()
    real_write, seen = storage._write_now, []

    def record(data):
        release.wait(10)
        seen.append(orjson.dumps(data))
        real_write(data)

    storage._writer._write = record
    storage.write(tables)
    tables["t"]["2"] = {"n": 2}  # the next change replaces or adds documents, never edits one
    release.set()
    storage.flush()
    assert orjson.loads(seen[0]) == {"t": {"1": {"n": 1}}}
    storage.write(tables)
    storage.close()
    assert on_disk(path) == {"t": {"1": {"n": 1}, "2": {"n": 2}}}


def test_a_failed_write_is_reported_kept_and_retried(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    path = folder / "data.json"
    failures = []
    storage = SafeJSONStorage(path, background=True, on_error=failures.append)
    storage.read()
    folder.rmdir()
    folder.write_text("a file where the folder was")  # writing now fails, even as root
    storage.write({"t": {"1": {"n": 1}}})
    with pytest.raises(WriteFailed):
        storage.flush()
    assert failures and isinstance(failures[0], WriteFailed)
    assert storage.read() == {"t": {"1": {"n": 1}}}, "the change is kept in memory"
    folder.unlink()
    folder.mkdir()
    storage.flush()  # retried: the newest state now reaches the disk
    assert on_disk(path) == {"t": {"1": {"n": 1}}}
    storage.close()


def test_the_file_is_the_same_json_whether_documents_were_reused_or_not(tmp_path):
    path = tmp_path / "data.json"
    storage = SafeJSONStorage(path, background=True)
    storage.read()
    tables = {"clients": {str(n): {"name": f"Client {n}", "tags": [n, "x"]} for n in range(1, 50)},
              "meta": {"1": {"schema": 1}}}
    storage.write({name: dict(table) for name, table in tables.items()})
    storage.flush()
    tables["clients"]["7"] = {"name": "Replaced", "tags": []}
    del tables["clients"]["8"]
    tables["clients"]["99"] = {"name": "New \u00e9\u2603 \"quoted\""}
    storage.write({name: dict(table) for name, table in tables.items()})
    storage.close()
    assert on_disk(path) == tables
    assert path.read_bytes() == file_layout.dump(tables)[0], "as if nothing had been reused"
