"""WriterLock across real processes: exclusion, the holder's name, release and crash."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from storage.errors import DataFileInUse
from storage.persistence.lock import UNKNOWN_OWNER, WriterLock, held_elsewhere

ROOT = Path(__file__).resolve().parents[2]

HOLDER_SCRIPT = """
import sys
from storage.persistence.lock import WriterLock

lock = WriterLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
sys.stdin.readline()
"""


class Holder:
    """Another Sendoff process holding the lock until told to let go."""

    def __init__(self, data_path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER_SCRIPT, str(data_path)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline() == "held\n"

    def release(self) -> None:
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline() == "released\n"

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait(timeout=10) == -signal.SIGKILL

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        self.process.stdin.close()
        self.process.stdout.close()


@pytest.fixture
def holder(tmp_path: Path):
    started: list[Holder] = []

    def start(data_path: Path) -> Holder:
        started.append(Holder(data_path))
        return started[-1]

    yield start
    for each in started:
        each.stop()


def test_another_process_cannot_take_a_held_lock(tmp_path: Path, holder) -> None:
    path = tmp_path / "sendoff.json"
    other = holder(path)
    lock = WriterLock(path)
    with pytest.raises(DataFileInUse) as failure:
        lock.acquire()
    message = str(failure.value)
    assert str(path) in message
    assert f"process {other.process.pid} " in message
    assert f"on host {socket.gethostname()}, since " in message
    assert not lock.held


def test_the_lock_is_free_once_the_holder_releases_it(tmp_path: Path, holder) -> None:
    path = tmp_path / "sendoff.json"
    other = holder(path)
    other.release()
    with WriterLock(path) as lock:
        assert lock.held
        assert f"process {os.getpid()} " in lock.owner()


def test_the_lock_is_free_once_the_holder_is_killed(tmp_path: Path, holder) -> None:
    path = tmp_path / "sendoff.json"
    holder(path).kill()
    lock = WriterLock(path)
    lock.acquire()
    assert lock.held
    lock.release()


def test_a_second_lock_in_the_same_process_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    with WriterLock(path):
        with pytest.raises(DataFileInUse):
            WriterLock(path).acquire()


def test_without_an_owner_record_the_holder_is_another_process(tmp_path: Path, holder) -> None:
    path = tmp_path / "sendoff.json"
    holder(path)
    lock = WriterLock(path)
    lock.owner_path.unlink()
    with pytest.raises(DataFileInUse) as failure:
        lock.acquire()
    assert failure.value.owner == UNKNOWN_OWNER
    lock.owner_path.write_text("{garbled")
    assert lock.owner() == UNKNOWN_OWNER


def test_release_is_idempotent_and_acquire_twice_is_harmless(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path / "sendoff.json")
    lock.release()
    lock.acquire()
    lock.acquire()
    assert lock.held
    lock.release()
    lock.release()
    assert not lock.held
    with WriterLock(tmp_path / "sendoff.json") as again:
        assert again.held
    assert not again.held


def test_the_lock_creates_a_missing_folder_and_private_files(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "sendoff.json"
    with WriterLock(path) as lock:
        assert stat.S_IMODE(os.stat(lock.owner_path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(lock.lock_path).st_mode) == 0o600
        assert lock.lock_path.name == "sendoff.json.lock"
        assert lock.owner_path.name == "sendoff.json.lock.owner"
    assert not path.exists()  # the lock never creates the data file


def test_a_look_tells_whether_another_process_holds_the_lock_without_taking_it(
        tmp_path: Path, holder) -> None:
    path = tmp_path / "sendoff.json"
    assert not held_elsewhere(path)  # never locked: no lock file yet
    other = holder(path)
    assert held_elsewhere(path)
    assert held_elsewhere(path)  # looking took nothing
    other.release()
    assert not held_elsewhere(path)
    with WriterLock(path) as lock:  # nor does a look keep it
        assert lock.held
