"""A small file beside the data file with just what `sendoff due` needs, so that it answers
without parsing every client (a thousand clients are 11 MB of JSON; the index is a tenth).

It is a cache, never the data: it records the data file's signature (inode, size, mtime) and is
ignored as soon as the data file is not exactly the one it was made from. Each follow-up's next
date is stored in the data file on every save (`Client.to_dict`), so building the index is
copying, not computing.
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

INDEX_VERSION = 2
_FOLLOW_UP_KEYS = ("id", "label", "kind", "next_on", "latest", "upcoming")


def index_path(data_path: Path) -> Path:
    return data_path.with_name(f"{data_path.name}.due")


def _entry(client_id: str, doc: dict[str, Any]) -> dict[str, Any]:
    follow_ups = doc.get("follow_ups", [])
    return {
        "id": int(client_id),
        "name": doc.get("name", ""),
        "forward": [item.get("text", "") for item in doc.get("forward_queue", [])],
        "follow_ups": [{key: follow_up.get(key) for key in _FOLLOW_UP_KEYS}
                       for follow_up in follow_ups if follow_up.get("next_on")],
        # A client not saved by this version has no stored dates: its rules must be evaluated.
        "dated": all("upcoming" in follow_up for follow_up in follow_ups),
    }


class DueIndexWriter:
    """Writes the index after each save of the data file (`SafeJSONStorage`'s ``after_write``).

    Entries are kept per client document and rebuilt only for documents that changed, so that
    the writer thread stays brief at a thousand clients.
    """

    def __init__(self, data_path: Path) -> None:
        self.path = index_path(data_path)
        self._entries: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}

    def __call__(self, tables: dict[str, Any], signature: Any) -> None:
        """Replace the index with one made from ``tables``, the data file's new content."""
        import orjson  # here, not at the top: the reading side is timed against a bare interpreter

        from storage.replace_file import replace_file

        entries = {}
        for key, doc in tables.get(CLIENTS_TABLE, {}).items():
            cached = self._entries.get(key)
            entries[key] = cached if cached and cached[0] is doc else (doc, _entry(key, doc))
        self._entries = entries
        index = {
            "version": INDEX_VERSION,
            "signature": list(signature) if signature else None,
            "clients": [entry for doc, entry in entries.values() if not doc.get("archived")],
        }
        with contextlib.suppress(OSError):  # best effort: due reads the data file without it
            replace_file(self.path, orjson.dumps(index), mode=0o600)


def read_index(data_path: Path) -> list[dict[str, Any]] | None:
    """The indexed clients, or None when the index is missing, unreadable or out of date.

    Read with the standard json module: importing orjson costs more than it saves here."""
    import json

    try:
        signature = os.stat(data_path)
        index = json.loads(index_path(data_path).read_bytes())
    except (OSError, ValueError):
        return None
    current = [signature.st_ino, signature.st_size, signature.st_mtime_ns]
    if not isinstance(index, dict) or index.get("version") != INDEX_VERSION:
        return None
    if index.get("signature") != current:
        return None
    return index.get("clients")


def due_from_index(clients: list[dict[str, Any]], today: date,
                   within_days: int) -> list[DueItem] | None:
    """The same list as `agenda.due`, from the dates stored with each follow-up; None when the
    window reaches past the dates stored for a rule (then the rules must be evaluated)."""
    end = today + timedelta(days=within_days)
    first, last = today.isoformat(), end.isoformat()  # ISO dates compare as text
    found: list[DueItem] = []
    for client in clients:
        if not client.get("dated"):
            return None
        forward = tuple(client["forward"])
        for raw in client["follow_ups"]:
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
