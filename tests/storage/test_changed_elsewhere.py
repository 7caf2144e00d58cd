"""Another program's change to the data file is never overwritten, however it was made and
whenever it lands: it is found by content, and this session's changes go to a recovery file."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from tinydb import TinyDB

from storage.errors import DataFileChanged, WriteFailed
from storage.persistence import filestore
from storage.persistence.filestore import SafeJSONStorage
from storage.persistence.replace_file import exchange

EDITED = {"_default": {"1": {"name": "Edited elsewhere"}}}


def open_db(path: Path, **kwargs) -> TinyDB:
    return TinyDB(path, storage=SafeJSONStorage, **kwargs)


def loaded(path: Path, name: str = "Acme") -> TinyDB:
    path.write_text(json.dumps({"_default": {"1": {"name": name}}}))
    db = open_db(path)
    db.all()
    return db


def same_size_edit_keeping_the_time(path: Path, old: str = "Acme", new: str = "Acne") -> None:
    """As `touch -r` after an edit, or a sync client that keeps the time: only content differs."""
    before = os.stat(path)
    text = path.read_text()
    edited = text.replace(old, new)
    assert len(edited) == len(text) and edited != text
    with open(path, "r+") as file:
        file.write(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino, before.st_size, before.st_mtime_ns)


def recovered(path: Path) -> Path:
    """The one recovery file beside ``path``."""
    [found] = path.parent.glob(f"{path.name}.recovered-*")
    return found


def test_a_same_size_edit_that_keeps_the_time_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    db = loaded(path)
    same_size_edit_keeping_the_time(path)
    edited = path.read_bytes()

    with pytest.raises(DataFileChanged) as failure:
        db.insert({"name": "Globex"})
    assert path.read_bytes() == edited
    assert str(path) in str(failure.value) and "changed by another program" in str(failure.value)
    assert db.all() == [{"name": "Acme"}, {"name": "Globex"}], "kept in memory"


def test_the_changes_that_were_not_saved_go_to_a_private_recovery_file(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    db = loaded(path)
    path.write_text(json.dumps(EDITED))

    with pytest.raises(DataFileChanged) as failure:
        db.insert({"name": "Globex"})
    recovery = recovered(path)
    assert failure.value.recovery == recovery
    assert f"kept in memory and in the recovery file {recovery}" in str(failure.value)
    assert f"sendoff --db {recovery}" in str(failure.value), "says how to go on"
    assert os.stat(recovery).st_mode & 0o777 == 0o600
    assert open_db(recovery).all() == [{"name": "Acme"}, {"name": "Globex"}]

    with pytest.raises(DataFileChanged):  # nothing more is saved there in this session
        db.insert({"name": "Initech"})
    assert recovered(path) == recovery, "one recovery file a session, always the newest state"
    assert [doc["name"] for doc in open_db(recovery).all()] == ["Acme", "Globex", "Initech"]
    assert json.loads(path.read_text()) == EDITED


def test_an_edit_landing_after_the_check_and_before_the_swap_is_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check runs right before the replace, and what is swapped out is checked again."""
    path = tmp_path / "sendoff.json"
    db = loaded(path)
    db.insert({"name": "Globex"})  # the session's first write, and its backups, are done
    edits = []

    def edit_just_before_the_swap(first: Path, second: Path) -> bool:
        if second == path and not edits:
            edits.append(True)
            path.write_text(json.dumps(EDITED))  # an editor writing in place, at the last moment
        return exchange(first, second)

    monkeypatch.setattr(filestore, "exchange", edit_just_before_the_swap)
    with pytest.raises(DataFileChanged):
        db.insert({"name": "Initech"})
    assert edits and json.loads(path.read_text()) == EDITED
    assert len(open_db(recovered(path)).all()) == 3


def test_a_file_renamed_into_place_just_before_the_swap_is_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a sync client does: write a new file, rename it over the old one."""
    path = tmp_path / "sendoff.json"
    db = loaded(path)
    db.insert({"name": "Globex"})
    theirs = tmp_path / "theirs.tmp"

    def rename_just_before_the_swap(first: Path, second: Path) -> bool:
        if second == path and not theirs.exists():
            theirs.write_text(json.dumps(EDITED))
            os.replace(theirs, path)
            theirs.write_text("done")
        return exchange(first, second)

    monkeypatch.setattr(filestore, "exchange", rename_just_before_the_swap)
    with pytest.raises(DataFileChanged):
        db.insert({"name": "Initech"})
    assert json.loads(path.read_text()) == EDITED


def test_without_an_atomic_swap_the_content_is_checked_right_before_the_replace(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the system cannot swap two files (some network folders, older systems), the
    content is read and compared right before the rename."""
    monkeypatch.setattr(filestore, "exchange", lambda first, second: False)
    path = tmp_path / "sendoff.json"
    db = loaded(path)
    for name in ["Globex", "Initech"]:
        db.insert({"name": name})
    assert [doc["name"] for doc in open_db(path).all()] == ["Acme", "Globex", "Initech"]
    same_size_edit_keeping_the_time(path, "Globex", "Glebex")
    edited = path.read_bytes()
    with pytest.raises(DataFileChanged):
        db.insert({"name": "Hooli"})
    assert path.read_bytes() == edited


