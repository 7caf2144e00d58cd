"""What a good data file is. One check, used by `sendoff check`, by every command that reads the
file and by the app when it opens one: a file that fails it is named with each problem, and left
untouched.

Besides its own fields, each client carries what is derived from them (its glance, its dated
promises and its follow-ups' coming dates, see `storage.views.glance`). Those are a cache inside
the file: a file changed by another program may hold stale or damaged ones, so they are made
again from the client's fields, and what is read from the file is the fresh copy (the file keeps
its bytes until the next save).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from storage.errors import ValidationError
from storage.outputs.printable import printable
from storage.persistence.schema import (
    CLIENTS_TABLE,
    DERIVED_CLIENT,
    DERIVED_FOLLOW_UP,
    META_TABLE,
    SCHEMA_VERSION,
    as_written,
    migrate,
    stored_version,
)
from storage.records.client import Client
from storage.views.glance import stored_document


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, where it is (a client, or the file as a whole)."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.message}" if self.field else (
            f"{self.where}: {self.message}")


@dataclass
class Validation:
    """What `validate_tables` found: the problems, the clients read, and the documents whose
    derived parts were out of date, made again (by document id)."""

    problems: list[Problem] = field(default_factory=list)
    clients: int = 0
    archived: int = 0
    valid: list[str] = field(default_factory=list)  # the clients found valid, by document id
    refreshed: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _label(doc_id: str, document: Mapping[str, Any]) -> str:
    name = document.get("name")
    shown = printable(name) if isinstance(name, str) and name.strip() else "no name"
    return f"client #{printable(doc_id)} ({shown})"


def _with_fresh_derived(document: Mapping[str, Any], fresh: dict[str, Any]) -> dict[str, Any] | None:
    """``document`` with the derived parts of ``fresh``, or None when it has them already.
    Its other keys are kept as they are, even those this Sendoff does not know."""
    stored = document.get("follow_ups") or []
    follow_ups = [{**old, **{key: new[key] for key in DERIVED_FOLLOW_UP}}
                  for old, new in zip(stored, fresh["follow_ups"], strict=True)]
    if all(document.get(key) == fresh[key] for key in DERIVED_CLIENT) and follow_ups == stored:
        return None
    return {**document, **{key: fresh[key] for key in DERIVED_CLIENT}, "follow_ups": follow_ups}


def _file_problem(tables: Any) -> str | None:
    """What makes ``tables`` no Sendoff file at all, or None."""
    if not isinstance(tables, dict):
        return "the file holds no tables (it should be a JSON object)"
    for name in (META_TABLE, CLIENTS_TABLE):
        if not isinstance(tables.get(name, {}), dict):
            return f"the {name!r} table is not a JSON object"
    return None


def validate_tables(tables: Any, *, refresh: bool = True) -> Validation:
    """Check everything in ``tables`` (the whole data file, as read), collecting every problem
    rather than stopping at the first; nothing in ``tables`` is changed. With ``refresh``
    False the derived parts are not made again (`sendoff check` reports only problems)."""
    found = Validation()
    problem = _file_problem(tables)
    if problem is not None:
        found.problems.append(Problem("the file", "", problem))
        return found
    try:
        version = stored_version(tables)
        if version < SCHEMA_VERSION:  # read as this Sendoff will have it
            tables = copy.deepcopy(tables)
            migrate(tables)
    except ValidationError as error:
        found.problems.append(Problem("the file", error.field, error.message))
        return found
    for doc_id, document in tables.get(CLIENTS_TABLE, {}).items():
        where = _label(doc_id, document if isinstance(document, Mapping) else {})
        if not (doc_id.isascii() and doc_id.isdigit() and int(doc_id) > 0):
            found.problems.append(Problem(where, "", "its number should be a whole number "
                                                     "from 1, written as text such as \"3\""))
            continue
        try:
            client = Client.from_dict(document, int(doc_id))
            client.validate(placed=True)
        except ValidationError as error:
            found.problems.append(Problem(where, as_written(error.field, version),
                                          error.message))
            continue
        found.clients += 1
        found.valid.append(doc_id)
        found.archived += client.archived
        if not refresh:
            continue
        fresh = _with_fresh_derived(document, stored_document(client))
        if fresh is not None:
            found.refreshed[doc_id] = fresh
    return found
