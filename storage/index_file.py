"""A small file beside the data file with what the dashboard and `sendoff due` show, so that
both answer without parsing every client (a thousand clients are 13 MB of JSON; the index is
about 1 MB). Two lines of JSON: the dashboard's rows, which it reads alone, then the coming
dates of every follow-up, for `sendoff due`.

It is a cache, never the data: it records the data file's signature (inode, size, mtime) and is
ignored as soon as the data file is not exactly the one it was made from. Each client's glance
and follow-up dates are stored in the data file on every save (`storage.glance`), so building
the index is copying, not computing.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storage.due_item import DueItem, soonest_first
from storage.schedule import UPCOMING_DAYS, freshness
from storage.schema import CLIENTS_TABLE
from storage.summary import ClientSummary, listed_ids, summary_of

INDEX_VERSION = 4
_CLIENT_KEYS = ("name", "contact_person", "industry", "archived", "glance")
_FOLLOW_UP_KEYS = ("id", "label", "kind", "next_on", "latest", "upcoming")


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


def _entry(client_id: str, doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The client's row for the dashboard, and its coming dates."""
    doc = _derived(doc)
    follow_ups = doc.get("follow_ups", [])
    row = {key: doc[key] for key in _CLIENT_KEYS if key in doc}
    row["id"] = int(client_id)
    dates = {
        "forward": [item.get("text", "") for item in doc.get("forward_queue", [])],
        "follow_ups": [{key: follow_up.get(key) for key in _FOLLOW_UP_KEYS}
                       for follow_up in follow_ups if follow_up.get("next_on")],
        # Without stored dates (a client that could not be read) the rules must be evaluated.
        "dated": all("upcoming" in follow_up for follow_up in follow_ups),
    }
    return row, dates


class IndexWriter:
    """Writes the index after each save of the data file (`SafeJSONStorage`'s ``after_write``).

    Entries are kept per client document and rebuilt only for documents that changed, so that
    the writer thread stays brief at a thousand clients.
    """

    def __init__(self, data_path: Path) -> None:
        self.path = index_path(data_path)
        self._entries: dict[str, tuple[dict[str, Any], tuple[dict[str, Any], dict[str, Any]]]] = {}

    def __call__(self, tables: dict[str, Any], signature: Any) -> None:
        """Replace the index with one made from ``tables``, the data file's new content."""
        import orjson  # here, not at the top: the reading side is timed against a bare interpreter

        from storage.replace_file import replace_file

        entries = {}
        for key, doc in tables.get(CLIENTS_TABLE, {}).items():
            cached = self._entries.get(key)
            entries[key] = cached if cached and cached[0] is doc else (doc, _entry(key, doc))
        self._entries = entries
        rows = {
            "version": INDEX_VERSION,
            "signature": list(signature) if signature else None,
            "clients": [row for _, (row, _) in entries.values()],
        }
        dates = {"clients": [dates for _, (_, dates) in entries.values()]}
        with contextlib.suppress(OSError):  # best effort: the data file is read without it
            replace_file(self.path, orjson.dumps(rows) + b"\n" + orjson.dumps(dates), mode=0o600)


class ClientIndex:
    """The index as read: every client's row for the dashboard and its coming dates."""

    def __init__(self, clients: list[dict[str, Any]], signature: tuple[int, int, int],
                 dates: list[dict[str, Any]] | None = None) -> None:
        self.clients = clients
        self.signature = signature  # of the data file it was made from
        self.dates = dates  # each client's coming dates, in the same order, when read
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


def read_index(data_path: Path, *, dates: bool = False) -> ClientIndex | None:
    """The index (the coming dates too when asked), or None when it is missing, unreadable or
    not made from the file as it is.

    Read with the standard json module: importing orjson costs more than it saves here."""
    import gc
    import json

    collecting = gc.isenabled()
    gc.disable()  # thousands of small dicts, all kept: a collection would find nothing to free
    try:
        stat = os.stat(data_path)
        rows, _, more = index_path(data_path).read_bytes().partition(b"\n")
        index = json.loads(rows)
        coming = json.loads(more)["clients"] if dates else None
    except (OSError, ValueError, TypeError, KeyError):
        return None
    finally:
        if collecting:
            gc.enable()
    current = [stat.st_ino, stat.st_size, stat.st_mtime_ns]
    if not isinstance(index, dict) or index.get("version") != INDEX_VERSION:
        return None
    clients = index.get("clients")
    if index.get("signature") != current or not isinstance(clients, list):
        return None
    if dates and (not isinstance(coming, list) or len(coming) != len(clients)):
        return None
    return ClientIndex(clients, tuple(current), coming)


def due_from_index(index: ClientIndex, today: date, within_days: int) -> list[DueItem] | None:
    """The same list as `agenda.due`, from the dates stored with each follow-up (read with
    ``dates=True``); None when the window reaches past the dates stored for a rule (then the
    rules must be evaluated)."""
    end = today + timedelta(days=within_days)
    first, last = today.isoformat(), end.isoformat()  # ISO dates compare as text
    found: list[DueItem] = []
    for client, coming in zip(index.clients, index.dates, strict=True):
        if client.get("archived"):
            continue
        if not coming.get("dated"):
            return None
        forward = tuple(coming["forward"])
        for raw in coming["follow_ups"]:
            if raw["next_on"] > last:
                continue
            next_on = date.fromisoformat(raw["next_on"])
            if raw["kind"] != "cadence" and end > next_on + timedelta(days=UPCOMING_DAYS):
                return None  # a cadence has a single date: its next one
            dates = [raw["next_on"]] if raw["next_on"] < first else []
            start = max(first, raw["next_on"])
            dates += [day for day in raw["upcoming"] if start <= day <= last]
            state = freshness(today, (next_on, date.fromisoformat(raw["latest"])))
            for day in dates:
                on = date.fromisoformat(day)
                found.append(DueItem(client["id"], client["name"], raw["id"], raw["label"], on,
                                     on < today, state, forward))
    return soonest_first(found)
