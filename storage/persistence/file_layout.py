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
a large file loads in a background thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

Tables = dict[str, Any]
# A serialised document by (table, id), reused while the document is the very same object.
Fragments = dict[tuple[str, str], tuple[Any, bytes]]


def dump(tables: Tables, cache: Fragments | None = None) -> tuple[bytes, Fragments]:
    """The file's bytes, and the fragments to pass as ``cache`` next time (only for callers that
    never change a document in place once dumped)."""
    fragments: Fragments = {}
    parts = [b"{"]  # joined once: each join of the whole file is another 13 MB to copy
    for number, (name, table) in enumerate(tables.items()):
        parts += [b"}," if number else b"", orjson.dumps(name), b":{\n"]
        for key, document in table.items():
            cached = cache.get((name, key)) if cache is not None else None
            if cached is None or cached[0] is not document:
                cached = (document, orjson.dumps(key) + b":" + orjson.dumps(document))
            fragments[name, key] = cached
            parts += [cached[1], b",\n"]
        if table:
            parts.pop()  # no comma after the last document
        parts.append(b"\n")
    parts.append(b"}}" if tables else b"}")
    return b"".join(parts), fragments


def load(raw: bytes) -> Any:
    """The JSON value in ``raw``, a document at a time when it has the layout above, else whole.

    Raises orjson.JSONDecodeError when ``raw`` is not JSON, exactly as ``orjson.loads`` would.
    """
    tables = _load_by_line(raw)
    return orjson.loads(raw) if tables is None else tables


def _lines(raw: bytes) -> Iterator[bytes]:
    """The lines of ``raw``; not ``raw.split``, which would copy the whole file in one call."""
    start = 0
    while (end := raw.find(b"\n", start)) != -1:
        yield raw[start:end]
        start = end + 1
    yield raw[start:]


def _load_by_line(raw: bytes) -> Tables | None:
    """None when ``raw`` does not have the layout exactly (then it is parsed whole)."""
    lines = list(_lines(raw.rstrip(b"\n")))
    if len(lines) < 2 or lines[-1] != b"}}" or not lines[0].startswith(b"{"):
        return None
    tables: Tables = {}
    table: dict[str, Any] | None = None
    try:
        for number, line in enumerate(lines[:-1]):
            opener = line[1:] if number == 0 else line[2:] if line.startswith(b"},") else None
            if opener is not None:
                name = orjson.loads(opener[:-2]) if opener.endswith(b":{") else None
                if not isinstance(name, str) or name in tables:
                    return None
                table = tables[name] = {}
                continue
            last_of_table = lines[number + 1].startswith(b"}")
            if table is None or line.endswith(b",") == last_of_table:
                return None  # a comma must separate documents, and only documents
            table.update(orjson.loads(b"{" + line.removesuffix(b",") + b"}"))
    except orjson.JSONDecodeError:
        return None
    return tables
