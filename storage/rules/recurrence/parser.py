"""Reading a recurrence rule typed by a person: the RRULE parts Sendoff accepts, each checked
against the range it keeps (see README, "Your data is safe"), with a message saying what is
wrong."""

from __future__ import annotations

import re
from datetime import date

from storage.errors import ValidationError
from storage.records.fields import FIRST_DAY, LAST_DAY

# Longest cadence, grace or INTERVAL accepted: about ten years. Beyond that a "follow-up" is not
# one, and dateutil slows down badly on huge daily intervals.
MAX_DAYS = 3660
# Most dates a rule with COUNT may give: a monthly follow-up for 80 years. Its dates are listed
# once, up to LAST_DAY (see `Recurrence.rule_from`).
MAX_COUNT = 1000

FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
_DAY_PARTS = frozenset(
    {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO",
     "BYDAY", "BYSETPOS", "WKST"}
)  # fmt: skip
_NUMBER_RANGES = {
    # part: (highest absolute value, may be negative, the unit in words)
    "BYMONTH": (12, False, "months run 1 to 12"),
    "BYMONTHDAY": (31, True, "days of the month run 1 to 31, or -1 (last) to -31"),
    "BYYEARDAY": (366, True, "days of the year run 1 to 366, or -1 to -366"),
    "BYWEEKNO": (53, True, "weeks run 1 to 53, or -1 to -53"),
    "BYSETPOS": (366, True, "positions run 1 to 366, or -1 (last) to -366"),
}
_UNTIL_SHAPE = re.compile(r"^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$")

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WEEKDAY_SHAPE = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")


def normalise_rule(text: str) -> str:
    """The canonical text of an RRULE typed by a person: upper case, no "RRULE:", FREQ first,
    UNTIL as a date. Raises ValidationError("rule", ...) saying what is wrong."""
    return ";".join(f"{name}={value}" for name, value in rule_parts(text).items())


