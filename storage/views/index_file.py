"""A small file beside the data file with what the dashboard and `sendoff due` show, so that
both answer without parsing every client (a thousand clients are 13 MB of JSON; the index is
about 1 MB). Lines of JSON:

1. the header: the version, the digest of the data file it was made from, and the digest of the
   lines after it;
2. the dashboard's rows;
3. for `sendoff due`: whether every follow-up has its coming dates stored, each client's
   articles to forward, and how many lines of dates that pass follow;
4. those lines: one per last day and end of notice (see `storage.views.promises.PASSING`) of a
   client that is not archived, soonest first, so that `sendoff due` parses only those in its
   window, not the years of days gone by;
5. and after: one line per follow-up and per other promise of a client that is not archived,
   soonest first, so that `sendoff due` parses only those due by the end of its window (a
   follow-up with its coming dates, and its own fields and the client's last contact for a
   window those dates do not reach).

It is a cache, never the data, and it proves itself before it is believed: it is read only when
its own lines are whole (their digest matches the header's) and the data file's content is the
very content it was made from (by digest: a change that keeps the size and the time is seen);
anything else, and it is ignored. When it proves itself to the repository opening the file, its
rows answer for the clients, which are then left unparsed (`IndexWriter.known`). Each client's
glance and follow-up dates are stored in the data file on every save (`storage.views.glance`),
so building the index is copying, not computing.
"""

from __future__ import annotations

import contextlib
import json
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from storage.persistence.file_digest import Changing, current_digest, digest_of
from storage.persistence.paths import real_path
from storage.persistence.schema import CLIENTS_TABLE, DERIVED_FOLLOW_UP
from storage.persistence.unparsed import KnownRows, Unparsed
from storage.views.due_item import DueItem, DueWindow, soonest_first, stored_due, whose
from storage.views.promises import CHASE_AFTER_DAYS, PASSING, promise_item
from storage.views.summary import ClientSummary, ListOrder, listed_ids, summary_of

if TYPE_CHECKING:
    from storage.persistence.file_layout import Known

INDEX_VERSION = 12  # raised whenever what a valid data file is changes (see vouches_for)
_CLIENT_KEYS = ("name", "industry", "archived", "glance")
ROW_KEYS = frozenset(_CLIENT_KEYS)  # a client's keys its row holds, as the client has them
_FIRST_DATED = 2  # the line (from 0) after the header of the first dated line
_ON_THE_LINE = {"id", "label", "kind", *DERIVED_FOLLOW_UP}  # of a follow-up, in its own place


def index_path(data_path: Path) -> Path:
    data_path = real_path(data_path)
    return data_path.with_name(f"{data_path.name}.index")


class _Entry(NamedTuple):
    """What the index holds of one client."""

    row: dict[str, Any]  # the dashboard's row
    forward: list[str]  # the articles to forward at the next contact
    dated: bool  # whether every follow-up has its coming dates stored, and its promises
    follow_ups: list[str]  # a line for each follow-up with a next date, and each promise
    passing: list[str]  # a line for each last day and end of notice


def _entry(client_id: str, doc: dict[str, Any], dumps: Any) -> _Entry:
    follow_ups = doc.get("follow_ups", [])
    row = {key: doc[key] for key in _CLIENT_KEYS if key in doc}
    row["id"] = int(client_id)
    # Without stored dates (a client that could not be read) the rules must be evaluated.
    dated = "promises" in doc and all("upcoming" in follow_up for follow_up in follow_ups)
    last_contact = (doc.get("glance") or {}).get("last_contact")
    # Kept as text: each bytes object orjson returns holds a 4 kB buffer (18 MB for 4,500).
    glance = doc.get("glance") or {}
    lines = [dumps([follow_up["next_on"], row["id"], doc.get("name", ""), follow_up.get("id"),
                    follow_up.get("label"), follow_up.get("kind"), follow_up.get("latest"),
                    follow_up.get("upcoming"), last_contact, _rest_of(follow_up),
                    whose(glance, follow_up.get("person_id"))]).decode()
             for follow_up in follow_ups if follow_up.get("next_on")]
    passing = []
    engagement = glance.get("engagement", "")
    for day, kind, item_id, text in doc.get("promises") or []:
        line = dumps([day, row["id"], doc.get("name", ""), kind, item_id, text,
                      engagement]).decode()
        (passing if kind in PASSING else lines).append(line)
    forward = [item.get("text", "") for item in doc.get("forward_queue", [])]
    return _Entry(row, forward, dated, lines, passing)


