"""SafeJSONStorage on real files: round trips, damage, refusals, backups and leftovers."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from tinydb import TinyDB

from storage.errors import DataFileChanged, DataFileDamaged, DataFileUnreadable, WriteFailed
from storage.persistence.filestore import SafeJSONStorage, backup_path, newest_good_backup

ROOT = Path(__file__).resolve().parents[2]
AS_ROOT = os.geteuid() == 0
ROOT_IGNORES_PERMISSIONS = "root reads and writes regardless of file permissions"


def open_db(path: Path, **kwargs) -> TinyDB:
    return TinyDB(path, storage=SafeJSONStorage, **kwargs)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` with its bytes, to prove nothing was written."""
    return {entry.name: entry.read_bytes() for entry in folder.iterdir() if entry.is_file()}


def write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value))


# --- round trip -------------------------------------------------------------------------------


def test_round_trip_through_tinydb(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    db = open_db(path)
    first = db.insert({"name": "Acme", "tags": ["retainer"]})
    second = db.insert({"name": "Globex"})
    db.table("meta").insert({"schema": 1})
    db.update({"name": "Acme GmbH"}, doc_ids=[first])
    db.remove(doc_ids=[second])
    expected = {table: db.table(table).all() for table in db.tables()}
    db.close()

    reopened = open_db(path)
    assert {table: reopened.table(table).all() for table in reopened.tables()} == expected
    assert reopened.get(doc_id=first) == {"name": "Acme GmbH", "tags": ["retainer"]}
    assert mode_of(path) == 0o600
    lines = path.read_text().splitlines()  # compact: 40% smaller than indented at 1,000 clients
    assert lines[1] == '"1":{"name":"Acme GmbH","tags":["retainer"]}', "a document per line"


def test_reading_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "not-yet" / "sendoff.json"
    db = open_db(path)
    assert db.all() == []
    assert db.tables() == set()
    db.close()
    assert not path.parent.exists()


def test_first_write_creates_folder_and_file(tmp_path: Path) -> None:
    path = tmp_path / "not-yet" / "sendoff.json"
    db = open_db(path)
    db.insert({"name": "Acme"})
    assert mode_of(path.parent) == 0o700
    assert mode_of(path) == 0o600
    assert open_db(path).all() == [{"name": "Acme"}]


def test_an_empty_file_reads_as_an_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    path.write_bytes(b"")
    db = open_db(path)
    assert db.all() == []
    db.insert({"name": "Acme"})
    assert open_db(path).all() == [{"name": "Acme"}]
    assert not backup_path(path, 1).exists()  # an empty file is not worth a backup slot


def test_an_existing_file_becomes_private_on_write(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    write_json(path, {"_default": {}})
    path.chmod(0o644)
    open_db(path).insert({"name": "Acme"})
    assert mode_of(path) == 0o600


# --- read cache -------------------------------------------------------------------------------

_opened: list[str] = []
_watched: set[str] = set()
_hooked: list[bool] = []


def _count_opens(event: str, args: tuple) -> None:
    if event == "open" and _watched and isinstance(args[0], (str, os.PathLike)):
        if os.fspath(args[0]) in _watched:
            _opened.append(os.fspath(args[0]))


def test_the_file_is_parsed_once_however_many_tables_are_read(tmp_path: Path) -> None:
    if not _hooked:
        sys.addaudithook(_count_opens)  # cannot be removed; it only counts watched paths
        _hooked.append(True)
    path = tmp_path / "sendoff.json"
    write_json(path, {name: {"1": {"table": name}} for name in ("clients", "meta", "notes")})
    _watched.add(str(path))
    try:
        db = open_db(path)
        for _ in range(3):
            for name in ("clients", "meta", "notes", "_default"):
                db.table(name, cache_size=0).all()
        db.table("clients").insert({"table": "clients"})
        assert db.table("notes", cache_size=0).all() == [{"table": "notes"}]
    finally:
        _watched.discard(str(path))
    assert len(_opened) == 1  # writes go to a temp file and a rename; the file is never reopened


def test_a_failed_write_keeps_the_change_in_memory_and_a_retry_saves_it(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    path = folder / "sendoff.json"
    db = open_db(path)
    assert db.all() == []
    folder.write_text("a file where the folder should be")  # works as root too

    with pytest.raises(WriteFailed) as failure:
        db.insert({"name": "Acme"})
    assert str(path) in str(failure.value)
    assert db.all() == [{"name": "Acme"}]

    folder.unlink()
    db.insert({"name": "Globex"})
    assert open_db(path).all() == [{"name": "Acme"}, {"name": "Globex"}]


@pytest.mark.skipif(AS_ROOT, reason=ROOT_IGNORES_PERMISSIONS)
def test_a_read_only_folder_fails_the_write_and_keeps_the_change(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    write_json(path, {"_default": {"1": {"name": "Acme"}}})
    before = path.read_bytes()
    db = open_db(path)
    assert len(db.all()) == 1
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(WriteFailed) as failure:
            db.insert({"name": "Globex"})
        assert "Permission denied" in str(failure.value)
        assert [doc["name"] for doc in db.all()] == ["Acme", "Globex"]
        assert path.read_bytes() == before
    finally:
        tmp_path.chmod(0o700)
    db.insert({"name": "Initech"})
    assert [doc["name"] for doc in open_db(path).all()] == ["Acme", "Globex", "Initech"]


FULL_DISK_SCRIPT = """
import json, resource, signal, sys
from tinydb import TinyDB
from storage.errors import WriteFailed
from storage.persistence.filestore import SafeJSONStorage

db = TinyDB(sys.argv[1], storage=SafeJSONStorage)
db.all()
# A file size limit makes write() fail with EFBIG part-way, like a full disk, even for root.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
try:
    db.insert({"name": "Globex", "notes": "x" * 100_000})
except WriteFailed as error:
    print(json.dumps({"error": str(error), "names": [doc["name"] for doc in db.all()]}))
"""


def test_a_full_disk_fails_the_write_leaves_no_temp_file_and_keeps_the_change(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sendoff.json"
    write_json(path, {"_default": {"1": {"name": "Acme"}}})
    before = snapshot(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK_SCRIPT, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    outcome = json.loads(result.stdout)
    assert "File too large" in outcome["error"] and str(path) in outcome["error"]
    assert outcome["names"] == ["Acme", "Globex"]
    assert snapshot(tmp_path) == before  # no temp file, no backup, data file untouched


# --- damaged and unreadable files ---------------------------------------------------------------

DAMAGE = {
    "truncated JSON": b'{"_default": {"1": {"name": "Ac',
    "garbage bytes": bytes(range(256)) * 4,
    "a JSON list": b'[{"name": "Acme"}]',
    "invalid UTF-8": b'{"_default": {"1": {"name": "Acme \xff\xfe"}}}',
    "a table that is not an object": b'{"_default": [1, 2]}',
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_file_is_reported_with_its_newest_good_backup_and_left_alone(
    tmp_path: Path, damage: bytes
) -> None:
    path = tmp_path / "sendoff.json"
    path.write_bytes(damage)
    backup_path(path, 1).write_bytes(b"{ not json")
    write_json(backup_path(path, 2), {"_default": {"1": {"name": "Acme"}}})
    before = snapshot(tmp_path)

    db = open_db(path)
    with pytest.raises(DataFileDamaged) as failure:
        db.all()
    with pytest.raises(DataFileDamaged):
        db.insert({"name": "Globex"})  # no write over a file that was never read

    message = str(failure.value)
    assert str(path) in message
    assert f"The newest good backup is {backup_path(path, 2)}." in message
    assert failure.value.backup == backup_path(path, 2)
    assert snapshot(tmp_path) == before


def test_a_damaged_file_without_backups_says_so(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    path.write_bytes(b"\xff\xfe not text")
    with pytest.raises(DataFileDamaged) as failure:
        SafeJSONStorage(path).read()
    assert failure.value.backup is None
    assert "No good backup" in str(failure.value)
    assert "not UTF-8" in failure.value.reason


def test_writing_without_reading_first_still_refuses_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    path.write_bytes(b"[]")
    with pytest.raises(DataFileDamaged):
        SafeJSONStorage(path).write({"_default": {}})
    assert path.read_bytes() == b"[]"


def test_a_folder_in_place_of_the_file_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    path.mkdir()
    with pytest.raises(DataFileUnreadable) as failure:
        open_db(path).all()
    assert str(path) in str(failure.value)


@pytest.mark.skipif(AS_ROOT, reason=ROOT_IGNORES_PERMISSIONS)
def test_a_file_without_read_permission_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    write_json(path, {"_default": {}})
    path.chmod(0o000)
    try:
        with pytest.raises(DataFileUnreadable) as failure:
            open_db(path).all()
        assert str(path) in str(failure.value)
        assert "Permission denied" in str(failure.value)
    finally:
        path.chmod(0o600)


# --- changes made by something else -------------------------------------------------------------


def test_a_file_changed_by_another_program_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    write_json(path, {"_default": {"1": {"name": "Acme"}}})
    db = open_db(path)
    db.all()
    with open(path, "w") as other:  # an editor writing in place
        other.write('{"_default": {"1": {"name": "Edited elsewhere"}}}')

    with pytest.raises(DataFileChanged) as failure:
        db.insert({"name": "Globex"})
    assert str(path) in str(failure.value)
    assert json.loads(path.read_text()) == {"_default": {"1": {"name": "Edited elsewhere"}}}


def test_a_file_written_by_another_storage_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    mine, theirs = open_db(path), open_db(path)
    mine.all()
    theirs.insert({"name": "Theirs"})
    with pytest.raises(DataFileChanged):
        mine.insert({"name": "Mine"})
    assert open_db(path).all() == [{"name": "Theirs"}]


def test_a_file_deleted_since_loading_is_not_recreated(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    write_json(path, {"_default": {}})
    db = open_db(path)
    db.all()
    path.unlink()
    with pytest.raises(DataFileChanged):
        db.insert({"name": "Acme"})
    assert not path.exists()


def test_our_own_writes_do_not_count_as_changes(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    db = open_db(path)
    for number in range(20):
        db.insert({"number": number})
    assert len(open_db(path).all()) == 20


# --- backups ------------------------------------------------------------------------------------


def run_session(path: Path, session: int, writes: int = 2, **kwargs) -> None:
    """One app session: a fresh storage that writes a few times."""
    db = open_db(path, **kwargs)
    for write in range(writes):
        db.table("meta").upsert({"session": session, "write": write}, lambda doc: True)
    db.close()


def session_in(path: Path) -> tuple[int, int]:
    doc = json.loads(path.read_text())["meta"]["1"]
    return doc["session"], doc["write"]


def test_backups_hold_the_start_of_each_of_the_last_sessions(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    run_session(path, 1)
    assert not backup_path(path, 1).exists()  # the first session started from nothing

    run_session(path, 2)
    assert session_in(backup_path(path, 1)) == (1, 1)  # rotated once, before the first write

    for session in range(3, 7):
        run_session(path, session)
    assert session_in(path) == (6, 1)
    assert [session_in(backup_path(path, n)) for n in (1, 2, 3)] == [(5, 1), (4, 1), (3, 1)]
    assert not backup_path(path, 4).exists()
    assert all(mode_of(backup_path(path, n)) == 0o600 for n in (1, 2, 3))


def test_a_backup_is_not_changed_by_later_writes(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    run_session(path, 1)
    run_session(path, 2, writes=5)
    assert session_in(backup_path(path, 1)) == (1, 1)
    assert os.stat(backup_path(path, 1)).st_ino != os.stat(path).st_ino


def test_the_number_of_backups_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    for session in range(1, 5):
        run_session(path, session, backups=1)
    assert session_in(backup_path(path, 1)) == (3, 1)
    assert not backup_path(path, 2).exists()

    other = tmp_path / "none.json"
    for session in range(1, 3):
        run_session(other, session, backups=0)
    assert not backup_path(other, 1).exists()


def test_the_newest_good_backup_skips_damaged_ones(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    assert newest_good_backup(path) is None
    for session in range(1, 5):
        run_session(path, session)
    assert newest_good_backup(path) == backup_path(path, 1)
    backup_path(path, 1).write_bytes(b'{"meta": {"1": {"sess')
    backup_path(path, 2).write_bytes(b"")
    assert newest_good_backup(path) == backup_path(path, 3)


# --- leftovers ----------------------------------------------------------------------------------


def test_the_first_write_removes_temp_files_left_by_a_killed_writer(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    write_json(path, {"_default": {}})
    ours = [".sendoff.json.k3j2_x.tmp", ".sendoff.json.4242.bak.tmp"]
    others = [".other.json.k3j2_x.tmp", "sendoff.json.tmp", ".sendoff.json.notes"]
    for name in ours + others:
        (tmp_path / name).write_text("left behind")

    db = open_db(path)
    db.insert({"name": "Acme"})
    remaining = {entry.name for entry in tmp_path.iterdir()}
    assert remaining.isdisjoint(ours)
    assert remaining.issuperset(others)
    db.close()  # the file the last save swapped out is checked once more, then removed
    remaining = {entry.name for entry in tmp_path.iterdir()}
    assert not [name for name in remaining if name.startswith(".sendoff.json.") and name.endswith(".tmp")]
