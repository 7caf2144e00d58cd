"""`sendoff check`: validate a data file and list everything wrong with it."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.errors import DataFileError, ValidationError
from storage.outputs.printable import printable
from storage.persistence.filestore import SafeJSONStorage
from storage.persistence.proven_valid import ProvenValid, document_bytes
from storage.persistence.schema import CLIENTS_TABLE, SCHEMA_VERSION, stored_version
from storage.persistence.unparsed import KnownRows, Unparsed
from storage.rules.names import Clash, clashes
from storage.words import counted

if TYPE_CHECKING:
    from storage.persistence.file_layout import Known
    from storage.persistence.validation import Problem


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    clients: int = 0
    archived: int = 0
    exists: bool = True
    notes: list[str] = field(default_factory=list)  # not wrong, but worth a word

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if not self.exists:
            return f"{self.path}: no data file yet (it is created on the first change)."
        if self.ok:
            lines = [f"{self.path}: OK, {counted(self.clients, 'client')} "
                     f"({self.archived} archived), schema {SCHEMA_VERSION}."]
            return "\n".join(lines + [f"  Note: {note}" for note in self.notes])
        lines = [f"{self.path}: {len(self.problems)} problem(s):"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def check_file(path: Path) -> CheckReport:
    """Read ``path`` without changing it and collect every problem found (see
    `storage.persistence.validation`, which decides for every command and for the app). The
    clients whose very bytes this very code found valid before are not validated again (see
    `storage.persistence.proven_valid`)."""
    report = CheckReport(Path(path))
    if not report.path.exists():
        report.exists = False
        return report
    proven = ProvenValid(report.path)
    try:
        tables = SafeJSONStorage(report.path, known=_unparsed_clients).read() or {}
        found = _validate(tables, proven)
    except _Unproven:  # an older file, or a client that is no JSON object: read it all
        proven = None
        try:
            tables = SafeJSONStorage(report.path).read() or {}
        except DataFileError as error:
            report.problems.append(str(error))
            return report
        found = _validate(tables, None)
    except DataFileError as error:
        report.problems.append(str(error))
        return report
    if found is None:
        return _too_new(report, tables)
    report.problems = [printable(str(problem)) for problem in found.problems]
    report.clients, report.archived = found.clients, found.archived
    if report.ok:
        report.notes = [_clash_note(clash) for clash in clashes(
            found.named(tables.get(CLIENTS_TABLE, {})))]
    if proven is not None:  # the valid ones, also beside a problem being mended
        proven.keep()
    return report


class _Unproven(Exception):
    """The clients as read cannot be checked one by one against the cache."""


@dataclass
class _Found:
    problems: list[Problem]
    clients: int
    archived: int
    names: dict[str, tuple[str, bool]]  # of every valid client, by id: its name, archived

    def named(self, clients: dict[str, Any]) -> list[tuple[int, str, bool]]:
        """Every valid client's number, name and whether archived, in the file's order."""
        return [(int(doc_id), *self.names[doc_id]) for doc_id in clients
                if doc_id in self.names]


def _unparsed_clients(digest: str) -> Known:
    """Every client left as the bytes it was read from (`SafeJSONStorage`'s ``known``)."""
    return {CLIENTS_TABLE: KnownRows(frozenset(), {})}


def _stored_version(tables: dict[str, Any]) -> int | None:
    with contextlib.suppress(ValidationError):  # else validation names the problem
        return stored_version(tables)
    return None


def _validate(tables: dict[str, Any], proven: ProvenValid | None) -> _Found | None:
    """Validate ``tables`` (None: the file is too new), each client ``proven`` valid skipped;
    raises _Unproven when they are not as `ProvenValid` needs them."""
    version = _stored_version(tables)
    if version is not None and version > SCHEMA_VERSION:
        return None
    clients = tables.get(CLIENTS_TABLE, {})
    if proven is not None and version != SCHEMA_VERSION:
        raise _Unproven
    found = _Found([], 0, 0, {})
    unproven: dict[str, Any] = {}
    raws: dict[str, bytes | memoryview] = {}
    for doc_id, document in clients.items():
        if proven is None:
            unproven[doc_id] = document
            continue
        raws[doc_id] = raw = document_bytes(document)
        seen = proven.seen(doc_id, raw)
        if seen is None:
            unproven[doc_id] = _parsed(document)
            continue
        found.clients += 1
        found.archived += seen[0]
        found.names[doc_id] = seen[1], seen[0]
    if unproven or proven is None:
        from storage.persistence.validation import validate_tables

        validation = validate_tables({**tables, CLIENTS_TABLE: unproven}, refresh=False)
        found.problems = validation.problems
        found.clients += validation.clients
        found.archived += validation.archived
        for doc_id in validation.valid:
            document = unproven[doc_id]
            name, archived = str(document.get("name", "")), bool(document.get("archived"))
            found.names[doc_id] = name, archived
            if proven is not None:
                proven.found_valid(doc_id, raws[doc_id], archived, name)
    return found


def _parsed(document: Any) -> Any:
    """``document`` parsed, if it was left unparsed; raises _Unproven when it is no JSON
    object (reading the file whole then names the damage as every reader does)."""
    if not isinstance(document, Unparsed):
        return document
    try:
        return document.document()
    except (ValueError, TypeError):  # orjson.JSONDecodeError is a ValueError
        raise _Unproven from None


def _too_new(report: CheckReport, tables: dict[str, Any]) -> CheckReport:
    version = stored_version(tables)
    report.problems.append(f"schema version {version} is newer than this Sendoff "
                           f"understands ({SCHEMA_VERSION})")
    return report


def _clash_note(clash: Clash) -> str:
    numbers = ", ".join(f"#{client_id}" for client_id in clash.client_ids)
    return (f"{len(clash.client_ids)} clients at work are called '{printable(clash.name)}' "
            f"({numbers}): the command line asks for a number to tell them apart; rename or "
            "archive all but one")
