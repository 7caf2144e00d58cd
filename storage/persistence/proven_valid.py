"""Which clients `sendoff check` found valid, kept beside the data file
(``sendoff.json.checked``, private), so that checking a book again costs what reading it costs.

A cache that proves itself, or is ignored. An entry is the XXH3-128 of a client's number and
the very bytes of its document: a document changed by one byte is validated afresh. The whole
is keyed by the code that validated it, not by a number someone must remember to raise: the
bytes of every module file that was loaded when it was written (Sendoff's rules, dateutil's,
orjson, the standard library), with the Python and the import path that found them; a change
to any of them and every client is validated afresh. Its own bytes carry their digest: a
damaged file is ignored. Only what was found valid is kept (with what `check` says of it:
whether archived, and the name), never a problem.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson
import xxhash

from storage.persistence.paths import real_path
from storage.persistence.unparsed import Unparsed

# What check says of a valid client: whether it is archived, and its name.
Seen = tuple[bool, str]


def proven_path(data_path: Path) -> Path:
    data_path = real_path(data_path)
    return data_path.with_name(f"{data_path.name}.checked")


def document_bytes(document: Mapping[str, Any]) -> bytes | memoryview:
    """A client document's bytes: as read from the data file when it is left unparsed, else
    serialised (a change from the journal)."""
    return document.raw if isinstance(document, Unparsed) else orjson.dumps(document)


def _entry_key(doc_id: str, raw: bytes | memoryview) -> str:
    hashed = xxhash.xxh3_128(doc_id.encode() + b":")
    hashed.update(raw)
    return hashed.hexdigest()


def _loaded_code() -> dict[str, str]:
    """Each module loaded now that has a file, by name: the code that validated."""
    return {name: file for name, module in list(sys.modules.items())
            if isinstance(file := getattr(module, "__file__", None), str)}


def _code_digest(modules: Mapping[str, str]) -> str | None:
    """The digest of the code in ``modules`` as it is now, with what chose it (the Python, the
    import path); None when a file cannot be read, or this process loaded a module of them
    from another file (another checkout, another environment)."""
    hashed = xxhash.xxh3_128(orjson.dumps([sys.version, sys.executable,
                                           [os.path.abspath(entry) for entry in sys.path]]))
    for name, file in sorted(modules.items()):
        loaded = getattr(sys.modules.get(name), "__file__", file)
        if loaded != file:
            return None
        try:
            content = Path(file).read_bytes()
        except OSError:
            return None
        hashed.update(orjson.dumps([name, file, len(content)]))
        hashed.update(content)
    return hashed.hexdigest()


class ProvenValid:
    """The clients found valid by this very code, read from beside ``data_path``; then what
    this check found valid, to keep for the next."""

    def __init__(self, data_path: Path) -> None:
        self.path = proven_path(data_path)
        self._proven = self._read()
        self._found: dict[str, Seen] = {}  # valid in this check, by entry key

    def _read(self) -> dict[str, Seen]:
        try:
            raw = self.path.read_bytes()
        except OSError:
            return {}
        digest, _, body = raw.partition(b"\n")
        if xxhash.xxh3_128_hexdigest(body).encode() != digest:
            return {}
        try:
            stored = orjson.loads(body)
            if _code_digest(stored["modules"]) != stored["code"]:
                return {}
            return {key: (bool(archived), str(name))
                    for key, (archived, name) in stored["valid"].items()}
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
            return {}

    def seen(self, doc_id: str, raw: bytes | memoryview) -> Seen | None:
        """What was found of the client ``doc_id`` whose document is ``raw``, when these very
        bytes were found valid by this code; else None (validate it). It is kept for next time."""
        key = _entry_key(doc_id, raw)
        found = self._proven.get(key)
        if found is not None:
            self._found[key] = found
        return found

    def found_valid(self, doc_id: str, raw: bytes | memoryview, archived: bool,
                    name: str) -> None:
        """The client ``doc_id`` whose document is ``raw`` was just found valid."""
        self._found[_entry_key(doc_id, raw)] = (archived, name)

    def keep(self) -> None:
        """Write what this check found valid, unless it is what was read; best effort: a folder
        that cannot be written keeps no cache (and says nothing)."""
        if self._found == self._proven:
            return
        from storage.persistence.replace_file import replace_file

        modules = _loaded_code()
        code = _code_digest(modules)
        if code is None:
            return
        body = orjson.dumps({"code": code, "modules": modules, "valid": self._found})
        with contextlib.suppress(OSError):
            replace_file(self.path, xxhash.xxh3_128_hexdigest(body).encode() + b"\n" + body,
                         mode=0o600)
