"""The one door to the data file: every read and write of clients goes through here."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from tinydb import TinyDB
from tinydb.table import Document

from storage.errors import (
    DataFileDamaged,
    DataFileError,
    DataFileInvalid,
    DataFileReadOnly,
    DataFileTooNew,
    SendoffError,
    ValidationError,
)
from storage.outputs.printable import printable
from storage.persistence.filestore import SafeJSONStorage, newest_good_backup
from storage.persistence.lock import WriterLock
from storage.persistence.paths import real_path
from storage.persistence.schema import (
    CLIENTS_TABLE,
    INBOX_TABLE,
    META_TABLE,
    SCHEMA_VERSION,
    migrate,
    stored_version,
)
from storage.persistence.validation import validate_tables
from storage.records.client import Client
from storage.rules.names import clashes, name_key
from storage.views.due_item import DueItem
from storage.views.glance import stored_document
from storage.views.index_file import IndexWriter, vouches_for
from storage.views.promises import CHASE_AFTER_DAYS
from storage.views.search import Hit, search
from storage.views.summary import ClientSummary, ListOrder, listed_ids, summary_of

UNDO_DEPTH = 100


class ClientNotFound(SendoffError, LookupError):
    """No client, or more than one, matches what was asked for."""


def _candidate(client: Client) -> str:
    """One client among several of a name, on one line: enough to tell which is which."""
    text = printable(client.name) + (" (archived)" if client.archived else "")
    known = [printable(value.strip()) for value in (client.contact_person, client.email)
             if value.strip()]
    return f"{text} — {', '.join(known)}" if known else text


@dataclass(frozen=True)
class _Undo:
    """A client as it was before a change (None: not there), to put back; ``what`` names it."""

    client_id: int
    before: dict[str, Any] | None
    what: str

    def told(self) -> Undoable:
        return Undoable(self.client_id, self.what, removes_client=self.before is None)


class Undoable(NamedTuple):
    """What the next undo (or redo) does: to which client, in words, and whether it takes
    the client away (undoing "add", redoing "delete"), which the app asks about first."""

    client_id: int
    what: str
    removes_client: bool


class Repository:
    """Clients in one TinyDB file, one document per client.

    Opened for writing it holds the single-writer lock until closed. Records handed out
    are fresh copies: changing one changes nothing until it is passed to ``save_client``.
    Each change is appended to the file's journal, durable before it returns, and the journal
    folded into the file when it has grown and on `close`; with ``keep_journal=True`` it is
    left for a later session to fold, so that a script changing one client of a large book
    costs what that change costs. With ``background=True`` the file is written by a writer
    thread, so a change never waits for the disk; ``on_write_error`` hears of a failed write
    (from that thread) and `close` waits until every change is on disk.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        writable: bool = True,
        why_read_only: str = "it was opened to read only",
        background: bool = False,
        on_write_error: Callable[[DataFileError], None] | None = None,
        keep_journal: bool = False,
    ) -> None:
        self.path = real_path(path)
        self.writable = writable
        self._why_read_only = why_read_only  # what a change is told, when not writable
        self._lock = WriterLock(self.path) if writable else None
        self._history: list[_Undo] = []  # what undo puts back, the last change last
        self._redone: list[_Undo] = []  # what redo puts back, the last undo last
        if self._lock:
            self._lock.acquire()
        try:
            self._index_writer = IndexWriter(self.path)
            self._db = TinyDB(str(self.path), storage=SafeJSONStorage, background=background,
                              on_error=on_write_error, after_write=self._index_writer,
                              known=self._index_writer.known, replaces=True,
                              fold_on_close=writable and not keep_journal)
            self._open()
        except BaseException:
            self.close()
            raise

    def _open(self) -> None:
        storage: SafeJSONStorage = self._db.storage
        tables = storage.read()
        if tables is None:
            self._has_meta = False
            return
        with contextlib.suppress(ValidationError):  # else validation names the problem
            version = stored_version(tables)
            if version > SCHEMA_VERSION:
                raise DataFileTooNew(self.path, version, SCHEMA_VERSION)
        if not vouches_for(self.path, storage.digest):
            self._validate(tables)
        if migrate(tables) and self.writable:
            storage.write(tables)
        self._has_meta = True

    def _validate(self, tables: dict[str, Any]) -> None:
        """Refuse a file that is not what Sendoff stores (naming every problem), and read each
        client's derived parts made again from its fields (see `storage.persistence.validation`). A file
        found whole gets its index, which vouches for it: the next open skips this."""
        found = validate_tables(tables)
        if not found.ok:
            raise DataFileInvalid(
                self.path, [printable(str(problem)) for problem in found.problems],
                newest_good_backup(self.path, lambda backup: validate_tables(backup).ok))
        if found.refreshed:  # fresh in memory; the first save writes them
            tables[CLIENTS_TABLE].update(found.refreshed)
        elif self.writable:
            self._index_writer(tables, self.digest)

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Wait for pending writes (raising if they failed), then free the file."""
        try:
            if getattr(self, "_db", None) is not None:
                db, self._db = self._db, None
                db.close()
        finally:
            if self._lock:
                self._lock.release()

    @property
    def digest(self) -> str | None:
        """Which content of the data file this repository holds (see `filestore.digest_of`)."""
        return self._db.storage.digest

    def flush(self) -> None:
        """Wait until every change so far is on disk; raises WriteFailed if it cannot be."""
        self._db.storage.flush()

    @property
    def _clients(self):
        return self._db.table(CLIENTS_TABLE, cache_size=0)

    def _parse(self, doc: Document) -> Client:
        try:
            return Client.from_dict(doc, doc.doc_id)
        except ValidationError as error:
            raise DataFileDamaged(
                self.path,
                f"client #{doc.doc_id} has a bad {error.field}: {error.message}",
                newest_good_backup(self.path),
            ) from None

    def clients(self, *, include_archived: bool = False) -> list[Client]:
        """Every client, by name; archived ones only when asked. Safe to call from a worker
        thread while the UI thread saves: the documents are taken all at once (a client added
        meanwhile is not among them), and a save replaces a document, never edits it."""
        documents = list(self._documents().items())
        found = [self._parse(Document(doc, doc_id=int(key))) for key, doc in documents]
        if not include_archived:
            found = [client for client in found if not client.archived]
        return sorted(found, key=lambda client: (client.name.casefold(), client.id))

    def due(self, today: date, within_days: int, chase_after: int = CHASE_AFTER_DAYS
            ) -> list[DueItem]:
        """What is due across every client that is not archived, as `storage.views.agenda.due`
        lists it: as `sendoff due` reads it from the index, from the index's entries kept in
        memory (see `IndexWriter.due_index`), so that no client is parsed but those changed
        since; else from the dates stored with each follow-up (see `due_from_documents`)."""
        from storage.views.agenda import due_from_documents
        from storage.views.index_file import due_from_index

        indexed = self._index_writer.due_index(self._db.storage.read() or {})
        items = (None if indexed is None
                 else due_from_index(indexed, today, within_days, chase_after))
        if items is not None:
            return items
        return due_from_documents(((doc.doc_id, doc) for doc in self._clients.all()), today,
                                  within_days, self._parse, chase_after)

    def search(self, query: str) -> list[Hit]:
        """Every client, archived ones too, holding each word of ``query``, each with where
        (see `storage.views.search`); safe from a worker thread, as `clients` is."""
        return search(self.clients(include_archived=True), query)

    def client(self, client_id: int) -> Client:
        doc = self._clients.get(doc_id=client_id)
        if doc is None:
            raise ClientNotFound(f"There is no client #{client_id} in {self.path}.")
        return self._parse(doc)

    def find_client(self, name: str) -> Client:
        """The client ``name`` means: ``#ID`` (its number), else the only client named so (any
        case), else the only one whose name starts with it. When several match, the error
        lists each with its number, the way to choose it."""
        wanted = name_key(name)
        if not wanted:
            raise ClientNotFound("say which client: its name, the start of its name, "
                                 "or its number such as '#3'")
        by_number = re.fullmatch(r"#(\d+)", wanted)
        if by_number and self._clients.contains(doc_id=int(by_number[1])):
            return self.client(int(by_number[1]))
        names = [(int(key), name_key(str(doc.get("name", ""))))
                 for key, doc in self._documents().items()]  # from rows: none parsed
        exact = [client_id for client_id, known in names if known == wanted]
        matches = exact or [client_id for client_id, known in names if known.startswith(wanted)]
        if len(matches) == 1:
            return self.client(matches[0])
        if not matches and by_number:
            raise ClientNotFound(f"There is no client {name.strip()} in {self.path}.")
        if not matches:
            raise ClientNotFound(f"No client is called {name!r} in {self.path}.")
        matches = sorted((self.client(client_id) for client_id in matches),
                         key=lambda client: (client.name.casefold(), client.id))
        width = max(len(str(client.id)) for client in matches) + 1
        lines = [f"{name.strip()!r} matches {len(matches)} clients in {self.path}; give the "
                 "number of the one you mean instead, in quotes (the shell reads # as a "
                 f"comment), e.g. '#{matches[0].id}':"]
        lines += [f"  {f'#{client.id}':<{width}}  {_candidate(client)}" for client in matches]
        raise ClientNotFound("\n".join(lines))

    def _documents(self) -> dict[str, dict[str, Any]]:
        return (self._db.storage.read() or {}).get(CLIENTS_TABLE, {})

    def client_ids(self, *, include_archived: bool = False, matching: str = "",
                   order: ListOrder = ListOrder.NAME,
                   out_of_touch_since: date | None = None) -> list[int]:
        """Ids of the clients to list, without reading any client in full (see
        `storage.views.summary.listed_ids`)."""
        documents = ((int(key), doc) for key, doc in self._documents().items())
        return listed_ids(documents, include_archived=include_archived, matching=matching,
                          order=order, out_of_touch_since=out_of_touch_since)

    def summary(self, client_id: int, today: date) -> ClientSummary:
        """The dashboard's view of one client, from what is stored with it.

        Safe to call from a worker thread while the UI thread saves: a saved client gets a new
        document. Every document has its glance, made again on open where it was missing or out
        of date (see `storage.persistence.validation`).
        """
        return summary_of(client_id, self._documents()[str(client_id)], today)

    def is_empty(self) -> bool:
        return len(self._clients) == 0

    def name_clash(self, name: str, *, client_id: int | None = None,
                   archived: bool = False) -> ValidationError | None:
        """Why a client named ``name`` (``client_id``, or a new one) cannot be kept as it is:
        another client not archived has that name, in any case; None when nothing is in its
        way. Names of the clients at work are unique, so that a name says who is meant."""
        wanted = name_key(name)
        if archived or not wanted:
            return None
        for key, doc in self._documents().items():  # from rows: none parsed
            other = str(doc.get("name", ""))
            if not doc.get("archived") and name_key(other) == wanted and int(key) != client_id:
                return ValidationError("name", f"#{key} is already called "
                                               f"'{printable(other.strip())}'; give this client "
                                               f"a name of its own, or archive #{key} first")
        return None

    def _refuse_name_clash(self, client: Client) -> None:
        clash = self.name_clash(client.name, client_id=client.id, archived=client.archived)
        if clash is not None:
            raise clash

    def add_client(self, client: Client, *, settling: Sequence[str] = ()) -> Client:
        """Validate and store a new client; returns it with its id. Refused (ValidationError)
        when another client at work has its name (see `name_clash`). ``settling``: as
        `save_client`."""
        self._require_writable()
        client.validate()
        self._refuse_name_clash(client)
        self._ensure_meta()
        if settling:
            self._note_settled(self._db.storage.read(), settling)
        client.id = self._clients.insert(stored_document(client))
        self._remember(client.id, None, f"add {client.name}")
        return client

    def replace_all(self, clients: list[Client]) -> list[Client]:
        """Replace every client at once (demo data); this cannot be undone."""
        self._require_writable()
        for client in clients:
            client.validate()
        clash = next(iter(clashes((0, client.name, client.archived) for client in clients)), None)
        if clash is not None:
            raise ValidationError("name", f"{len(clash.client_ids)} clients at work would be "
                                          f"called '{printable(clash.name)}'")
        self._ensure_meta()
        self._clients.truncate()
        ids = self._clients.insert_multiple(stored_document(client) for client in clients)
        for client, client_id in zip(clients, ids, strict=True):
            client.id = client_id
        self._history.clear()
        self._redone.clear()
        return clients

    def save_client(self, client: Client, *, what: str = "change",
                    settling: Sequence[str] = ()) -> Client:
        """Validate and store ``client`` whole; nothing is written if it is invalid, or if it
        is renamed (or brought back from the archive) to the name of another client at work
        (see `name_clash`). ``settling``: the inbox entries settled once this is stored (see
        `settled_inbox`), recorded in the same write."""
        self._require_writable()
        if client.id is None:
            raise ValueError("save_client needs a client that was added first")
        client.validate()
        before = self._clients.get(doc_id=client.id)
        if before is None:
            raise ClientNotFound(f"There is no client #{client.id} in {self.path}.")
        if (before.get("name"), before.get("archived")) != (client.name, client.archived):
            self._refuse_name_clash(client)
        self._replace(client.id, stored_document(client), settling)
        self._remember(client.id, dict(before), what)
        return client

    def settled_inbox(self) -> frozenset[str]:
        """The ids of the inbox's entries this file has settled (applied or refused), as
        recorded with their change: only those still in the inbox when it was last written
        (see `storage.persistence.inbox`)."""
        record = (self._db.storage.read() or {}).get(INBOX_TABLE, {}).get("1", {})
        return frozenset(record.get("settled", ())) if isinstance(record, dict) else frozenset()

    def settle_inbox(self, settling: Sequence[str]) -> None:
        """Record ``settling`` as the inbox's settled entries, with no change to any client (an
        entry refused)."""
        self._require_writable()
        tables = self._db.storage.read() or {}
        self._note_settled(tables, settling)
        self._db.storage.write(tables)

    @staticmethod
    def _note_settled(tables: dict[str, Any], settling: Sequence[str]) -> None:
        tables[INBOX_TABLE] = {**tables.get(INBOX_TABLE, {}), "1": {"settled": list(settling)}}

    def delete_client(self, client_id: int) -> None:
        self._require_writable()
        before = self._clients.get(doc_id=client_id)
        if before is None:
            raise ClientNotFound(f"There is no client #{client_id} in {self.path}.")
        self._clients.remove(doc_ids=[client_id])
        self._remember(client_id, dict(before), f"delete {before.get('name', '')}")

    @property
    def next_undo(self) -> Undoable | None:
        """What `undo` would take back now; None when nothing."""
        return self._history[-1].told() if self._history else None

    @property
    def next_redo(self) -> Undoable | None:
        """What `redo` would make again now; None when nothing."""
        return self._redone[-1].told() if self._redone else None

    def undo(self) -> str | None:
        """Revert the last change made through this repository; returns what was undone."""
        return self._step_back(self._history, self._redone)

    def redo(self) -> str | None:
        """Make again the change the last undo took back; returns what was redone. Any new
        change forgets what could be redone."""
        return self._step_back(self._redone, self._history)

    def _step_back(self, taken: list[_Undo], kept: list[_Undo]) -> str | None:
        """Put back the last state of ``taken``, keeping the one it replaces in ``kept``."""
        self._require_writable()
        if not taken:
            return None
        last = taken.pop()
        now = self._clients.get(doc_id=last.client_id)
        if last.before is None:
            self._clients.remove(doc_ids=[last.client_id])
        elif now is not None:
            self._replace(last.client_id, last.before)
        else:
            self._clients.insert(Document(last.before, doc_id=last.client_id))
        kept.append(_Undo(last.client_id, None if now is None else dict(now), last.what))
        del kept[:-UNDO_DEPTH]
        return last.what

    def _replace(self, client_id: int, document: dict[str, Any],
                 settling: Sequence[str] = ()) -> None:
        """Store ``document`` whole as client ``client_id``, through the storage (TinyDB's
        extension point): a written document is never edited in place, so the writer thread can
        serialise it while the next change is made, and TinyDB's own update would copy the whole
        table twice, a millisecond of every key press at a thousand clients."""
        storage = self._db.storage
        tables = storage.read() or {}
        tables.setdefault(CLIENTS_TABLE, {})[str(client_id)] = document
        if settling:
            self._note_settled(tables, settling)
        self._clients.clear_cache()
        storage.write(tables)

    def _remember(self, client_id: int, before: dict[str, Any] | None, what: str) -> None:
        self._history.append(_Undo(client_id, before, what))
        del self._history[:-UNDO_DEPTH]
        self._redone.clear()

    def _ensure_meta(self) -> None:
        """A new file gets its schema version with its first client."""
        if not self._has_meta:
            self._db.table(META_TABLE).insert({"schema": SCHEMA_VERSION})
            self._has_meta = True

    def _require_writable(self) -> None:
        if not self.writable:
            raise DataFileReadOnly(self.path, self._why_read_only)
