"""The data file's schema version, and the migrations that bring older files up to date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 1
META_TABLE = "meta"
CLIENTS_TABLE = "clients"

Tables = dict[str, dict[str, Any]]


def _from_unversioned(tables: Tables) -> None:
    """Files written before versioning hold clients only; give them their version record."""
    tables.setdefault(CLIENTS_TABLE, {})


MIGRATIONS: dict[int, Callable[[Tables], None]] = {0: _from_unversioned}


def stored_version(tables: Tables) -> int:
    meta = tables.get(META_TABLE) or {}
    return int(next(iter(meta.values()), {}).get("schema", 0)) if meta else 0


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
