"""A small file beside the data file with what the dashboard and `sendoff due` show, so that
both answer without parsing every client (a thousand clients are 13 MB of JSON; the index is
about 1 MB). Lines of JSON:

1. the version and the data file's signature;
2. the dashboard's rows, which it reads alone;
3. for `sendoff due`: whether every follow-up has its coming dates stored, and each client's
   articles to forward;
4. and after: one line per follow-up of a client that is not archived, soonest first, so that
   `sendoff due` parses only the follow-ups due by the end of its window.

It is a cache, never the data: it records the data file's signature (inode, size, mtime) and is
ignored as soon as the data file is not exactly the one it was made from. Each client's glance
and follow-up dates are stored in the data file on every save (`storage.glance`), so building
the index is copying, not computing.
"""

from __future__ import annotations

import contextlib
import os
from bisect import bisect_right
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from storage.due_item import DueItem, DueWindow, soonest_first, stored_due
from storage.schema import CLIENTS_TABLE
from storage.summary import ClientSummary, listed_ids, summary_of

INDEX_VERSION = 5
_CLIENT_KEYS = ("name", "contact_person", "industry", "archived", "glance")
_FIRST_FOLLOW_UP = 3  # the line (from 0) of the soonest follow-up


def index_path(data_path: Path) -> Path:
    return data_path.with_name(f"{data_path.name}.index")


