"""A rule in words, for the screen: "every 6 months from 2026-03-15"."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

# English names, fixed: calendar.month_name follows the process locale.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def describe_rule(parts: Mapping[str, str], start: date, preset: str) -> str | None:
    """Words for the common shapes of rule; None for the others (shown as the RRULE text)."""
    frequency, interval = parts["FREQ"], int(parts.get("INTERVAL", "1"))
    by = {name: value for name, value in parts.items() if name.startswith("BY")}
    unit = {"YEARLY": "year", "MONTHLY": "month", "WEEKLY": "week", "DAILY": "day"}[frequency]
    if interval > 1:
        every = f"every {interval} {unit}s"
    else:
        every = "yearly" if frequency == "YEARLY" else f"every {unit}"
    since = f"from {start.isoformat()}"
    if frequency == "YEARLY":
        month_day = _yearly_month_day(by, start)
        if month_day is None:
            return None
        month, day = month_day
        if (month, day) == (2, -1) and preset == "birthday":
            return f"{every} on 29 February (28 February in common years)"
        if day == -1:
            return f"{every} on the last day of {_MONTHS[month - 1]}"
        return f"{every} on {day} {_MONTHS[month - 1]}" if day > 0 else None
    if not by:
        return f"{every} {since}"
    if frequency != "MONTHLY":
        return None
    days = by.get("BYMONTHDAY", "")
    if by == {"BYMONTHDAY": "-1"}:
        return f"{every} on the last day of the month, {since}"
    if by == {"BYMONTHDAY": days, "BYSETPOS": "-1"} and days in ("28,29", "28,29,30"):
        day = _ordinal(int(days.split(",")[-1]))
        return f"{every} on the {day} (or the month's last day when shorter), {since}"
    if by == {"BYMONTHDAY": days} and days.isdigit():
        return f"{every} on the {_ordinal(int(days))}, {since}"
    return None


def _yearly_month_day(by: Mapping[str, str], start: date) -> tuple[int, int] | None:
    """The one (month, day) a yearly rule falls on, if it has exactly one."""
    if not by:
        return start.month, start.day
    if set(by) == {"BYMONTH"} and by["BYMONTH"].isdigit():
        return int(by["BYMONTH"]), start.day  # dateutil takes the day from DTSTART
    month, day = by.get("BYMONTH", ""), by.get("BYMONTHDAY", "")
    if set(by) == {"BYMONTH", "BYMONTHDAY"} and month.isdigit() and day.lstrip("-").isdigit():
        return int(month), int(day)
    return None


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