def unwritable_folder(tmp_path: Path) -> tuple[Path, TinyDB]:
    """A loaded data file whose folder is then replaced by a file: every write fails, even for
    root, until `writable_again`."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "sendoff.json"
    db = loaded(path)
    folder.rename(tmp_path / "moved")
    folder.write_text("a file where the folder should be")
    return path, db


def writable_again(tmp_path: Path) -> None:
    (tmp_path / "data").unlink()
    (tmp_path / "moved").rename(tmp_path / "data")


def test_a_successful_save_removes_the_recovery_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path, db = unwritable_folder(tmp_path)
    with pytest.raises(WriteFailed) as failure:
        db.insert({"name": "Globex"})
    recovery = failure.value.recovery
    assert recovery is not None and recovery.parent == tmp_path / "state" / "sendoff" / "recovery"
    assert str(recovery) in str(failure.value)
    assert [doc["name"] for doc in open_db(recovery).all()] == ["Acme", "Globex"]
    assert os.stat(recovery).st_mode & 0o777 == 0o600
    assert os.stat(recovery.parent).st_mode & 0o777 == 0o700

    writable_again(tmp_path)
    db.insert({"name": "Initech"})
    assert not recovery.exists(), "every change is in the data file again"
    assert [doc["name"] for doc in open_db(path).all()] == ["Acme", "Globex", "Initech"]


def test_when_no_recovery_file_can_be_written_the_message_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))
    monkeypatch.setattr(tempfile, "tempdir", str(blocked))
    path, db = unwritable_folder(tmp_path)
    with pytest.raises(WriteFailed) as failure:
        db.insert({"name": "Globex"})
    assert failure.value.recovery is None
    assert "kept in memory only" in str(failure.value)


def test_a_change_made_after_the_last_save_is_reported_when_the_session_ends(
        tmp_path: Path) -> None:
    """Another program replaced the file after this session's last save: nothing of either is
    lost, and closing says so."""
    path = tmp_path / "sendoff.json"
    db = loaded(path)
    db.insert({"name": "Globex"})
    path.write_text(json.dumps(EDITED))
    with pytest.raises(DataFileChanged) as failure:
        db.close()
    assert json.loads(path.read_text()) == EDITED
    assert [doc["name"] for doc in open_db(failure.value.recovery).all()] == ["Acme", "Globex"]


def test_a_session_that_saved_nothing_ends_quietly_whatever_happened_to_the_file(
        tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    db = loaded(path)
    path.write_text(json.dumps(EDITED))
    db.close()
    assert not list(tmp_path.glob("*.recovered-*"))


def test_the_temporary_folder_takes_the_recovery_file_when_nothing_else_can(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    path, db = unwritable_folder(tmp_path)
    with pytest.raises(WriteFailed) as failure:
        db.insert({"name": "Globex"})
    recovery = failure.value.recovery
    assert recovery is not None and recovery.parent == tmp_path / "tmp" / f"sendoff-recovery-{os.getuid()}"
    assert os.stat(recovery.parent).st_mode & 0o777 == 0o700
    assert [doc["name"] for doc in open_db(recovery).all()] == ["Acme", "Globex"]


def test_an_editor_writing_in_place_after_several_saves_swapped_its_file_out_is_kept(
        tmp_path: Path) -> None:
    """An editor opens the file to write it in place, then is held up (a busy machine) while
    this session saves twice: the file it writes to was swapped out two saves ago, and closing
    puts it back rather than leaving the edit in a file nobody will read."""
    path = tmp_path / "sendoff.json"
    db = loaded(path)
    db.insert({"name": "Globex"})  # the session's first write, and its backups, are done
    editor = open(path, "r+")
    db.insert({"name": "Initech"})  # swaps out the file the editor holds
    db.insert({"name": "Umbrella"})  # checks it, unchanged so far
    with editor:
        editor.write(json.dumps(EDITED))
        editor.truncate()
    with pytest.raises(DataFileChanged) as failure:
        db.close()
    assert json.loads(path.read_text()) == EDITED
    assert [doc["name"] for doc in open_db(failure.value.recovery).all()] == [
        "Acme", "Globex", "Initech", "Umbrella"]