def _derived(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with its glance and follow-up dates, which a client saved by an older Sendoff
    lacks: parsed once here, so that the index is complete until that client is saved again."""
    if "glance" in doc:
        return doc
    from storage.client import Client
    from storage.errors import ValidationError
    from storage.glance import stored_document

    try:
        return stored_document(Client.from_dict(doc))
    except ValidationError:  # the app reports it when the client is opened
        return doc


class _Entry(NamedTuple):
    """What the index holds of one client."""

    row: dict[str, Any]  # the dashboard's row
    forward: list[str]  # the articles to forward at the next contact
    dated: bool  # whether every follow-up has its coming dates stored
    follow_ups: list[str]  # a line for each follow-up with a next date


def _entry(client_id: str, doc: dict[str, Any], dumps: Any) -> _Entry:
    doc = _derived(doc)
    follow_ups = doc.get("follow_ups", [])
    row = {key: doc[key] for key in _CLIENT_KEYS if key in doc}
    row["id"] = int(client_id)
    # Without stored dates (a client that could not be read) the rules must be evaluated.
    dated = all("upcoming" in follow_up for follow_up in follow_ups)
    # Kept as text: each bytes object orjson returns holds a 4 kB buffer (18 MB for 4,500).
    lines = [dumps([follow_up["next_on"], row["id"], doc.get("name", ""), follow_up.get("id"),
                    follow_up.get("label"), follow_up.get("kind"), follow_up.get("latest"),
                    follow_up.get("upcoming")]).decode()
             for follow_up in follow_ups if follow_up.get("next_on")]
    forward = [item.get("text", "") for item in doc.get("forward_queue", [])]
    return _Entry(row, forward, dated, lines)


class IndexWriter:
    """Writes the index after each save of the data file (`SafeJSONStorage`'s ``after_write``).

    Entries are kept per client document and rebuilt only for documents that changed, so that
    the writer thread stays brief at a thousand clients.
    """

    def __init__(self, data_path: Path) -> None:
        self.path = index_path(data_path)
        self._entries: dict[str, tuple[dict[str, Any], _Entry]] = {}

    def __call__(self, tables: dict[str, Any], signature: Any) -> None:
        """Replace the index with one made from ``tables``, the data file's new content."""
        import orjson  # here, not at the top: the reading side is timed against a bare interpreter

        from storage.replace_file import replace_file

        entries = {}
        for key, doc in tables.get(CLIENTS_TABLE, {}).items():
            cached = self._entries.get(key)
            entries[key] = (cached if cached and cached[0] is doc
                            else (doc, _entry(key, doc, orjson.dumps)))
        self._entries = entries
        current = [entry for _, entry in entries.values() if not entry.row.get("archived")]
        header = {"version": INDEX_VERSION, "signature": list(signature) if signature else None}
        due = {"undated": not all(entry.dated for entry in current),
               "forward": {str(entry.row["id"]): entry.forward
                           for entry in current if entry.forward}}
        # Each line starts with its date, so sorting the lines puts them soonest first.
        follow_ups = sorted(line for entry in current for line in entry.follow_ups)
        content = b"\n".join([orjson.dumps(header),
                               orjson.dumps({"clients": [entry.row for _, entry in entries.values()]}),
                               orjson.dumps(due), *(["\n".join(follow_ups).encode()]
                                                    if follow_ups else [])])
        with contextlib.suppress(OSError):  # best effort: the data file is read without it
            replace_file(self.path, content, mode=0o600)


class ClientIndex:
    """The dashboard's rows, as read from the index."""

    def __init__(self, clients: list[dict[str, Any]], signature: tuple[int, int, int]) -> None:
        self.clients = clients
        self.signature = signature  # of the data file it was made from
        self._by_id = {client["id"]: client for client in clients}

    @property
    def complete(self) -> bool:
        """Whether every client has its row (a client that could not be read has none)."""
        return all("glance" in client for client in self.clients)

    def client_ids(self, *, include_archived: bool = False, matching: str = "") -> list[int]:
        """As `Repository.client_ids`."""
        return listed_ids(((client["id"], client) for client in self.clients),
                          include_archived=include_archived, matching=matching)

    def summary(self, client_id: int, today: date) -> ClientSummary:
        """As `Repository.summary`."""
        return summary_of(client_id, self._by_id[client_id], today)

    def is_empty(self) -> bool:
        return not self.clients


class DueIndex(NamedTuple):
    """What `sendoff due` reads of the index: the follow-ups' lines are parsed when asked for."""

    undated: bool  # some follow-up of a current client has no coming dates stored
    forward: dict[str, list[str]]  # by client id
    lines: list[bytes]  # a line per follow-up, soonest first

    def follow_ups_until(self, last: str) -> list[list[Any]]:
        """Every follow-up whose next date is ``last`` (an ISO date) or sooner."""
        import json

        end = bisect_right(self.lines, last.encode(), key=lambda line: line[2:12])
        return json.loads(b"[" + b",".join(self.lines[:end]) + b"]") if end else []


def _signature(data_path: Path) -> list[int]:
    stat = os.stat(data_path)
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def _current(header: Any, data_path: Path) -> bool:
    """Whether ``header`` is this version's, made from the data file as it is."""
    return (isinstance(header, dict) and header.get("version") == INDEX_VERSION
            and header.get("signature") == _signature(data_path))


def read_index(data_path: Path) -> ClientIndex | None:
    """The dashboard's rows, or None when the index is missing, unreadable or not made from the
    file as it is.

    Read with the standard json module: importing orjson costs more than it saves here."""
    import gc
    import json

    collecting = gc.isenabled()
    gc.disable()  # thousands of small dicts, all kept: a collection would find nothing to free
    try:
        with open(index_path(data_path), "rb") as index:
            header = json.loads(index.readline())
            if not _current(header, data_path):
                return None
            clients = json.loads(index.readline())["clients"]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(clients, list):
        return None
    return ClientIndex(clients, tuple(header["signature"]))


def read_due_index(data_path: Path) -> DueIndex | None:
    """What `sendoff due` needs, or None as for `read_index`."""
    import json

    try:
        lines = index_path(data_path).read_bytes().split(b"\n")
        if len(lines) < _FIRST_FOLLOW_UP or not _current(json.loads(lines[0]), data_path):
            return None
        due = json.loads(lines[_FIRST_FOLLOW_UP - 1])
        return DueIndex(bool(due["undated"]), dict(due["forward"]), lines[_FIRST_FOLLOW_UP:])
    except (OSError, ValueError, TypeError, KeyError):
        return None


def due_from_index(index: DueIndex, today: date, within_days: int) -> list[DueItem] | None:
    """The same list as `agenda.due`, from the dates stored with each follow-up; None when a
    follow-up has none, or the window reaches past the dates stored for a rule (then the rules
    must be evaluated)."""
    if index.undated:
        return None
    window = DueWindow.of(today, within_days)
    found: list[DueItem] = []
    try:
        follow_ups = index.follow_ups_until(window.last)
    except ValueError:  # a damaged line
        return None
    for next_day, client_id, name, follow_up_id, label, kind, latest, upcoming in follow_ups:
        items = stored_due(window, client_id, name, tuple(index.forward.get(str(client_id), ())),
                           follow_up_id, label, kind, next_day, latest, upcoming)
        if items is None:
            return None
        found += items
    return soonest_first(found)
