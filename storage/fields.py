"""Shared helpers for record fields: ids, dates typed by a person, required text."""

from __future__ import annotations

import calendar
import re
import secrets
from datetime import date
from enum import StrEnum
from typing import TypeVar

from storage.errors import ValidationError

E = TypeVar("E", bound=StrEnum)

_ISO_SHAPE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def new_id() -> str:
    """A short random id, unique within one client's lists."""
    return secrets.token_hex(4)


def parse_date(field: str, text: str | date | None, *, required: bool = False) -> date | None:
    """Read a date typed as YYYY-MM-DD, explaining exactly what is wrong with a bad one."""
    if isinstance(text, date):
        return text
    value = (text or "").strip()
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)  # the stored form: fast, exact
        except ValueError:
            pass  # explained below
    if not value:
        if required:
            raise ValidationError(field, "a date is required (YYYY-MM-DD)")
        return None
    match = _ISO_SHAPE.match(value)
    if not match:
        raise ValidationError(field, f"{value!r} is not a date; use the form YYYY-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise ValidationError(field, f"{value!r} has no month {month}; months run 1 to 12")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        raise ValidationError(
            field, f"{value!r} is not a real date: {name} {year} has {last} days"
        )
    return date(year, month, day)


def date_to_json(value: date | None) -> str | None:
    return value.isoformat() if value else None


def date_from_json(field: str, value: str | None) -> date | None:
    return parse_date(field, value)


def dates_from_json(field: str, values: list[str] | None) -> list[date]:
    return [parse_date(field, value, required=True) for value in values or []]


def require_text(field: str, value: str, what: str) -> str:
    """Strip ``value`` and refuse it when empty, naming what was expected."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, f"{what} cannot be empty")
    return text


def enum_value(field: str, kind: type[E], value: str | E) -> E:
    """Convert stored or typed text to ``kind``, listing the choices when it is none of them."""
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise ValidationError(field, f"{value!r} is not one of: {choices}") from None
