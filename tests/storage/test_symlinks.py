"""A data file kept in a synced folder through a symbolic link: the link's target is the one file
that is read, written, backed up, locked and indexed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from storage.errors import DataFileInUse
from storage.persistence.filestore import backup_path
from storage.persistence.lock import WriterLock
from storage.persistence.paths import resolve_db_path
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.views.index_file import index_path, read_due_index, read_index


@pytest.fixture
def synced(tmp_path: Path) -> tuple[Path, Path]:
    """``(link, target)``: the data file in a synced folder, reached through a link."""
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    target = folder / "sendoff.json"
    link = tmp_path / "home" / "sendoff.json"
    link.parent.mkdir()
    link.symlink_to(target)
    return link, target


def names(path: Path) -> list[str]:
    with Repository(path, writable=False) as repository:
        return [client.name for client in repository.clients()]


def test_every_save_through_a_link_reaches_its_target(synced) -> None:
    link, target = synced
    for session, name in enumerate(["Acme", "Globex", "Initech"]):
        with Repository(link) as repository:
            repository.add_client(Client(name=name))
            repository.add_client(Client(name=f"{name} {session}"))
        assert link.is_symlink() and os.readlink(link) == str(target)
    assert names(target) == names(link) == [
        "Acme", "Acme 0", "Globex", "Globex 1", "Initech", "Initech 2"]
    assert not target.is_symlink() and target.stat().st_mode & 0o777 == 0o600


def test_backups_are_copies_beside_the_target_not_links_to_the_live_file(synced) -> None:
    link, target = synced
    for name in ["Acme", "Globex", "Initech"]:
        with Repository(link) as repository:
            repository.add_client(Client(name=name))
    first = backup_path(target, 1)
    assert not first.is_symlink() and first.is_file()
    assert os.stat(first).st_ino != os.stat(target).st_ino
    assert names(first) == ["Acme", "Globex"], "the state the last session started from"
    assert not backup_path(link, 1).exists(), "nothing is written beside the link"


def test_a_link_and_its_target_take_one_lock(synced) -> None:
    link, target = synced
    with Repository(link):
        with pytest.raises(DataFileInUse):
            Repository(target)
        with pytest.raises(DataFileInUse):
            WriterLock(link).acquire()
    with Repository(target), pytest.raises(DataFileInUse):
        Repository(link)


def test_a_chain_of_links_and_a_relative_link_are_followed(tmp_path: Path) -> None:
    target = tmp_path / "real" / "data.json"
    target.parent.mkdir()
    relative = tmp_path / "relative.json"
    relative.symlink_to(Path("real") / "data.json")
    chained = tmp_path / "chained.json"
    chained.symlink_to(relative)
    with Repository(chained) as repository:  # the target does not exist yet
        repository.add_client(Client(name="Acme"))
    assert chained.is_symlink() and relative.is_symlink()
    assert names(target) == ["Acme"]


def test_the_index_lives_beside_the_target_and_answers_through_the_link(synced) -> None:
    link, target = synced
    with Repository(link) as repository:
        repository.add_client(Client(name="Acme"))
    assert index_path(link) == index_path(target) == target.with_name("sendoff.json.index")
    assert read_index(link).client_ids() == [1]
    assert read_due_index(link) is not None
    assert not link.with_name("sendoff.json.index").exists()


def test_the_command_line_follows_the_link(synced, tmp_path: Path) -> None:
    link, target = synced
    assert resolve_db_path(str(link)) == target
    done = subprocess.run([sys.executable, "-m", "tui", "--db", str(link), "demo", "--clients",
                           "3"], capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and len(names(target)) == 3