def _rest_of(follow_up: dict[str, Any]) -> dict[str, Any]:
    """What a follow-up's line needs besides its other fields to evaluate its rule, for a window
    its stored dates do not reach: its own fields but those already on the line, and those
    that are empty (read back as missing, which means empty)."""
    return {key: value for key, value in follow_up.items()
            if key not in _ON_THE_LINE and value not in (None, "", [])}


class IndexWriter:
    """Writes the index after each save of the data file (`SafeJSONStorage`'s ``after_write``).

    Entries are kept per client document and rebuilt only for documents that changed, so that
    the writer thread stays brief at a thousand clients.
    """

    def __init__(self, data_path: Path) -> None:
        self.data_path = data_path
        self.path = index_path(data_path)
        self._entries: dict[str, tuple[Mapping[str, Any], _Entry]] = {}
        self._seeds: dict[str, _Entry] = {}  # from the index read, for documents left unparsed
        # its dated lines (the passing ones, the others), not yet given to their entries
        self._unplaced: tuple[list[bytes], list[bytes]] = ([], [])
        self._lock = threading.Lock()  # the writer thread and the app's both ask for entries
        self._outdated = [self.path.with_name(f"{self.path.stem}.due")]  # an older Sendoff's

    def known(self, digest: str) -> Known | None:
        """What the index knows of the clients of the data whose content has ``digest`` (each
        one's row), when it was made from exactly that data (`SafeJSONStorage`'s ``known``);
        else None. Their entries are kept, so that a document left unparsed is never parsed
        to index it."""
        found = _seeds(self.data_path, digest)
        if found is None:
            return None
        self._seeds, self._unplaced = found
        return {CLIENTS_TABLE: KnownRows(ROW_KEYS, {key: entry.row
                                                     for key, entry in self._seeds.items()})}

    def _place_unplaced(self) -> None:
        """The entries from the index get their dated lines; all of them are forgotten (and
        those clients parsed to index them) if a line names no client of the index."""
        passing, lines = self._unplaced
        if (passing or lines) and not (_place(self._seeds, passing, "passing")
                                       and _place(self._seeds, lines, "follow_ups")):
            self._seeds = {}
        self._unplaced = ([], [])

    def _entries_of(self, tables: dict[str, Any]) -> dict[str, tuple[Mapping[str, Any], _Entry]]:
        """Each client's entry, made again only for a document not seen before (by identity),
        and kept for next time. Safe from the writer thread and the app's at once."""
        import orjson

        with self._lock:
            self._place_unplaced()
            known, seeds = self._entries, self._seeds
            self._seeds = {}
        entries = {}
        for key, doc in tables.get(CLIENTS_TABLE, {}).items():
            cached = known.get(key)
            if cached is None or cached[0] is not doc:
                seed = seeds.get(key) if isinstance(doc, Unparsed) else None
                cached = (doc, seed or _entry(key, doc, orjson.dumps))
            entries[key] = cached
        self._entries = entries
        return entries

    def due_index(self, tables: dict[str, Any]) -> DueIndex | None:
        """What `read_due_index` would read of the index made from ``tables`` now, made from
        the entries kept (a client changed since parsed alone), so that the agenda parses no
        client; None when a follow-up has no dates stored."""
        current = [entry for _, entry in self._entries_of(tables).values()
                   if not entry.row.get("archived")]
        if not all(entry.dated for entry in current):
            return None
        return DueIndex(False, _forward(current),
                        sorted(line.encode() for entry in current for line in entry.follow_ups),
                        sorted(line.encode() for entry in current for line in entry.passing))

    def __call__(self, tables: dict[str, Any], digest: str) -> None:
        """Replace the index with one made from ``tables``, the data file's new content, whose
        bytes have ``digest`` (see `storage.persistence.file_digest`)."""
        import orjson  # here, not at the top: the reading side is timed against a bare interpreter

        from storage.persistence.replace_file import replace_file

        entries = self._entries_of(tables)
        current = [entry for _, entry in entries.values() if not entry.row.get("archived")]
        # Each line starts with its date, so sorting the lines puts them soonest first.
        passing = sorted(line for entry in current for line in entry.passing)
        dated = passing + sorted(line for entry in current for line in entry.follow_ups)
        due = {"undated": not all(entry.dated for entry in current),
               "forward": _forward(current), "passing": len(passing)}
        body = b"\n".join([orjson.dumps({"clients": [entry.row for _, entry in entries.values()]}),
                            orjson.dumps(due), *(["\n".join(dated).encode()] if dated else [])])
        header = {"version": INDEX_VERSION, "data": digest, "body": digest_of(body)}
        with contextlib.suppress(OSError):  # best effort: the data file is read without it
            replace_file(self.path, orjson.dumps(header) + b"\n" + body, mode=0o600)
            while self._outdated:
                self._outdated.pop().unlink(missing_ok=True)


