"""The TinyDB storage that never leaves the data file half-written.

TinyDB's JSONStorage rewrites the file in place and re-reads it on every table access. This one
parses the file once, writes a new copy beside it and renames it over the old one, keeps a backup
of the state each session started from, and refuses to overwrite a change made by another program.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import orjson
from tinydb.storages import Storage

from storage import file_layout
from storage.errors import (
    DataFileChanged,
    DataFileDamaged,
    DataFileError,
    DataFileUnreadable,
    WriteFailed,
)
from storage.write_behind import WriteBehind

Tables = file_layout.Tables
# What identifies one version of the file on disk; None when there is no file.
Signature = tuple[int, int, int] | None


class _Damage(Exception):
    """Bytes that are not Sendoff data; the argument says why, in words."""


def _parse(raw: bytes) -> Tables | None:
    """The tables in ``raw``; None for an empty file, which has nothing to lose."""
    if not raw.strip():
        return None
    try:
        tables = file_layout.load(raw)
    except orjson.JSONDecodeError as error:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as not_text:
            raise _Damage(f"not UTF-8 text at byte {not_text.start}") from None
        raise _Damage(f"not valid JSON: {error}") from None
    if not isinstance(tables, dict):
        raise _Damage(f"it holds a JSON {type(tables).__name__}, not an object")
    for name, table in tables.items():
        if not isinstance(table, dict):
            raise _Damage(f"table {name!r} is a JSON {type(table).__name__}, not an object")
    return tables


def file_signature(stat: os.stat_result) -> Signature:
    """What identifies one version of a file: inode, size and modification time."""
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def backup_path(path: Path, number: int) -> Path:
    """Where backup ``number`` (1 is the newest) of a data file lives: beside it, in plain sight."""
    return path.with_name(f"{path.name}.bak{number}")


def newest_good_backup(path: Path) -> Path | None:
    """The newest backup that still holds Sendoff data, to point a user at when the file is damaged."""
    path = Path(path)
    prefix = f"{path.name}.bak"
    try:
        names = os.listdir(path.parent)
    except OSError:
        return None
    numbers = sorted(
        int(name[len(prefix) :])
        for name in names
        if name.startswith(prefix) and name[len(prefix) :].isdigit()
    )
    for number in numbers:
        candidate = backup_path(path, number)
        try:
            if _parse(candidate.read_bytes()) is not None:
                return candidate
        except (OSError, _Damage):
            continue
    return None


class SafeJSONStorage(Storage):
    """A JSON file that survives a kill at any moment and keeps a backup of the last few sessions.

    Use as ``TinyDB(path, storage=SafeJSONStorage)``; keywords pass through TinyDB.
    Only the holder of the file's WriterLock should write through it.

    With ``background=True`` writes happen in a writer thread (see `WriteBehind`) and `write`
    returns at once; the caller must then never change a document in place once written, only
    replace it, because the writer serialises a shallow copy of the tables. `close` flushes.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        backups: int = 3,
        background: bool = False,
        on_error: Callable[[DataFileError], None] | None = None,
        after_write: Callable[[Tables, Signature], None] | None = None,
    ) -> None:
        """``after_write(tables, signature)`` runs after each successful write (see index_file)."""
        self.path = Path(path)
        self._after_write = after_write
        self.backups = backups
        self._writer = WriteBehind(self._write_now, on_error) if background else None
        # Only in background mode, whose callers never edit a written document in place.
        self._fragments: file_layout.Fragments | None = {} if background else None
        self._tables: Tables | None = None
        self._loaded = False
        self._on_disk: Signature = None
        self._backed_up = False
        self._swept = False

    def read(self) -> Tables | None:
        """The tables, parsed once: TinyDB asks for them on every table access."""
        if not self._loaded:
            self._tables, self._on_disk = self._load()
            self._loaded = True
        return self._tables

    def write(self, data: Tables) -> None:
        """Replace the file with ``data`` in one step; on failure the data stays in memory."""
        if not self._loaded:
            self.read()  # never overwrite a file we have not seen, damaged or not
        self._tables = data
        if self._writer is None:
            self._write_now(data)
        else:
            self._writer.submit({name: dict(table) for name, table in data.items()})

    @property
    def signature(self) -> Signature:
        """The file as last read or written; None when there is no file yet."""
        return self._on_disk

    def flush(self) -> None:
        """Wait for background writes; raises the failure when the newest state is not saved."""
        if self._writer is not None:
            self._writer.flush()

    def _serialise(self, data: Tables) -> bytes:
        """The file's bytes (see `file_layout`). In background mode, documents unchanged since
        the last write are not serialised again, which keeps the writer thread brief."""
        payload, fragments = file_layout.dump(data, self._fragments)
        if self._fragments is not None:
            self._fragments = fragments
        return payload

    def _write_now(self, data: Tables) -> None:
        payload = self._serialise(data)
        if self._current_signature() != self._on_disk:
            raise DataFileChanged(self.path)
        temp: str | None = None
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not self._swept:
                self._remove_stale_temps()
                self._swept = True
            fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=self._temp_prefix, suffix=".tmp")
            with open(fd, "wb") as file:
                file.write(payload)
                file.flush()
                os.fsync(file.fileno())
                written = file_signature(os.fstat(file.fileno()))
            if not self._backed_up:
                self._rotate_backups()
                self._backed_up = True
            os.replace(temp, self.path)
            temp = None
            self._on_disk = written
        except OSError as error:
            raise WriteFailed(self.path, error.strerror or str(error)) from error
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
        self._sync_folder()
        if self._after_write is not None:
            self._after_write(data, written)

    def close(self) -> None:
        """Finish background writes (the file itself is only open while read or written)."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.close()

    @property
    def _temp_prefix(self) -> str:
        return f".{self.path.name}."

    def _load(self) -> tuple[Tables | None, Signature]:
        try:
            with open(self.path, "rb") as file:
                signature = file_signature(os.fstat(file.fileno()))
                raw = file.read()
        except (FileNotFoundError, NotADirectoryError):
            return None, None
        except OSError as error:
            raise DataFileUnreadable(self.path, error.strerror or str(error)) from error
        try:
            return _parse(raw), signature
        except _Damage as damage:
            raise DataFileDamaged(self.path, str(damage), newest_good_backup(self.path)) from None

    def _current_signature(self) -> Signature:
        try:
            return file_signature(os.stat(self.path))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as error:
            raise WriteFailed(self.path, error.strerror or str(error)) from error

    def _rotate_backups(self) -> None:
        # Once per session: bak1 is the state this session started from. A hard link costs nothing
        # and stays intact, because the data file is always replaced by a new file, never rewritten.
        if self.backups < 1 or self._on_disk is None or self._on_disk[1] == 0:
            return
        for number in range(self.backups - 1, 0, -1):
            with contextlib.suppress(FileNotFoundError):
                os.replace(backup_path(self.path, number), backup_path(self.path, number + 1))
        staging = self.path.with_name(f"{self._temp_prefix}{os.getpid()}.bak.tmp")
        with contextlib.suppress(FileNotFoundError):
            os.unlink(staging)
        try:
            os.link(self.path, staging)
        except OSError:  # no hard links on this file system
            shutil.copy2(self.path, staging)
        os.replace(staging, backup_path(self.path, 1))

    def _remove_stale_temps(self) -> None:
        # Left by a writer killed mid-write. Only the lock holder writes, so none is in use.
        with os.scandir(self.path.parent) as entries:
            for entry in entries:
                if (
                    entry.name.startswith(self._temp_prefix)
                    and entry.name.endswith(".tmp")
                    and entry.is_file(follow_symlinks=False)
                ):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    def _sync_folder(self) -> None:
        # Makes the rename itself durable. Some file systems refuse to sync a folder; the data
        # is already in place then, so that is not worth reporting as a failed save.
        with contextlib.suppress(OSError):
            fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
