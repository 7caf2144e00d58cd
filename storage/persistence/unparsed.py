"""A document kept as its bytes in the data file and parsed when first read, so that opening a
large file costs what the file's bytes cost, not what ten thousand clients' objects cost.

Only a document whose bytes are proven to be what a Sendoff wrote is kept so (the index names
the very content it was made from: see `storage.views.index_file.read_known`): then it parses, and
the keys of its dashboard row, copied from it into the index, answer without parsing it at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple


class KnownRows(NamedTuple):
    """What is known of a table's documents without parsing them: for each (by key), its values
    of ``keys``."""

    keys: frozenset[str]
    rows: Mapping[str, Mapping[str, Any]]


class Unparsed(Mapping[str, Any]):
    """A read-only document: its bytes (a slice of the file, not a copy), parsed on first use.

    ``row`` holds the values of the keys in ``row_keys`` exactly as the document has them (a
    key of ``row_keys`` missing from ``row`` is missing from the document); reading one of those
    keys does not parse the document. Never changed in place: a change replaces the document.
    """

    __slots__ = ("raw", "_row", "_row_keys", "_document")

    def __init__(self, raw: bytes | memoryview, row: Mapping[str, Any] | None = None,
                 row_keys: frozenset[str] = frozenset()) -> None:
        self.raw = raw
        self._row = row
        self._row_keys = row_keys if row is not None else frozenset()
        self._document: dict[str, Any] | None = None

    @property
    def parsed(self) -> bool:
        """Whether the document has been parsed (read beyond its row)."""
        return self._document is not None

    def document(self) -> dict[str, Any]:
        """The document itself, parsed now if it was not."""
        document = self._document
        if document is None:
            import orjson  # here: `sendoff due` imports this module, and never parses

            document = orjson.loads(self.raw)
            if not isinstance(document, dict):
                raise TypeError("a document is a JSON object")
            self._document = document
            self._row = None
        return document

    def __getitem__(self, key: str) -> Any:
        row = self._row
        if row is not None and key in self._row_keys:
            return row[key]
        return self.document()[key]

    def __contains__(self, key: object) -> bool:
        row = self._row
        if row is not None and key in self._row_keys:
            return key in row
        return key in self.document()

    def __iter__(self) -> Iterator[str]:
        return iter(self.document())

    def __len__(self) -> int:
        return len(self.document())

    def __repr__(self) -> str:
        return f"Unparsed({len(self.raw)} bytes{', parsed' if self.parsed else ''})"


def plain(value: Any) -> Any:
    """orjson's ``default``: an unparsed document is serialised as the document it is."""
    if isinstance(value, Unparsed):
        return value.document()
    raise TypeError(f"{type(value).__name__} is not JSON")