def _forward(current: list[_Entry]) -> dict[str, list[str]]:
    """The articles to forward, by client id, of the clients that have any."""
    return {str(entry.row["id"]): entry.forward for entry in current if entry.forward}


def _place(seeds: dict[str, _Entry], lines: list[bytes], part: str) -> bool:
    """Give each dated line to its client's entry, to its list ``part``; False when one names
    no client."""
    try:
        for line in lines:  # ["2026-03-15",12,...: its client's id, then its other fields
            getattr(seeds[line[14:line.index(b",", 14)].decode()], part).append(line.decode())
    except (ValueError, KeyError, UnicodeDecodeError):
        return False
    return True


def _seeds(data_path: Path, digest: str
           ) -> tuple[dict[str, _Entry], tuple[list[bytes], list[bytes]]] | None:
    """Each client's entry as the index holds it, by key, but its dated lines, given apart
    (each begins with its client's id: `IndexWriter._place_unplaced` puts them in place when
    first needed, not while the file opens), when the index was made from the data whose
    content has ``digest`` and every follow-up has its dates stored; else None."""
    import orjson

    proven = _proven_lines(data_path, digest)
    if proven is None or len(proven[1]) < _FIRST_DATED:
        return None
    lines = proven[1]
    try:
        clients, due = orjson.loads(lines[0])["clients"], orjson.loads(lines[1])
        if due["undated"] or not all(isinstance(client, dict) for client in clients):
            return None
        seeds = {str(client["id"]): _Entry(client, due["forward"].get(str(client["id"]), []),
                                           True, [], []) for client in clients}
        passing = _FIRST_DATED + due["passing"]
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return seeds, (lines[_FIRST_DATED:passing], lines[passing:])


class ClientIndex:
    """The dashboard's rows, as read from the index."""

    def __init__(self, clients: list[dict[str, Any]], digest: str) -> None:
        self.clients = clients
        self.digest = digest  # of the data file it was made from
        self._by_id = {client["id"]: client for client in clients}

    @property
    def complete(self) -> bool:
        """Whether every client has its row (a client that could not be read has none)."""
        return all("glance" in client for client in self.clients)

    def client_ids(self, *, include_archived: bool = False, matching: str = "",
                   order: ListOrder = ListOrder.NAME,
                   out_of_touch_since: date | None = None) -> list[int]:
        """As `Repository.client_ids`."""
        return listed_ids(((client["id"], client) for client in self.clients),
                          include_archived=include_archived, matching=matching, order=order,
                          out_of_touch_since=out_of_touch_since)

    def summary(self, client_id: int, today: date) -> ClientSummary:
        """As `Repository.summary`."""
        return summary_of(client_id, self._by_id[client_id], today)

    def is_empty(self) -> bool:
        return not self.clients


