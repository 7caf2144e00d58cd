"""The data file's journal: the documents each change replaced, appended beside the file.

A change to one client costs what that client's document costs to write, not the whole file:
`SafeJSONStorage` appends the documents that changed (`sendoff.json.journal`, private), fsyncs
it, and folds the journal into the data file (replacing it in one step, as before) when the
journal grows past a share of the file and when the session ends. At rest the data is one plain
TinyDB JSON file.

Each record is a line: the XXH64 of its body in hex, a space, and the body, JSON:
``{"base": D, "put": {table: {id: document}}, "drop": {table: [id]}}`` where D is the digest of
the data file the record applies to; or, just before a fold, ``{"base": D, "folded": E}``: the
data file about to be put in place has digest E and holds every record before it. Reading:

- records are replayed in order over the data file whose digest is their base; a record cut
  short or not matching its checksum ends the journal (a write killed midway);
- a journal whose fold marker names the data file as it is now was folded already: it is spent;
- a journal made for another data file (replaced by hand while changes were only in the
  journal) is never dropped: the file is reported damaged, naming the journal, and both are
  left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xxhash

Tables = dict[str, Any]


def journal_path(data_path: Path) -> Path:
    return data_path.with_name(f"{data_path.name}.journal")


def _checksum(body: bytes) -> bytes:
    return xxhash.xxh64_hexdigest(body).encode()


def record_line(body: dict[str, Any]) -> bytes:
    import orjson

    payload = orjson.dumps(body)
    return _checksum(payload) + b" " + payload + b"\n"


@dataclass
class JournalState:
    """What the journal beside a data file holds for it."""

    records: list[dict[str, Any]] = field(default_factory=list)  # read, to replay in order
    valid_length: int = 0  # bytes of whole records (a torn tail after them is not)
    length: int = 0  # bytes in the file
    spent: bool = False  # folded into the data file already
    foreign: bool = False  # made for another data file: its changes are not in this one
    digest: str | None = None  # of the whole records, when there are any to replay
    hashed: Any = None  # the hash of the whole records so far, to go on with as it grows

    @property
    def changes(self) -> bool:
        """Whether it holds changes the data file does not."""
        return self.digest is not None

    def appended(self, line: bytes) -> None:
        """Take in ``line``, a record just appended and fsync'd after the whole records."""
        if self.hashed is None:
            self.hashed = xxhash.xxh3_128()
        self.hashed.update(line)
        self.valid_length += len(line)
        self.length = self.valid_length
        self.digest = self.hashed.hexdigest()


def read_journal(data_path: Path, base: str | None) -> JournalState:
    """The journal of the data file whose content has digest ``base``. Raises OSError when it
    cannot be read. Read while a record is being appended, it ends at the record before: the
    journal only grows between folds."""
    try:
        raw = journal_path(data_path).read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return JournalState()
    import orjson  # only when there is a journal: `sendoff due` checks for one at every run

    state = JournalState(length=len(raw))
    start = 0
    hashed = xxhash.xxh3_128()
    while (end := raw.find(b"\n", start)) != -1:
        line = raw[start:end]
        checksum, _, body = line.partition(b" ")
        if not body or _checksum(body) != checksum:
            break
        try:
            record = orjson.loads(body)
        except orjson.JSONDecodeError:
            break
        if not isinstance(record, dict):
            break
        if base is not None and record.get("folded") == base:
            return JournalState(length=len(raw), spent=True)
        if record.get("base") != base:
            state.foreign = True
        elif "folded" not in record:
            state.records.append(record)
        hashed.update(raw[start:end + 1])
        start = end + 1
    state.valid_length = start
    if state.records:
        state.digest, state.hashed = hashed.hexdigest(), hashed
    return state


def replay(tables: Tables, records: list[dict[str, Any]]) -> Tables:
    """``tables`` with the journal's records applied, in order."""
    for record in records:
        for name, documents in (record.get("put") or {}).items():
            tables.setdefault(name, {}).update(documents)
        for name, keys in (record.get("drop") or {}).items():
            table = tables.get(name, {})
            for key in keys:
                table.pop(key, None)
    return tables


def content_digest(base: str | None, journal: str | None) -> str | None:
    """What identifies the data as stored: the data file's digest, and its journal's when that
    holds changes (the index names the data it was made from by this)."""
    return base if journal is None or base is None else f"{base}+{journal}"


def current_content_digest(data_path: Path, base: str | None) -> str | None:
    """`content_digest` of the data file whose digest is ``base`` and its journal now; None
    when the journal is made for another data file (nothing then vouches for it). Raises
    OSError as `read_journal`."""
    state = read_journal(data_path, base)
    if state.foreign:
        return None
    return content_digest(base, state.digest)
