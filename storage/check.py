"""`sendoff check`: validate a data file and list everything wrong with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from storage.client import Client
from storage.errors import DataFileError, ValidationError
from storage.filestore import SafeJSONStorage
from storage.schema import CLIENTS_TABLE, SCHEMA_VERSION, stored_version


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    clients: int = 0
    archived: int = 0
    exists: bool = True

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if not self.exists:
            return f"{self.path}: no data file yet (it is created on the first change)."
        if self.ok:
            return (
                f"{self.path}: OK, {self.clients} clients ({self.archived} archived), "
                f"schema {SCHEMA_VERSION}."
            )
        lines = [f"{self.path}: {len(self.problems)} problem(s):"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def check_file(path: Path) -> CheckReport:
    """Read ``path`` without changing it and collect every problem found."""
    report = CheckReport(Path(path))
    if not report.path.exists():
        report.exists = False
        return report
    try:
        tables = SafeJSONStorage(report.path).read() or {}
    except DataFileError as error:
        report.problems.append(str(error))
        return report
    version = stored_version(tables)
    if version > SCHEMA_VERSION:
        report.problems.append(
            f"schema version {version} is newer than this Sendoff understands ({SCHEMA_VERSION})"
        )
        return report
    documents = tables.get(CLIENTS_TABLE, {})
    if not isinstance(documents, dict):
        report.problems.append(f"the {CLIENTS_TABLE!r} table is not a JSON object")
        return report
    for doc_id, document in documents.items():
        if not isinstance(document, dict):
            report.problems.append(f"client #{doc_id} is not a JSON object")
            continue
        label = f"client #{doc_id} ({document.get('name') or 'no name'!s})"
        try:
            client = Client.from_dict(document, int(doc_id))
            client.validate()
        except ValidationError as error:
            report.problems.append(f"{label}: {error.field}: {error.message}")
        except (TypeError, ValueError, AttributeError) as error:
            report.problems.append(f"{label}: unexpected shape: {error}")
        else:
            report.clients += 1
            report.archived += client.archived
    return report