class DueIndex(NamedTuple):
    """What `sendoff due` reads of the index: the follow-ups' lines are parsed when asked for."""

    undated: bool  # some follow-up of a current client has no coming dates stored
    forward: dict[str, list[str]]  # by client id
    lines: list[bytes]  # a line per follow-up and per promise but those below, soonest first
    passing: list[bytes]  # a line per last day and end of notice, soonest first

    def follow_ups_until(self, last: str) -> list[list[Any]]:
        """Every follow-up whose next date is ``last`` (an ISO date) or sooner, and every
        promise stored at that date or sooner."""
        return _parsed(self.lines[:bisect_right(self.lines, last.encode(), key=_day)])

    def passing_between(self, first: str, last: str) -> list[list[Any]]:
        """Every last day and end of notice from ``first`` to ``last`` (ISO dates)."""
        return _parsed(self.passing[bisect_left(self.passing, first.encode(), key=_day):
                                    bisect_right(self.passing, last.encode(), key=_day)])


def _day(line: bytes) -> bytes:
    return line[2:12]  # ["2026-03-15",...


def _parsed(lines: list[bytes]) -> list[list[Any]]:
    return json.loads(b"[" + b",".join(lines) + b"]") if lines else []


def _proven_lines(data_path: Path, digest: str | None = None
                  ) -> tuple[str, list[bytes]] | None:
    """The data file's digest and the index's lines after its header, when the index is whole
    and was made from the data file exactly as it is now (or from the data whose content has
    ``digest``, when given); else None."""
    try:
        raw = index_path(data_path).read_bytes()
        end = raw.find(b"\n")
        header = json.loads(raw[:end]) if end > 0 else None
        if not (isinstance(header, dict) and header.get("version") == INDEX_VERSION):
            return None
        body, data = raw[end + 1:], header.get("data")
        if header.get("body") != digest_of(body) or data != (
                digest if digest is not None else _stored_now(real_path(data_path))):
            return None
    except (OSError, ValueError, Changing):
        return None
    return data, body.split(b"\n")


def _stored_now(data_path: Path) -> str | None:
    """What identifies the data as stored now: the data file's digest, with its journal's
    when that holds changes (see `storage.persistence.journal`)."""
    from storage.persistence.journal import current_content_digest

    return current_content_digest(data_path, current_digest(data_path))


def vouches_for(data_path: Path, digest: str | None) -> bool:
    """Whether the index was made from the data file whose content has ``digest``: then that
    file is one a Sendoff of this index version found valid (it writes the index only for a file
    it validated, or wrote itself, and opens no other), and need not be validated again."""
    try:
        with open(index_path(data_path), "rb") as file:
            header = json.loads(file.readline())
    except (OSError, ValueError):
        return False
    return (digest is not None and isinstance(header, dict)
            and header.get("version") == INDEX_VERSION and header.get("data") == digest)


def read_index(data_path: Path) -> ClientIndex | None:
    """The dashboard's rows, or None when the index is missing, damaged or not made from the
    file as it is.

    Read with the standard json module: importing orjson costs more than it saves here."""
    import gc

    proven = _proven_lines(data_path)
    if proven is None:
        return None
    digest, lines = proven
    collecting = gc.isenabled()
    gc.disable()  # thousands of small dicts, all kept: a collection would find nothing to free
    try:
        clients = json.loads(lines[0])["clients"]
    except (ValueError, TypeError, KeyError):
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(clients, list) or not all(
            isinstance(client, dict) and isinstance(client.get("id"), int) for client in clients):
        return None
    return ClientIndex(clients, digest)


