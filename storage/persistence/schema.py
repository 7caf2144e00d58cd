"""The data file's schema version, and the migrations that bring older files up to date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storage.errors import ValidationError

SCHEMA_VERSION = 1
META_TABLE = "meta"
CLIENTS_TABLE = "clients"
# What a stored follow-up holds besides its own fields: its coming dates, derived on every save
# (see `storage.records.client`) and never read back into the model.
DERIVED_FOLLOW_UP = ("next_on", "latest", "upcoming")

Tables = dict[str, dict[str, Any]]


def _from_unversioned(tables: Tables) -> None:
    """Files written before versioning hold clients only; give them their version record."""
    tables.setdefault(CLIENTS_TABLE, {})


MIGRATIONS: dict[int, Callable[[Tables], None]] = {0: _from_unversioned}


def stored_version(tables: Tables) -> int:
    """The schema version ``tables`` were written with (0: before versions were recorded);
    raises ValidationError("schema", ...) when the record of it is not one."""
    meta = tables.get(META_TABLE) or {}
    if not meta:
        return 0
    record = next(iter(meta.values()))
    version = record.get("schema", 0) if isinstance(record, dict) else record
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise ValidationError(
            "schema", f"the schema version should be a whole number from 0, not {version!r}"
        )
    return version


def migrate(tables: Tables) -> bool:
    """Upgrade ``tables`` in place to SCHEMA_VERSION; True when anything changed."""
    version = stored_version(tables)
    if version == SCHEMA_VERSION:
        return False
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](tables)
        version += 1
    tables[META_TABLE] = {"1": {"schema": SCHEMA_VERSION}}
    return True
