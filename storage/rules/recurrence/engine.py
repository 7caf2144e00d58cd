"""Finding the dates of a rule: dateutil's rrule, restarted near the day asked about so that the
cost does not grow with the years since the start, and checked to give a date at all."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache
from math import lcm

from dateutil.rrule import YEARLY, rrule, rruleset, rrulestr

from storage.errors import ValidationError
from storage.records.fields import LAST_DAY
from storage.rules.recurrence.parser import WEEKDAYS, rule_parts

# One full turn of the Gregorian calendar (400 years) counted in each frequency's periods: dates,
# weekdays and leap years all repeat after it.
_CALENDAR_CYCLE = {"YEARLY": 400, "MONTHLY": 4800, "WEEKLY": 20871, "DAILY": 146097}


def parts_from_start(rule: str, start: date) -> dict[str, str]:
    """The BY parts ``rule`` takes from ``start`` because it gives none (RFC 5545 and dateutil
    agree on them), as RRULE parts: the rule restarted on a later date of its own needs them."""
    names = {"bymonth": "BYMONTH", "bymonthday": "BYMONTHDAY", "byweekday": "BYDAY"}
    pinned = compile_rule(rule, start).pinned
    return {names[key]: WEEKDAYS[value] if key == "byweekday" else str(value)
            for key, value in pinned.items()}


@dataclass(frozen=True)
class Recurrence:
    """A parsed rule from its start, able to restart near any day (dateutil cannot)."""

    rule: rrule
    parts: Mapping[str, str]
    start: date
    # The BY values dateutil takes from DTSTART when the rule gives none; pinned when restarting.
    pinned: Mapping[str, int]

    @property
    def frequency(self) -> str:
        return self.parts["FREQ"]

    @property
    def interval(self) -> int:
        return int(self.parts.get("INTERVAL", "1"))

    def rule_from(self, day: date) -> rrule | rruleset:
        """The same rule with DTSTART moved to the latest period boundary on or before ``day``.

        dateutil walks every period from DTSTART on each query: ~2 ms for a weekly rule begun ten
        years ago. Restarting on a whole number of INTERVALs keeps every date from that period on
        (BYSETPOS works within a period). A rule with COUNT gives the dates listed in `_counted`.
        """
        if "COUNT" in self.parts:
            return self._counted
        if day <= self.start:
            return self.rule
        periods = self._period_index(day) - self._period_index(self.start)
        steps = periods // self.interval * self.interval
        if steps <= 0:
            return self.rule
        return self.rule.replace(dtstart=midnight(self._period_start(steps)), **self.pinned)

    @cached_property
    def _counted(self) -> rruleset:
        """A rule with COUNT counts from its start, so it cannot restart later: its dates are
        listed once, up to LAST_DAY (at most MAX_COUNT of them; 0.1 s for the sparsest)."""
        dates = rruleset()
        end = midnight(LAST_DAY)
        for day in self.rule:
            if day > end:
                break
            dates.rdate(day)
        return dates

    def has(self, day: date) -> bool:
        return self.rule_from(day).after(midnight(day), inc=True) == midnight(day)

    def _week_start(self, day: date) -> date:
        first_weekday = WEEKDAYS.index(self.parts.get("WKST", "MO"))
        return day - timedelta(days=(day.weekday() - first_weekday) % 7)

    def _period_index(self, day: date) -> int:
        """Which year, month, week or day ``day`` falls in, counted from year 1."""
        if self.frequency == "YEARLY":
            return day.year
        if self.frequency == "MONTHLY":
            return day.year * 12 + day.month - 1
        if self.frequency == "WEEKLY":
            return self._week_start(day).toordinal() // 7
        return day.toordinal()

    def _period_start(self, steps: int) -> date:
        """The first day of the period ``steps`` periods after the one holding ``start``."""
        if self.frequency == "YEARLY":
            return date(self.start.year + steps, 1, 1)
        if self.frequency == "MONTHLY":
            month = self.start.year * 12 + self.start.month - 1 + steps
            return date(month // 12, month % 12 + 1, 1)
        if self.frequency == "WEEKLY":
            return self._week_start(self.start) + timedelta(weeks=steps)
        return self.start + timedelta(days=steps)


@lru_cache(maxsize=8192)  # the same rules are read again on every load and every query
def compile_rule(text: str, start: date) -> Recurrence:
    parts = rule_parts(text)
    canonical = ";".join(f"{name}={value}" for name, value in parts.items())
    if "WKST" not in parts:  # dateutil would follow calendar.firstweekday(); RFC 5545 says MO
        canonical += ";WKST=MO"
    try:
        rule = rrulestr(canonical, dtstart=midnight(start))
    except (ValueError, TypeError) as error:
        raise ValidationError(
            "rule", f"this rule could not be read ({error}); check each NAME=VALUE part"
        ) from None
    pinned: dict[str, int] = {}
    if not parts.keys() & {"BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY"}:
        if parts["FREQ"] in {"YEARLY", "MONTHLY"}:
            pinned["bymonthday"] = start.day
        if parts["FREQ"] == "YEARLY" and "BYMONTH" not in parts:
            pinned["bymonth"] = start.month
        if parts["FREQ"] == "WEEKLY":
            pinned["byweekday"] = start.weekday()
    recurrence = Recurrence(rule=rule, parts=parts, start=start, pinned=pinned)
    if not _has_any_date(recurrence):
        raise ValidationError(
            "rule",
            f"this rule never gives a date from {start.isoformat()} on; "
            "check the month and day parts and UNTIL",
        )
    return recurrence


def _has_any_date(recurrence: Recurrence) -> bool:
    """Whether the rule gives at least one date, in bounded time.

    dateutil looks for a first date up to the year 9999, which takes seconds for an impossible
    daily rule. Without COUNT and UNTIL, a rule's dates repeat with the calendar every 400 years
    (or a multiple fitting INTERVAL), so checking one such cycle near year 9999 is enough.
    """
    parts, start = recurrence.parts, recurrence.start
    unbounded = recurrence.rule.replace(count=None, until=None)
    frequency, interval = recurrence.frequency, recurrence.interval
    day_parts = parts.keys() & {"BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY"}
    plain_days = all(day in WEEKDAYS for day in parts.get("BYDAY", "MO").split(","))
    if frequency in ("DAILY", "WEEKLY") and "BYSETPOS" not in parts and plain_days:
        if frequency == "DAILY" and not day_parts:
            return _first_date_exists(recurrence)  # days in every month it allows
        # Its dates are among the days passing its BY filters, which a yearly rule with the same
        # filters lists a year (not a day) at a time; with INTERVAL=1 they are exactly those.
        weekday = {} if "BYDAY" in parts else {"byweekday": start.weekday()}
        filters = unbounded.replace(freq=YEARLY, interval=1, **weekday)
        if not _cycle_has_date(filters, "YEARLY", 1, start):
            return False
        if interval == 1:
            return _first_date_exists(recurrence)
    return _cycle_has_date(unbounded, frequency, interval, start) and _first_date_exists(
        recurrence
    )


def _cycle_has_date(unbounded: rrule, frequency: str, interval: int, start: date) -> bool:
    cycle_years = lcm(_CALENDAR_CYCLE[frequency], interval) // _CALENDAR_CYCLE[frequency] * 400
    jumps = (9998 - cycle_years - start.year) // cycle_years
    if jumps > 0:
        # Same month, day and weekday, same place in the INTERVAL: the same pattern of dates.
        start = start.replace(year=start.year + jumps * cycle_years)
        unbounded = unbounded.replace(dtstart=midnight(start))
    return unbounded.after(midnight(start), inc=True) is not None


def _first_date_exists(recurrence: Recurrence) -> bool:
    # Only called when dates exist without COUNT and UNTIL: the first comes within one calendar
    # cycle, so this stops quickly; UNTIL may still come before it.
    return recurrence.rule.after(midnight(recurrence.start), inc=True) is not None


def midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)
