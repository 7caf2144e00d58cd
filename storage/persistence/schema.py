"""The data file's schema version, and the migrations that bring older files up to date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storage.errors import ValidationError

SCHEMA_VERSION = 2
META_TABLE = "meta"
CLIENTS_TABLE = "clients"
INBOX_TABLE = "inbox"  # which entries of the inbox beside the file are settled
# What a stored follow-up holds besides its own fields: its coming dates, derived on every save
# (see `storage.records.client`) and never read back into the model.
DERIVED_FOLLOW_UP = ("next_on", "latest", "upcoming")
# And a client besides its own fields: its glance and its dated promises (`storage.views.glance`).
DERIVED_CLIENT = ("glance", "promises")

Tables = dict[str, dict[str, Any]]


def _from_unversioned(tables: Tables) -> None:
    """Files written before versioning hold clients only; give them their version record."""
    tables.setdefault(CLIENTS_TABLE, {})


# What a client held before it held engagements and people (schema 1).
_ENGAGEMENT_KEYS = ("project_kind", "contract", "work", "handover", "interview")
_CONTACT_KEYS = ("email", "phone", "birthday")


def _to_engagements_and_people(tables: Tables) -> None:
    """Schema 1 kept one engagement and one contact person on the client itself; move them to
    the client's first engagement and its main contact. Only keys move, no value is read:
    validation, after migration, names anything that is not what Sendoff stores."""
    for document in tables.get(CLIENTS_TABLE, {}).values():
        if not isinstance(document, dict) or "engagements" in document:
            continue
        engagement: dict[str, Any] = {"id": "first"}
        for key in _ENGAGEMENT_KEYS:
            if key in document:
                engagement[key] = document.pop(key)
        document["engagements"] = [engagement]
        details = {"name": document.pop("contact_person", None),
                   **{key: document.pop(key, None) for key in _CONTACT_KEYS}}
        known = {key: value for key, value in details.items() if value not in (None, "")}
        document.setdefault("people", [])
        if known:
            document["people"] = [{"id": "main", **known}]
            document["main_contact"] = "main"
            for follow_up in document.get("follow_ups") or []:
                if isinstance(follow_up, dict) and follow_up.get("preset") == "birthday":
                    follow_up["person_id"] = "main"


MIGRATIONS: dict[int, Callable[[Tables], None]] = {0: _from_unversioned,
                                                    1: _to_engagements_and_people}


def as_written(field: str, version: int) -> str:
    """Where ``field`` of a client migrated from ``version`` was in the file as written, so
    that a problem is named where the user can find it (``engagements[0].work[2]`` was
    ``work[2]`` before schema 2; the main contact's ``name`` was ``contact_person``)."""
    if version < 2:
        if field.startswith("engagements[0]."):
            return field.removeprefix("engagements[0].")
        if field.startswith("people[0]."):
            part = field.removeprefix("people[0].")
            return "contact_person" if part == "name" else part
    return field


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
