"""How the data file is laid out: TinyDB's JSON, with each document on a line of its own.

    {"clients":{
    "1":{"name":"Acme",...},
    "2":{"name":"Beta",...}
    },"_meta":{
    "1":{"schema":1}
    }}

Still one JSON object that any JSON reader (and TinyDB itself) reads. The layout lets Sendoff
serialise only the documents that changed, and parse the file a document at a time: then no
single call holds the interpreter for the whole file, and the screen keeps answering keys while
a large file loads in a background thread. When the index vouches for the file, its clients are
not parsed at all on open, only found (see `storage.persistence.unparsed`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import orjson

from storage.persistence.unparsed import KnownRows, Unparsed, plain

Tables = dict[str, Any]
# The tables whose documents are left unparsed, with what is known of them.
Known = Mapping[str, KnownRows]
# A serialised document by (table, id), reused while the document is the very same object.
Fragments = dict[tuple[str, str], tuple[Any, bytes]]


def dump(tables: Tables, cache: Fragments | None = None) -> tuple[bytes, Fragments]:
    """The file's bytes, and the fragments to pass as ``cache`` next time (only for callers that
    never change a document in place once dumped). An unparsed document is written as the
    bytes it was read from, which are its own cache."""
    fragments: Fragments = {}
    parts: list[bytes | memoryview] = [b"{"]  # joined once: no copy of the whole file but one
    for number, (name, table) in enumerate(tables.items()):
        parts += [b"}," if number else b"", orjson.dumps(name), b":{\n"]
        for key, document in table.items():
            if isinstance(document, Unparsed):
                parts += [orjson.dumps(key), b":", document.raw, b",\n"]
                continue
            cached = cache.get((name, key)) if cache is not None else None
            if cached is None or cached[0] is not document:
                cached = (document, orjson.dumps(key) + b":" + orjson.dumps(document,
                                                                            default=plain))
            fragments[name, key] = cached
            parts += [cached[1], b",\n"]
        if table:
            parts.pop()  # no comma after the last document
        parts.append(b"\n")
    parts.append(b"}}" if tables else b"}")
    return b"".join(parts), fragments


def load(raw: bytes, known: Known | None = None) -> Any:
    """The JSON value in ``raw``, a document at a time when it has the layout above, else whole.
    The documents of a table in ``known`` are left unparsed (see `Unparsed`), each with its
    row from there, when ``raw`` has the layout (then it is what a Sendoff wrote).

    Raises orjson.JSONDecodeError when ``raw`` is not JSON, exactly as ``orjson.loads`` would.
    """
    tables = _load_by_line(raw, known)
    return orjson.loads(raw) if tables is None else tables


def _spans(raw: bytes, stop: int) -> Iterator[tuple[int, int]]:
    """Where each line of ``raw[:stop]`` starts and ends; not ``raw.split``, which would copy
    the whole file in one call."""
    start = 0
    while (end := raw.find(b"\n", start, stop)) != -1:
        yield start, end
        start = end + 1
    yield start, stop


def _load_by_line(raw: bytes, known: Known | None = None) -> Tables | None:
    """None when ``raw`` does not have the layout exactly (then it is parsed whole)."""
    known = known or {}
    spans = list(_spans(raw, len(raw.rstrip(b"\n"))))
    if len(spans) < 2 or raw[slice(*spans[-1])] != b"}}" or not raw.startswith(b"{"):
        return None
    view = memoryview(raw)
    tables: Tables = {}
    table: dict[str, Any] | None = None
    rows: KnownRows | None = None
    try:
        for number, (start, end) in enumerate(spans[:-1]):
            opener = (start + 1 if number == 0 else start + 2 if raw.startswith(b"},", start)
                      else None)
            if opener is not None:
                name = (orjson.loads(raw[opener:end - 2]) if raw.endswith(b":{", opener, end)
                        else None)
                if not isinstance(name, str) or name in tables:
                    return None
                table = tables[name] = {}
                rows = known.get(name)
                continue
            last_of_table = raw.startswith(b"}", spans[number + 1][0])
            comma = raw.endswith(b",", start, end)
            if table is None or comma == last_of_table:
                return None  # a comma must separate documents, and only documents
            if rows is None:
                table.update(orjson.loads(b"{" + raw[start:end - comma] + b"}"))
                continue
            key_end = raw.find(b'":{', start, end)
            key = raw[start + 1:key_end]
            if key_end == -1 or not raw.startswith(b'"', start) or not key.isdigit():
                return None
            key = key.decode()
            table[key] = Unparsed(view[key_end + 2:end - comma], rows.rows.get(key), rows.keys)
    except orjson.JSONDecodeError:
        return None
    return tables
