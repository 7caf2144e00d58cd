"""The follow-ups Sendoff offers ready-made, and the rule each one repeats by."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

PRESETS: Mapping[str, tuple[str, str]] = {
    "twice-a-year": ("Twice a year", "Check in every six months."),
    "quarterly": ("Quarterly check-in", "Check in every three months."),
    "monthly": ("Monthly", "Check in every month."),
    "birthday": ("Birthday", "Send wishes every year on the client's birthday."),
    "industry-news": ("Industry news", "Share news from their industry every three months."),
    "custom": ("Custom", "Your own rule, or every so many days after you last spoke."),
}

# The rule each month-based preset repeats by; the day of the month comes from the start date.
_PRESET_RULES = {
    "twice-a-year": "FREQ=MONTHLY;INTERVAL=6",
    "quarterly": "FREQ=MONTHLY;INTERVAL=3",
    "monthly": "FREQ=MONTHLY",
    "industry-news": "FREQ=MONTHLY;INTERVAL=3",
}


def preset_schedule(key: str, start: date, birthday: date | None) -> tuple[date, str]:
    """The first date and the rule of month-based preset ``key`` from ``start``, or of the
    birthday preset (``key="birthday"``) from the first ``birthday`` on or after ``start``."""
    if key == "birthday" and birthday is not None:
        first = _next_birthday(birthday, start)
        if (birthday.month, birthday.day) == (2, 29):
            return first, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
        return first, f"FREQ=YEARLY;BYMONTH={birthday.month};BYMONTHDAY={birthday.day}"
    return start, _PRESET_RULES[key] + _month_end_parts(start.day)


def _month_end_parts(day: int) -> str:
    """Extra rule parts so a month-based rule begun late in a month fires in every month."""
    if day == 31:
        return ";BYMONTHDAY=-1"
    if day in (29, 30):
        days = ",".join(str(d) for d in range(28, day + 1))
        return f";BYMONTHDAY={days};BYSETPOS=-1"
    return ""


def _birthday_in(birthday: date, year: int) -> date:
    if (birthday.month, birthday.day) == (2, 29) and not _is_leap(year):
        return date(year, 2, 28)
    return date(year, birthday.month, birthday.day)


def _next_birthday(birthday: date, start: date) -> date:
    this_year = _birthday_in(birthday, start.year)
    return this_year if this_year >= start else _birthday_in(birthday, start.year + 1)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
