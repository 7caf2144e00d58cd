"""The inbox beside the data file: changes captured from the shell (`sendoff log` and the like)
while the app holds the file, for the app to apply (or the next command that can write it).

``<data file>.inbox`` is private (0600) and only ever appended to, one entry a line: the XXH64
of its body in hex, a space, and the body, JSON with a unique ``id``. Whoever appends or takes
entries holds an flock on the inbox itself, so an entry is read whole or not at all. A line cut
short (its writer killed midway) or not matching its checksum is no entry: the next append cuts
a cut-short tail away first. Entries are taken in order and the inbox emptied only once each is
durably settled in the data file, which records the ids it settled in the same write as their
change (see `Repository.settled_inbox`): an entry is never lost, and never applied twice.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import xxhash

from storage.persistence.replace_file import sync_folder


def inbox_path(data_path: Path) -> Path:
    return data_path.with_name(f"{data_path.name}.inbox")


def refused_path(data_path: Path) -> Path:
    """Where the entries the data file refused are kept, in the inbox's own format."""
    return data_path.with_name(f"{data_path.name}.inbox.refused")


def new_entry_id() -> str:
    return os.urandom(16).hex()


def _line(entry: dict[str, Any]) -> bytes:
    body = orjson.dumps(entry)
    return xxhash.xxh64_hexdigest(body).encode() + b" " + body + b"\n"


def entries_in(raw: bytes) -> list[dict[str, Any]]:
    """The whole entries in ``raw``, in order: a line cut short or damaged is skipped."""
    found = []
    for line in raw.split(b"\n")[:-1]:  # the last part is what follows the last newline
        checksum, _, body = line.partition(b" ")
        if not body or xxhash.xxh64_hexdigest(body).encode() != checksum:
            continue
        with contextlib.suppress(orjson.JSONDecodeError):
            entry = orjson.loads(body)
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                found.append(entry)
    return found


@contextlib.contextmanager
def _locked(path: Path, *, wait: bool = True) -> Iterator[int | None]:
    """The file at ``path``, made private if new, opened to read and write with its flock;
    None when another holds the flock and ``wait`` is False."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield None
            return
        yield fd
    finally:
        os.close(fd)  # which drops the flock


def _read_all(fd: int) -> bytes:
    size = os.fstat(fd).st_size
    return os.pread(fd, size, 0) if size else b""


def _append(path: Path, entry: dict[str, Any]) -> None:
    new = not path.exists()
    with _locked(path) as fd:
        raw = _read_all(fd)
        end = len(raw)
        if raw and not raw.endswith(b"\n"):
            end = raw.rfind(b"\n") + 1  # a writer killed midway left this: cut it away
            os.ftruncate(fd, end)
        os.pwrite(fd, _line(entry), end)
        os.fsync(fd)
    if new:
        sync_folder(path.parent)  # the inbox's name, durable with its first entry


def append(data_path: Path, entry: dict[str, Any]) -> None:
    """Add ``entry`` (which has its ``id``) to the inbox, durable when this returns."""
    _append(inbox_path(data_path), entry)


def keep_refused(data_path: Path, entry: dict[str, Any], why: str) -> None:
    """Keep an entry the data file refused, with ``why``, once (it may be refused again after a
    kill, before the inbox was emptied)."""
    path = refused_path(data_path)
    if path.exists() and any(kept["id"] == entry["id"]
                             for kept in entries_in(path.read_bytes())):
        return
    _append(path, {**entry, "refused": why})


def has_entries(data_path: Path) -> bool:
    """Whether there may be anything to take, by a look at its size alone (for a timer)."""
    try:
        return os.stat(inbox_path(data_path)).st_size > 0
    except OSError:
        return False


@dataclass
class Taken:
    """The inbox's entries, held (nobody appends meanwhile) until `emptied`."""

    entries: list[dict[str, Any]]
    _fd: int

    def emptied(self) -> None:
        """Every entry is settled in the data file, durably: empty the inbox (a line cut short
        too, whose writer is gone: it holds the flock otherwise)."""
        if self._fd < 0:
            return
        os.ftruncate(self._fd, 0)
        os.fsync(self._fd)


@contextlib.contextmanager
def taken(data_path: Path, *, wait: bool = True) -> Iterator[Taken]:
    """The entries waiting in the inbox, held while the block settles them; none when
    another holds it and ``wait`` is False (a command appending: the app looks again soon)."""
    path = inbox_path(data_path)
    if not path.exists():
        yield Taken([], -1)
        return
    with _locked(path, wait=wait) as fd:
        yield Taken([], -1) if fd is None else Taken(entries_in(_read_all(fd)), fd)