def read_due_index(data_path: Path) -> DueIndex | None:
    """What `sendoff due` needs, or None as for `read_index`."""
    proven = _proven_lines(data_path)
    if proven is None or len(proven[1]) < _FIRST_DATED:
        return None
    lines = proven[1]
    try:
        due = json.loads(lines[_FIRST_DATED - 1])
        forward, passing = due["forward"], _FIRST_DATED + due["passing"]
        if not isinstance(forward, dict) or passing > len(lines):
            return None
        return DueIndex(bool(due["undated"]), forward, lines[passing:],
                        lines[_FIRST_DATED:passing])
    except (ValueError, TypeError, KeyError):
        return None


def due_from_index(index: DueIndex, today: date, within_days: int,
                   chase_after: int = CHASE_AFTER_DAYS) -> list[DueItem] | None:
    """The same list as `agenda.due`, from the dates stored with each follow-up; where the
    window reaches past them (a rule long overdue, a window far ahead), from that follow-up's
    own rule, stored beside them; and from each promise's stored date. None when a follow-up
    has no dates stored (then every client must be read). A line that is not what this version
    writes is None too: the index proved it is whole, but a cache is never believed further
    than it can be read."""
    if index.undated:
        return None
    window = DueWindow.of(today, within_days)
    found: list[DueItem] = []
    forwards: dict[int, tuple[str, ...]] = {}  # by client: each client's, made once
    try:
        for line in index.follow_ups_until(window.last):
            if len(line) == _PROMISE_FIELDS:
                _add_promise(found, line, window, forwards, index, chase_after)
                continue
            (next_day, client_id, name, follow_up_id, label, kind, latest, upcoming,
             last_contact, follow_up, (person, engagement)) = line
            forward = tuple(index.forward.get(str(client_id), ()))
            items = stored_due(window, client_id, name, forward, follow_up_id, label, kind,
                               next_day, latest, upcoming, (person, engagement))
            if items is None:
                follow_up = {**follow_up, "id": follow_up_id, "label": label, "kind": kind}
                items = _evaluated(client_id, name, forward, follow_up, last_contact, today,
                                   within_days, (person, engagement))
            found += items
        for line in index.passing_between(window.first, window.last):
            _add_promise(found, line, window, forwards, index, chase_after)
        return soonest_first(found)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):
        return None


_PROMISE_FIELDS = 7  # a promise's line; a follow-up's has more


def _add_promise(found: list[DueItem], line: list[Any], window: DueWindow,
                 forwards: dict[int, tuple[str, ...]], index: DueIndex, chase_after: int) -> None:
    """Add the promise of a line to ``found`` when it is due in the window (see
    `storage.views.promises.promise_item`)."""
    day, client_id, name, kind, item_id, text, engagement = line
    forward = forwards.get(client_id)
    if forward is None:
        forward = forwards[client_id] = tuple(index.forward.get(str(client_id), ()))
    item = promise_item(window, client_id, name, forward, day, kind, item_id, text, engagement,
                        chase_after)
    if item is not None:
        found.append(item)


def _evaluated(client_id: int, name: str, forward: tuple[str, ...], stored: dict[str, Any],
               last_contact: str | None, today: date, within_days: int,
               owner: tuple[str, str]) -> list[DueItem]:
    """One follow-up's dates in the window from its rule (raises ValueError for one that is
    not what Sendoff stores: a ValidationError is one)."""
    from storage.records.follow_up import FollowUp  # the rules engine: only when needed
    from storage.views.agenda import follow_up_due

    return follow_up_due(client_id, name, FollowUp.from_dict(stored),
                         date.fromisoformat(last_contact) if last_contact else None,
                         forward, today, within_days, owner)
