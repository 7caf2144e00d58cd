"""The TinyDB storage that never leaves the data file half-written and never overwrites a change
it did not make.

TinyDB's JSONStorage rewrites the file in place and re-reads it on every table access. This one
parses the file once, writes a new copy beside it and swaps it in for the old one, keeps a backup
of the state each session started from, and refuses to replace a file whose content is not the
content it last read or wrote: another program's change is kept, and this session's changes go
to a recovery file (see `storage.persistence.recovery`). In the app (background mode) a change
is appended to the file's journal instead, and the journal folded into the file from time to
time (see `storage.persistence.journal`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from storage.errors import (
    DataFileChanged,
    DataFileDamaged,
    DataFileError,
    DataFileUnreadable,
    JournalForeign,
    WriteFailed,
)
from storage.persistence import file_layout
from storage.persistence.file_digest import Changing, current_digest, digest_of, stamp
from storage.persistence.journal import (
    JournalState,
    content_digest,
    journal_path,
    read_journal,
    record_line,
    replay,
)
from storage.persistence.paths import real_path
from storage.persistence.recovery import Recovery
from storage.persistence.replace_file import exchange, sync_folder
from storage.persistence.write_behind import WriteBehind

Tables = file_layout.Tables
# What the file held, as the hash of its bytes (see `file_digest`); None when there was no file.
Digest = str | None
# How long a file swapped out by a save is kept and checked again at each save: an editor that
# opened it to write in place may be held up between the open and the write on a busy machine.
WATCH_SECONDS = 0.25
# The journal is folded into the data file once it would pass this share of the file's size (or
# JOURNAL_LEAST bytes, for a small file): a fold writes the whole file, so changes cost what they
# change, and a session's journal stays small to read again.
JOURNAL_SHARE = 8
JOURNAL_LEAST = 1 << 20


class _Damage(Exception):
    """Bytes that are not Sendoff data; the argument says why, in words."""


def _parse(raw: bytes, known: file_layout.Known | None = None) -> Tables | None:
    """The tables in ``raw``, those in ``known`` left unparsed (see `file_layout.load`); None
    for an empty file, which has nothing to lose."""
    if not raw.strip():
        return None
    try:
        tables = file_layout.load(raw, known)
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


def backup_path(path: Path, number: int) -> Path:
    """Where backup ``number`` (1 is the newest) of a data file lives: beside it, in plain sight."""
    return path.with_name(f"{path.name}.bak{number}")


def newest_good_backup(path: Path, good: Callable[[Tables], bool] = lambda tables: True
                       ) -> Path | None:
    """The newest backup that still holds Sendoff data (``good`` says whether it is whole), to
    point a user at when the file is damaged."""
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
            tables = _parse(candidate.read_bytes())
            if tables is not None and good(tables):
                return candidate
        except (OSError, _Damage):
            continue
    return None


class SafeJSONStorage(Storage):
    """A JSON file that survives a kill at any moment and keeps a backup of the last few sessions.

    Use as ``TinyDB(path, storage=SafeJSONStorage)``; keywords pass through TinyDB. A symbolic
    link is followed: the file it names is the one read, written and backed up.
    Only the holder of the file's WriterLock should write through it.

    With ``replaces=True`` the caller promises never to change a document in place once
    written, only to replace it: then a change is appended to the journal (see
    `storage.persistence.journal`), only the documents it replaced, found by identity; the
    journal is folded into the file when it grows past a share of it, and when the storage
    closes (unless ``fold_on_close`` is False: then it stays for a later session to fold).
    Every reader replays the journal. Without that promise every write replaces the file.
    With ``background=True`` (which makes that promise) writes happen in a writer thread (see
    `WriteBehind`), which serialises a shallow copy of the tables, and `write` returns at once;
    `close` flushes.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        backups: int = 3,
        background: bool = False,
        on_error: Callable[[DataFileError], None] | None = None,
        after_write: Callable[[Tables, str], None] | None = None,
        known: Callable[[str], file_layout.Known | None] | None = None,
        replaces: bool = False,
        fold_on_close: bool = True,
    ) -> None:
        """``after_write(tables, digest)`` runs after each successful write (see index_file).
        ``known(digest)`` says what is known of the documents of the data whose content has
        ``digest`` without parsing them, when something proves it (the index): those are left
        unparsed until read (see `storage.persistence.unparsed`)."""
        self.path = real_path(path)
        self._after_write = after_write
        self._known = known
        self.backups = backups
        self._writer = WriteBehind(self._write_now, on_error) if background else None
        self._replaces = replaces or background
        self._fold_on_close = fold_on_close
        # Only for callers that never edit a written document in place.
        self._fragments: file_layout.Fragments | None = {} if self._replaces else None
        self._tables: Tables | None = None
        self._loaded = False
        self._digest: Digest = None  # of the file as last read or written
        self._stamp: tuple[int, ...] | None = None  # its stamp then, a shortcut to compare
        self._recovery = Recovery(self.path)
        self._backed_up = False
        self._swept = False
        self._wrote = False  # whether this session saved anything
        self._failure: DataFileError | None = None  # why the newest change is not saved
        self._displaced: list[_Displaced] = []  # swapped out by recent saves, newest last
        self._journal = JournalState()  # what the journal beside the file holds for it
        self._durable: Tables = {}  # each table's documents as last made durable (by identity)
        self._folding = False  # closing: the journal is folded into the file

    def read(self) -> Tables | None:
        """The tables, parsed once: TinyDB asks for them on every table access."""
        if not self._loaded:
            self._tables = self._load()
            self._loaded = True
        return self._tables

    def write(self, data: Tables) -> None:
        """Replace the file with ``data`` in one step; on failure the data stays in memory and
        in a recovery file (see `storage.persistence.recovery`)."""
        if not self._loaded:
            self.read()  # never overwrite a file we have not seen, damaged or not
        self._tables = data
        if self._writer is None:
            self._write_now(data)
        else:
            self._writer.submit({name: dict(table) for name, table in data.items()})

    @property
    def digest(self) -> Digest:
        """The content of the file and its journal as last read or written; None when there is
        no file yet."""
        return content_digest(self._digest, self._journal.digest)

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
        change = self._journal_change(data)
        payload = None if change is not None else self._serialise(data)
        try:
            if change is not None:
                self._append(change)
            else:
                self._fold(payload)
        except _Changed:
            self._failure = DataFileChanged(self.path, self._kept_aside(
                payload or self._serialise(data)))
            raise self._failure from None
        except OSError as error:
            self._failure = WriteFailed(self.path, error.strerror or str(error),
                                        self._recovery.keep(payload or self._serialise(data)))
            raise self._failure from error
        self._durable = {name: dict(table) for name, table in data.items()}
        self._failure = None
        self._recovery.discard()
        if self._after_write is not None:
            self._after_write(data, self.digest)

    def _kept_aside(self, payload: bytes) -> Path | None:
        """Keep this session's state (``payload``) in the recovery file, the data file being
        another program's now, and return where. The journal's changes are in it then: the
        journal goes, so that the data file opens as that program left it (unless no recovery
        file could be written: then the journal is their only copy, and stays)."""
        kept = self._recovery.keep(payload)
        if kept is not None and self._journal.changes:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(journal_path(self.path))
            self._journal = JournalState()
        return kept

    def _journal_change(self, data: Tables) -> bytes | None:
        """The journal record of the documents ``data`` replaced since the last write; None
        when the change is to be written whole: documents may be changed in place (see
        ``replaces``), closing, no file yet, tables added or dropped, or a journal grown too
        long."""
        if (not self._replaces or self._folding or self._digest is None
                or set(data) != set(self._durable)):
            return None
        put: dict[str, dict[str, Any]] = {}
        drop: dict[str, list[str]] = {}
        for name, table in data.items():
            before = self._durable[name]
            changed = {key: document for key, document in table.items()
                       if before.get(key) is not document}
            gone = [key for key in before if key not in table]
            if changed:
                put[name] = changed
            if gone:
                drop[name] = gone
        line = record_line({"base": self._digest, "put": put, "drop": drop})
        held = self._journal.valid_length if self._journal.changes else 0
        if held + len(line) > max(JOURNAL_LEAST, self._base_size // JOURNAL_SHARE):
            return None
        return line

    def _append(self, line: bytes) -> None:
        """Append the record ``line`` to the journal and make it durable (raises `_Changed`
        when the file is no longer the one last read or written)."""
        self._settle_displaced()
        self._check_unchanged()
        if not self._journal.changes:  # a journal spent, or cut short, starts afresh
            self._journal = JournalState(length=self._journal.length)
        start = self._journal.valid_length
        fd = os.open(journal_path(self.path), os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            if start == 0 or self._journal.length != start:
                os.ftruncate(fd, start)  # what follows the whole records goes
            os.pwrite(fd, line, start)
            os.fsync(fd)
        finally:
            os.close(fd)
        if start == 0:
            sync_folder(self.path.parent)  # the journal's name, durable with its first record
        self._journal.appended(line)
        self._wrote = True

    def _fold(self, payload: bytes) -> None:
        """Put ``payload`` in place of the file, then drop the journal it holds: first a marker
        naming the new file, so that a kill between the two leaves a journal known spent."""
        path = journal_path(self.path)
        if self._journal.changes:
            with open(path, "r+b") as file:
                file.truncate(self._journal.valid_length)
                file.seek(self._journal.valid_length)
                file.write(record_line({"base": self._digest, "folded": digest_of(payload)}))
                file.flush()
                os.fsync(file.fileno())
        self._replace_with(payload)
        if self._journal.changes or self._journal.length:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            sync_folder(self.path.parent)
        self._journal = JournalState()

    @property
    def _base_size(self) -> int:
        try:
            return os.stat(self.path).st_size
        except OSError:
            return 0

    def _replace_with(self, payload: bytes) -> None:
        """Put ``payload`` in place of the file, unless the file is no longer the one last read
        or written (then raise `_Changed` and leave it as it is)."""
        self._settle_displaced()
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not self._swept:
            self._remove_stale_temps()
            self._swept = True
        import tempfile  # here: a reader (`sendoff check`, `due`) never writes

        fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=self._temp_prefix, suffix=".tmp")
        temp = Path(name)
        swapped = False
        try:
            with open(fd, "wb") as file:
                file.write(payload)
                file.flush()
                os.fsync(file.fileno())
            self._check_unchanged()
            if not self._backed_up:
                self._rotate_backups()
                self._backed_up = True
            displaced = self._swap_in(temp)
            swapped = True
        finally:
            if not swapped:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
        if displaced is not None:
            self._displaced.append(_Displaced(displaced, self._digest, time.monotonic()))
        self._wrote = True
        self._digest = digest_of(payload)
        self._stamp = stamp(os.stat(self.path))
        sync_folder(self.path.parent)

    def _settle_displaced(self, *, ending: bool = False) -> None:
        """Check once more the files that recent saves swapped out, then remove those swapped out
        over WATCH_SECONDS ago (all of them when the session is ``ending``): an editor that had
        one open may have written to it after the swap. Such a late change is put back in place
        (raising `_Changed`): it is never lost."""
        late = next((displaced for displaced in reversed(self._displaced)  # newest first
                     if displaced.written_since()), None)
        now = time.monotonic()
        watched = [] if ending or late else [displaced for displaced in self._displaced
                                             if now - displaced.since < WATCH_SECONDS]
        for displaced in self._displaced:
            if displaced is not late and displaced not in watched:
                with contextlib.suppress(OSError):
                    os.unlink(displaced.path)
        self._displaced = watched
        if late is not None:
            try:  # theirs in place; ours is in recovery
                swapped = exchange(late.path, self.path)
            except OSError:
                swapped = False
            if swapped:
                with contextlib.suppress(OSError):
                    os.unlink(late.path)
            else:
                os.replace(late.path, self.path)
            raise _Changed

    def _check_unchanged(self) -> None:
        """Raise `_Changed` unless the file holds what it held when last read or written."""
        try:
            stat = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):
            if self._digest is not None:
                raise _Changed from None  # deleted since: not recreated behind its remover
            return
        if self._stamp is not None and stamp(stat) == self._stamp:
            return  # not written since: the content is proven again once it is swapped out
        if self._is_changed(self.path):
            raise _Changed

    def _is_changed(self, path: Path) -> bool:
        """Whether ``path`` holds anything but what was last read or written (a file that is
        being written, or cannot be read, counts as changed: it is never replaced)."""
        try:
            return current_digest(path) != self._digest
        except (Changing, OSError):
            return True

    def _swap_in(self, temp: Path) -> Path | None:
        """Swap ``temp`` in for the file, making sure that what was swapped out is what was last
        read or written; returns where the swapped-out file now is (None: it is gone)."""
        if self._digest is None:  # a new file: only if nobody made one meanwhile
            try:
                os.link(temp, self.path)
            except FileExistsError:
                raise _Changed from None
            except OSError as error:  # no hard links on this file system
                if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK):
                    raise
                if os.path.lexists(self.path):
                    raise _Changed from None
                os.replace(temp, self.path)
                return None
            os.unlink(temp)
            return None
        if not exchange(temp, self.path):
            # No atomic swap here: the file is checked by content right before it is replaced
            # (a change during that reading is seen too).
            if self._is_changed(self.path):
                raise _Changed
            os.replace(temp, self.path)
            return None
        # ``temp`` now names the file that was in place, whenever another program put it there.
        if self._is_changed(temp):
            try:
                exchange(temp, self.path)  # theirs goes back in place; ours is kept for recovery
            except OSError:
                os.replace(temp, self.path.with_name(f"{self._recovery.name}.theirs"))
            raise _Changed
        return temp

    def close(self) -> None:
        """Finish background writes (the file itself is only open while read or written), then
        make sure the file still holds what was last saved: if another program replaced it after
        that, this session's state goes to a recovery file and DataFileChanged says so. Raises
        the failure, too, while the newest change is not saved."""
        self._folding = self._fold_on_close  # what is left to write is written whole
        if self._writer is not None:
            writer = self._writer
            try:
                writer.flush()  # raises the failure, if any
                if self._folding and self._journal.changes:  # at rest, one plain file
                    writer.submit({name: dict(table) for name, table in self._tables.items()})
            finally:
                self._writer = None
                writer.close()
        elif self._folding and self._wrote and self._journal.changes and self._failure is None:
            # Only a session that wrote: a reader (which holds no lock) never writes.
            self._write_now({name: dict(table) for name, table in self._tables.items()})
        if self._failure is not None:
            raise self._failure
        try:
            self._settle_displaced(ending=True)
            changed = self._wrote and self._digest is not None and self._is_changed(self.path)
        except _Changed:
            changed = True
        if changed:
            payload = self._serialise(self._tables or {})
            raise DataFileChanged(self.path, self._kept_aside(payload))

    @property
    def _temp_prefix(self) -> str:
        return f".{self.path.name}."

    def _load(self, attempts: int = 3) -> Tables | None:
        """The file's tables with its journal's changes. A journal that does not fit the file is
        read again with the file (``attempts`` times in all): a reader that read the file just
        before a fold and the journal just after it would find the new journal foreign."""
        try:
            with open(self.path, "rb") as file:
                stamped = stamp(os.fstat(file.fileno()))
                raw = file.read()
        except (FileNotFoundError, NotADirectoryError):
            if journal_path(self.path).exists():  # never dropped: its changes are in it alone
                raise DataFileDamaged(
                    journal_path(self.path), "it holds changes to a data file that is no longer "
                    "there; move it away to start afresh", None) from None
            return None
        except OSError as error:
            raise DataFileUnreadable(self.path, error.strerror or str(error)) from error
        self._digest, self._stamp = digest_of(raw), stamped
        try:
            self._journal = self._read_journal()
        except DataFileDamaged:
            self._parsed(raw)  # a damaged file is told as such first
            if attempts <= 1 or self._wrote:
                raise
            time.sleep(0.05)
            return self._load(attempts - 1)
        known = (None if self._known is None or self._digest is None
                 else self._known(content_digest(self._digest, self._journal.digest)))
        tables = self._parsed(raw, known)
        if self._journal.changes:
            tables = replay(tables if tables is not None else {}, self._journal.records)
            self._journal.records.clear()  # in the tables now; its digest says it has changes
        self._durable = {name: dict(table) for name, table in (tables or {}).items()}
        return tables

    def _parsed(self, raw: bytes, known: file_layout.Known | None = None) -> Tables | None:
        try:
            return _parse(raw, known)
        except _Damage as damage:
            raise DataFileDamaged(self.path, str(damage), newest_good_backup(self.path)) from None

    def _read_journal(self) -> JournalState:
        """The journal of the file as just read; one made for another data file (the file
        replaced while changes were only in the journal) makes the file damaged: neither is
        changed, nor is the journal ever dropped."""
        try:
            journal = read_journal(self.path, self._digest)
        except OSError as error:
            raise DataFileUnreadable(journal_path(self.path),
                                     error.strerror or str(error)) from error
        if journal.foreign:
            raise JournalForeign(self.path, journal_path(self.path), newest_good_backup(self.path))
        return journal

    def _rotate_backups(self) -> None:
        # Once per session: bak1 is the state this session started from. A hard link costs nothing
        # and stays intact, because the data file is always replaced by a new file, never rewritten.
        if self.backups < 1 or self._digest is None or not os.path.getsize(self.path):
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
            import shutil

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


@dataclass
class _Displaced:
    """A file a save swapped out, and what it held then."""

    path: Path
    digest: Digest
    since: float  # time.monotonic() at the swap
    checked: tuple[int, ...] | None = None  # its stamp when last found unchanged

    def written_since(self) -> bool:
        """Whether anything but the content swapped out is in it now (unreadable counts)."""
        try:
            now = stamp(os.stat(self.path))
            if now == self.checked:
                return False
            late = current_digest(self.path) not in (self.digest, None)
        except (Changing, OSError):
            return True
        if not late:
            self.checked = now
        return late


class _Changed(Exception):
    """The file is not the one last read or written: another program changed it."""
