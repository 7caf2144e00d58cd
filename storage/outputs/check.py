"""`sendoff check`: validate a data file and list everything wrong with it."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from storage.errors import DataFileError, ValidationError
from storage.outputs.printable import printable
from storage.persistence.filestore import SafeJSONStorage
from storage.persistence.schema import CLIENTS_TABLE, SCHEMA_VERSION, stored_version
from storage.persistence.validation import validate_tables
from storage.rules.names import Clash, clashes
from storage.words import counted


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
    `storage.persistence.validation`, which decides for every command and for the app)."""
    report = CheckReport(Path(path))
    if not report.path.exists():
        report.exists = False
        return report
    try:
        tables = SafeJSONStorage(report.path).read() or {}
    except DataFileError as error:
        report.problems.append(str(error))
        return report
    with contextlib.suppress(ValidationError):  # else validation names the problem
        version = stored_version(tables)
        if version > SCHEMA_VERSION:
            report.problems.append(f"schema version {version} is newer than this Sendoff "
                                   f"understands ({SCHEMA_VERSION})")
            return report
    found = validate_tables(tables, refresh=False)
    report.problems = [printable(str(problem)) for problem in found.problems]
    report.clients, report.archived = found.clients, found.archived
    if report.ok:
        report.notes = [_clash_note(clash) for clash in clashes(
            (int(key), str(doc.get("name", "")), bool(doc.get("archived")))
            for key, doc in tables.get(CLIENTS_TABLE, {}).items())]
    return report


def _clash_note(clash: Clash) -> str:
    numbers = ", ".join(f"#{client_id}" for client_id in clash.client_ids)
    return (f"{len(clash.client_ids)} clients at work are called '{printable(clash.name)}' "
            f"({numbers}): the command line asks for a number to tell them apart; rename or "
            "archive all but one")
