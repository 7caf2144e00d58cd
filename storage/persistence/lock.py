"""One writer per data file, so two open Sendoffs never overwrite each other's changes.

The lock is an flock on ``<data file>.lock`` (through filelock): the kernel drops it when the
holder exits or is killed, so a crash never leaves the file locked. Who holds it is written to
``<data file>.lock.owner``, read only to tell a second Sendoff whom to close. A symbolic link is
followed: every link to one file takes the one lock beside that file.
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import sys
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson

from storage.errors import DataFileInUse, DataFileReadOnly
from storage.persistence.paths import real_path
from storage.persistence.replace_file import replace_file

UNKNOWN_OWNER = "another process"


def cannot_write(data_path: Path) -> str | None:
    """Why this process may not write ``data_path``, in words; None when it may.

    A file without its owner's write permission counts as read-only even for root: someone
    made it so on purpose."""
    if os.path.lexists(data_path):
        try:
            mode = os.stat(data_path).st_mode
        except OSError as error:
            return f"it cannot be looked at ({error.strerror or error})"
        if not mode & stat.S_IWUSR or not os.access(data_path, os.W_OK):
            return "the file is read-only"
    folder = data_path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the nearest folder that exists, where the rest would be made
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"its folder {folder} cannot be written"
    return None


def held_elsewhere(data_path: str | os.PathLike[str]) -> bool:
    """Whether another Sendoff holds the lock of ``data_path`` now: a look, which takes nothing
    and, unlike taking the lock, costs no import of filelock (whose lock is this same flock)."""
    import fcntl

    try:
        fd = os.open(WriterLock(data_path).lock_path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:  # no lock file: nobody ever held it
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # which drops the flock, if taken
    return False


class WriterLock:
    """Held for as long as a Sendoff may write the data file; acquire fails fast, never waits."""

    def __init__(self, data_path: str | os.PathLike[str]) -> None:
        self.data_path = real_path(data_path)
        self.lock_path = self.data_path.with_name(f"{self.data_path.name}.lock")
        self.owner_path = self.data_path.with_name(f"{self.data_path.name}.lock.owner")
        self._lock: Any = None  # a filelock.FileLock while held

    @property
    def held(self) -> bool:
        """Whether this Sendoff may write the file now."""
        return self._lock is not None and self._lock.is_locked

    def acquire(self) -> None:
        """Take the lock or raise DataFileInUse naming the holder (DataFileReadOnly when its folder
        cannot be written); taking it twice is harmless."""
        if self.held:
            return
        reason = cannot_write(self.data_path)
        if reason is not None:
            raise DataFileReadOnly(self.data_path, reason)
        import filelock  # ~90 ms to import; commands that only read should not pay for it

        # thread_local=False: a worker thread may release what the main thread took.
        lock = filelock.FileLock(self.lock_path, timeout=0, mode=0o600, thread_local=False)
        try:
            self.lock_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            lock.acquire(timeout=0)
        except filelock.Timeout:
            raise DataFileInUse(self.data_path, self.owner()) from None
        except OSError as error:  # the folder or the lock file cannot be written
            reason = error.strerror or str(error)
            raise DataFileReadOnly(self.data_path,
                                   f"its lock file {self.lock_path} cannot be made ({reason})"
                                   ) from None
        self._lock = lock
        self._record_owner()

    def release(self) -> None:
        """Let another Sendoff write; releasing a lock not held does nothing."""
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release(force=True)
        # The owner file stays: removing it could delete the record of whoever took the lock next.

    def owner(self) -> str:
        """Who holds the lock, in words, e.g. 'process 1234 (sendoff) on host dev-box, since ...'."""
        try:
            record = orjson.loads(self.owner_path.read_bytes())
            since = datetime.fromisoformat(record["since"]).strftime("%Y-%m-%d %H:%M")
            program = f" ({record['program']})" if record.get("program") else ""
            return f"process {int(record['pid'])}{program} on host {record['host']}, since {since}"
        except (OSError, ValueError, TypeError, KeyError):
            return UNKNOWN_OWNER

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()

    def _record_owner(self) -> None:
        # Best effort: without it a second Sendoff only says "another process".
        record = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
            "program": os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "",
        }
        with contextlib.suppress(OSError):  # only read to name the holder: best effort
            replace_file(self.owner_path, orjson.dumps(record), mode=0o600)
