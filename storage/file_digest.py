"""What identifies the content of a file: the SHA-256 of its bytes. A module of its own, with
nothing but the standard library, so that `sendoff due` and the dashboard's first frame can check
the index against the data file without loading the storage."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


class Changing(Exception):
    """The file changed while it was being read."""


def digest_of(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def stamp(stat: os.stat_result) -> tuple[int, ...]:
    """What changes whenever a file is written: no program can set a file's change time
    (ctime) back, as `touch -r` sets its modification time."""
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def current_digest(path: Path) -> str | None:
    """The digest of the file at ``path`` now; None when there is none. Raises `Changing` when
    it is written meanwhile, and OSError when it cannot be read."""
    try:
        file = open(path, "rb")  # noqa: SIM115 (closed below, after the second look)
    except (FileNotFoundError, NotADirectoryError):
        return None
    with file:
        before = stamp(os.fstat(file.fileno()))
        digest = hashlib.file_digest(file, "sha256").hexdigest()
        if stamp(os.fstat(file.fileno())) != before or stamp(os.stat(path)) != before:
            raise Changing
    return digest