def rule_parts(text: str) -> dict[str, str]:
    value = (text or "").strip() if isinstance(text, str) else ""
    if not value:
        raise ValidationError("rule", "a rule is required, for example FREQ=MONTHLY;INTERVAL=6")
    lines = [line.strip().upper() for line in value.splitlines() if line.strip()]
    if any(line.startswith("DTSTART") or ";DTSTART=" in f";{line}" for line in lines):
        raise ValidationError(
            "rule", "the start date is its own field; remove DTSTART from the rule"
        )
    if len(lines) > 1:
        raise ValidationError(
            "rule", "write a single rule line (FREQ=...), without EXDATE, RDATE or a second rule"
        )
    body = lines[0].removeprefix("RRULE:")
    if ":" in body:
        raise ValidationError(
            "rule", f"{body.split(':')[0]} is not a rule; write it as FREQ=...;INTERVAL=..."
        )
    parts: dict[str, str] = {}
    for chunk in body.split(";"):
        if not chunk.strip():
            continue
        name, equals, setting = (piece.strip() for piece in chunk.partition("="))
        setting = setting.replace(" ", "")
        if not equals or not name or not setting:
            raise ValidationError(
                "rule", f"{chunk.strip()!r} should look like NAME=VALUE, for example INTERVAL=6"
            )
        if name in {"BYHOUR", "BYMINUTE", "BYSECOND"}:
            raise ValidationError("rule", f"follow-ups are days, not hours; remove {name}")
        if name not in _DAY_PARTS:
            raise ValidationError(
                "rule",
                f"{name} is not part of a recurrence rule Sendoff understands; use FREQ, "
                "INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS...",
            )
        if name in parts:
            raise ValidationError("rule", f"{name} is given twice")
        parts[name] = setting
    frequency = parts.pop("FREQ", None)
    if frequency is None:
        raise ValidationError("rule", "a rule starts with FREQ=YEARLY, MONTHLY, WEEKLY or DAILY")
    if frequency in {"HOURLY", "MINUTELY", "SECONDLY"}:
        raise ValidationError(
            "rule", f"follow-ups are days, not hours: FREQ={frequency} cannot be used; "
            "use DAILY, WEEKLY, MONTHLY or YEARLY"
        )
    if frequency not in FREQUENCIES:
        raise ValidationError(
            "rule", f"FREQ={frequency} is not a frequency; use YEARLY, MONTHLY, WEEKLY or DAILY"
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValidationError(
            "rule", "give COUNT (how many times) or UNTIL (the last day), not both"
        )
    for name, highest in (("INTERVAL", MAX_DAYS), ("COUNT", MAX_COUNT)):
        if name not in parts:
            continue
        amount = int(parts[name]) if parts[name].isascii() and parts[name].isdigit() else 0
        if not 1 <= amount <= highest:
            raise ValidationError(
                "rule", f"{name}={parts[name]}: {name} must be a whole number from 1 to {highest}"
            )
    if "WKST" in parts and parts["WKST"] not in WEEKDAYS:
        raise ValidationError(
            "rule", f"WKST={parts['WKST']}: the week starts on one of {', '.join(WEEKDAYS)}"
        )
    if "BYDAY" in parts:
        _check_weekdays(parts["BYDAY"], frequency, "BYWEEKNO" in parts)
    for name, (highest, negative, unit) in _NUMBER_RANGES.items():
        for number in parts[name].split(",") if name in parts else ():
            try:
                amount = int(number)
            except ValueError:
                raise ValidationError(
                    "rule", f"{name}={parts[name]} should be whole numbers separated by commas"
                ) from None
            if amount == 0 or abs(amount) > highest or (amount < 0 and not negative):
                raise ValidationError("rule", f"{name}={parts[name]}: {unit}")
    if "UNTIL" in parts:
        parts["UNTIL"] = ical_date(until_date(parts["UNTIL"]))
    return {"FREQ": frequency, **parts}


def until_date(text: str) -> date:
    match = _UNTIL_SHAPE.match(text) if text.isascii() else None
    if not match:
        raise ValidationError(
            "rule", f"UNTIL={text}: write the last day as YYYYMMDD, for example UNTIL=20271231"
        )
    try:
        day = date(*(int(piece) for piece in match.groups()[:3]))
    except ValueError:
        raise ValidationError("rule", f"UNTIL={text} is not a real date") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            "rule", f"UNTIL={text} is outside the dates Sendoff keeps: years {FIRST_DAY.year} "
                    f"to {LAST_DAY.year}"
        )
    return day


def _check_weekdays(setting: str, frequency: str, by_week_number: bool) -> None:
    """BYDAY: weekdays, each with an ordinal (the 2nd Monday: 2MO; the last: -1MO) only where
    RFC 5545 allows one, within the period (5 a month, 53 a year)."""
    most = {"MONTHLY": 5, "YEARLY": 53}.get(frequency)
    if by_week_number:
        most = None  # RFC 5545: no ordinal with BYWEEKNO
    for chunk in setting.split(","):
        match = _WEEKDAY_SHAPE.fullmatch(chunk) if chunk.isascii() else None
        if not match:
            raise ValidationError(
                "rule", f"BYDAY={setting}: give weekdays as MO, TU, WE, TH, FR, SA, SU, "
                        "separated by commas (a number before one, such as 2MO, is the 2nd)"
            )
        if not match[1]:
            continue
        ordinal = int(match[1])
        if most is None:
            raise ValidationError(
                "rule", f"BYDAY={setting}: a numbered weekday such as {chunk} needs "
                        "FREQ=MONTHLY or FREQ=YEARLY (without BYWEEKNO)"
            )
        if ordinal == 0 or abs(ordinal) > most:
            period = "month" if most == 5 else "year"
            raise ValidationError(
                "rule", f"BYDAY={setting}: a {period} has at most {most} of each weekday; "
                        f"number them 1 to {most}, or -1 (the last) to -{most}"
            )


def ical_date(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"
