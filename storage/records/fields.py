"""Shared helpers for record fields: ids, dates typed by a person, required text, and reading
stored values, which checks each one's type: a record read is a record validated."""

from __future__ import annotations

import calendar
import re
import secrets
from collections.abc import Callable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from storage.errors import ValidationError

E = TypeVar("E", bound=StrEnum)
R = TypeVar("R")

# The dates Sendoff accepts, typed or stored: a working life and then some. Outside them a date
# is a typo (0000, 9999), and date arithmetic near the ends of Python's calendar would fail.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)

_ISO_SHAPE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def new_id() -> str:
    """A short random id, unique within one client's lists."""
    return secrets.token_hex(4)


def in_range(field: str, day: date) -> date:
    """``day``, when Sendoff accepts it (FIRST_DAY to LAST_DAY)."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            field, f"{day.isoformat()} is outside the dates Sendoff keeps: years "
                   f"{FIRST_DAY.year} to {LAST_DAY.year}"
        )
    return day


def parse_date(field: str, text: str | date | None, *, required: bool = False) -> date | None:
    """Read a date typed as YYYY-MM-DD, explaining exactly what is wrong with a bad one."""
    if isinstance(text, date):
        return in_range(field, text)
    if text is not None and not isinstance(text, str):
        raise ValidationError(field, f"should be a date (YYYY-MM-DD), not {text!r}")
    value = (text or "").strip()
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            day = date.fromisoformat(value)  # the stored form: fast, exact
        except ValueError:
            pass  # explained below
        else:
            return in_range(field, day)
    if not value:
        if required:
            raise ValidationError(field, "a date is required (YYYY-MM-DD)")
        return None
    match = _ISO_SHAPE.match(value)
    if not match or not value.isascii():
        raise ValidationError(field, f"{value!r} is not a date; use the form YYYY-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise ValidationError(
            field, f"{value!r} is outside the dates Sendoff keeps: years "
                   f"{FIRST_DAY.year} to {LAST_DAY.year}"
        )
    if not 1 <= month <= 12:
        raise ValidationError(field, f"{value!r} has no month {month}; months run 1 to 12")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        raise ValidationError(
            field, f"{value!r} is not a real date: {name} {year} has {last} days"
        )
    return date(year, month, day)


def parse_whole_number(field: str, text: str, *, unit: str, empty: int | None = None) -> int:
    """A whole number typed in ``field`` (ASCII digits only: not ``1_000``, ``+3`` or ``١٢``), in
    ``unit`` such as "days"; an empty field is ``empty``, or refused when that is None. The range
    is the record's to check."""
    value = (text or "").strip()
    if not value:
        if empty is None:
            raise ValidationError(field, f"a number of {unit} is needed (for example 30)")
        return empty
    if not (value.isascii() and value.isdigit()):
        raise ValidationError(field, f"{value!r} is not a whole number of {unit}")
    return int(value)


def known_days(**days: date | None) -> dict[str, str]:
    """The days given that are known, as stored (an unknown one is left out, which reads back
    as unknown): the days things happened, kept on every item, cost nothing until they do."""
    return {name: day.isoformat() for name, day in days.items() if day is not None}


def date_to_json(value: date | None) -> str | None:
    return value.isoformat() if value else None


def date_from_json(field: str, value: str | None) -> date | None:
    return parse_date(field, value)


def dates_from_json(field: str, values: Any) -> list[date]:
    if values is None:
        return []
    if not isinstance(values, list):
        raise ValidationError(field, f"should be a list of dates, not {values!r}")
    return [parse_date(field, value, required=True) for value in values]


def require_text(field: str, value: str, what: str) -> str:
    """Strip ``value`` and refuse it when empty, naming what was expected."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, f"{what} cannot be empty")
    return text


def enum_value(field: str, kind: type[E], value: str | E) -> E:
    """Convert stored or typed text to ``kind``, listing the choices when it is none of them."""
    try:
        if isinstance(value, str):
            return kind(value)
    except ValueError:
        pass
    choices = ", ".join(repr(member.value) for member in kind)
    raise ValidationError(field, f"{value!r} is not one of: {choices}") from None


# -- reading stored values: each checks the type it was given ---------------------------------


def record(field: str, value: Any) -> Mapping[str, Any]:
    """A stored record (a JSON object); a missing one is empty."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(field, f"should be a record (a JSON object), not {value!r}")
    return value


def text(field: str, value: Any) -> str:
    """Stored text; missing is empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, f"should be text, not {value!r}")
    return value


def client_number(field: str, value: Any) -> int | None:
    """A client named by its number in the book (from 1), or None."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ValidationError(field, f"should name a client by number, not {value!r}")
    return value


def person_reference(field: str, value: Any) -> str | None:
    """One of the client's people, named by their id; missing is nobody."""
    if value is not None and not isinstance(value, str):
        raise ValidationError(field, f"should name a person, not {value!r}")
    return value or None


def flag(field: str, value: Any) -> bool:
    """A stored yes or no (true or false); missing is no."""
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ValidationError(field, f"should be true or false, not {value!r}")
    return value


def whole_number(field: str, value: Any) -> int:
    """A stored whole number (not true or false, which JSON readers may take for 1 and 0)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"should be a whole number, not {value!r}")
    return value


def records(field: str, value: Any, read: Callable[[Mapping[str, Any]], R]) -> list[R]:
    """A stored list of records, each read by ``read``; a problem names the list and the place
    in it (``work[2].due``), so that it can be found in the file."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError(field, f"should be a list, not {value!r}")
    found = []
    for place, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise ValidationError(f"{field}[{place}]",
                                  f"should be a record (a JSON object), not {item!r}")
        try:
            found.append(read(item))
        except ValidationError as error:
            raise ValidationError(f"{field}[{place}].{error.field}", error.message) from None
    return found


def within(field: str, read: Callable[[], R]) -> R:
    """``read()``, a problem in it named as inside ``field`` (``contract.start``)."""
    try:
        return read()
    except ValidationError as error:
        raise ValidationError(f"{field}.{error.field}", error.message) from None
