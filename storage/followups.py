"""Staying in touch after a client leaves: follow-ups, the contacts that answer them, and what to
forward next time.

Everything here is whole days: no times, no time zones. A follow-up repeats either by an RFC 5545
recurrence rule (``kind="rule"``, evaluated with dateutil) or by a cadence ("every N days after we
last spoke", ``kind="cadence"``).

Contacts are kept by the caller, not by the follow-up. Every method whose answer depends on them
takes ``last_contact`` (see `last_contact_of`) as a *required* keyword, so a cadence can never be
computed from the wrong day by forgetting it; rule follow-ups ignore it. Every answer is a pure
function of the record's fields and ``last_contact``, so a repository may store ``next_due`` and
recompute it only when the follow-up or the client's contacts change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cached_property, lru_cache
from math import lcm
from typing import Any, Self

from dateutil.rrule import YEARLY, rrule, rruleset, rrulestr

from storage import clock
from storage.errors import ValidationError
from storage.fields import (
    FIRST_DAY,
    LAST_DAY,
    date_from_json,
    date_to_json,
    dates_from_json,
    enum_value,
    new_id,
    parse_date,
    require_text,
    text,
    whole_number,
)
from storage.schedule import UPCOMING_DAYS, Freshness, freshness

# Longest cadence, grace or INTERVAL accepted: about ten years. Beyond that a "follow-up" is not
# one, and dateutil slows down badly on huge daily intervals.
MAX_DAYS = 3660
# Most dates a rule with COUNT may give: a monthly follow-up for 80 years. Its dates are listed
# once, up to LAST_DAY (see `_Recurrence.rule_from`).
MAX_COUNT = 1000

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

# English names, fixed: calendar.month_name follows the process locale.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class FollowUpKind(StrEnum):
    RULE = "rule"
    CADENCE = "cadence"


@dataclass
class Contact:
    """One time we were in touch with the former client."""

    on: date
    channel: str
    note: str = ""
    follow_up_id: str | None = None
    forwarded: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "on": date_to_json(self.on),
            "channel": self.channel,
            "note": self.note,
            "follow_up_id": self.follow_up_id,
            "forwarded": list(self.forwarded),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        forwarded = data.get("forwarded") or []
        if not isinstance(forwarded, list):
            raise ValidationError("forwarded", "should be a list of the items forwarded")
        follow_up_id = data.get("follow_up_id")
        if follow_up_id is not None and not isinstance(follow_up_id, str):
            raise ValidationError("follow_up_id", f"should name a follow-up, not {follow_up_id!r}")
        contact = cls(
            on=parse_date("on", data.get("on"), required=True),
            channel=text("channel", data.get("channel")),
            note=text("note", data.get("note")),
            follow_up_id=follow_up_id or None,
            forwarded=list(forwarded),
            id=text("id", data.get("id")) or new_id(),
        )
        contact.validate()
        return contact

    def validate(self) -> None:
        if not isinstance(self.on, date):
            raise ValidationError("on", "the day of the contact is required (YYYY-MM-DD)")
        require_text("channel", self.channel, "How you got in touch (email, call, coffee...)")
        if self.follow_up_id is not None and not isinstance(self.follow_up_id, str):
            raise ValidationError("follow_up_id", "should name a follow-up by its id")
        if not all(isinstance(text, str) and text.strip() for text in self.forwarded):
            raise ValidationError("forwarded", "each forwarded item needs its text")


@dataclass
class ForwardItem:
    """Something worth passing on at the next contact: an article, an introduction, a tool."""

    text: str
    added_on: date
    link: str = ""
    id: str = field(default_factory=new_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "link": self.link,
            "added_on": date_to_json(self.added_on),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        item = cls(
            text=text("text", data.get("text")),
            added_on=parse_date("added_on", data.get("added_on"), required=True),
            link=text("link", data.get("link")),
            id=text("id", data.get("id")) or new_id(),
        )
        item.validate()
        return item

    def validate(self) -> None:
        require_text("text", self.text, "What to forward")
        if not isinstance(self.added_on, date):
            raise ValidationError("added_on", "the day it was added is required (YYYY-MM-DD)")


def last_contact_of(contacts: Iterable[Contact]) -> date | None:
    """The day of the most recent contact, which restarts every cadence; None if there was none."""
    return max((contact.on for contact in contacts), default=None)


@dataclass
class FollowUp:
    """A reason to get back in touch, and when.

    ``start`` is the rule's DTSTART: the first date of the series when it matches the rule.
    ``handled_through``: every date on or before it is handled; a date that passed without being
    handled stays the next due (overdue) until `mark_done`. For a cadence it is the day it was
    last marked done, which restarts the clock like a contact does.
    A snooze moves one date: for a rule, EXDATE the date and RDATE the new one; for a cadence,
    ``snoozed_from`` is the ideal date that was moved and ``snoozed_until`` replaces it, until
    the next contact moves the ideal date anyway.
    """

    label: str
    kind: FollowUpKind
    start: date
    rule: str = ""
    cadence_days: int = 0
    grace_days: int = 14
    exdates: list[date] = field(default_factory=list)
    rdates: list[date] = field(default_factory=list)
    handled_through: date | None = None
    preset: str = "custom"
    snoozed_from: date | None = None
    snoozed_until: date | None = None
    id: str = field(default_factory=new_id)

    # -- building -------------------------------------------------------------------------------

    @classmethod
    def from_preset(
        cls,
        key: str,
        start: date,
        birthday: date | None = None,
        label: str | None = None,
    ) -> Self:
        """A follow-up from one of `PRESETS`.

        Month-based presets repeat on ``start``'s day of the month and fire in every period: a
        start on the 31st means "on the last day of the month", on the 29th or 30th "on that
        day, or the month's last day when the month is shorter" (plain dateutil would skip the
        short months).

        ``birthday`` repeats yearly on the client's birthday, from the first one on or after
        ``start``. Policy for a birthday on 29 February: it is celebrated on the last day of
        February, so on the 28th in common years (plain dateutil would only fire in leap years).
        """
        if key not in PRESETS:
            choices = ", ".join(PRESETS)
            raise ValidationError("preset", f"{key!r} is not a preset; choose one of: {choices}")
        if key == "custom":
            raise ValidationError(
                "preset",
                "a custom follow-up needs its own rule or number of days; "
                "use FollowUp.from_rule or FollowUp.from_cadence",
            )
        start = parse_date("start", start, required=True)
        if key == "birthday":
            if birthday is None:
                raise ValidationError("birthday", "the client's birthday is needed for this one")
            birthday = parse_date("birthday", birthday, required=True)
            first = _next_birthday(birthday, start)
            if (birthday.month, birthday.day) == (2, 29):
                rule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
            else:
                rule = f"FREQ=YEARLY;BYMONTH={birthday.month};BYMONTHDAY={birthday.day}"
        else:
            first = start
            rule = _PRESET_RULES[key] + _month_end_parts(start.day)
        follow_up = cls(
            label=(label or "").strip() or PRESETS[key][0],
            kind=FollowUpKind.RULE,
            start=first,
            rule=rule,
            preset=key,
        )
        follow_up.validate()
        return follow_up

    @classmethod
    def from_rule(cls, label: str, rule: str, start: date) -> Self:
        """A custom follow-up repeating by an RRULE the freelancer typed; DTSTART is ``start``."""
        follow_up = cls(
            label=require_text("label", label, "The follow-up's name"),
            kind=FollowUpKind.RULE,
            start=parse_date("start", start, required=True),
            rule=normalise_rule(rule),
        )
        follow_up.validate()
        return follow_up

    @classmethod
    def from_cadence(cls, label: str, days: int, start: date) -> Self:
        """A custom follow-up every ``days`` days after the last contact (or after ``start``)."""
        follow_up = cls(
            label=require_text("label", label, "The follow-up's name"),
            kind=FollowUpKind.CADENCE,
            start=parse_date("start", start, required=True),
            cadence_days=days,
        )
        follow_up.validate()
        return follow_up

    # -- storage --------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "kind": FollowUpKind(self.kind).value,
            "rule": self.rule,
            "start": date_to_json(self.start),
            "cadence_days": self.cadence_days,
            "grace_days": self.grace_days,
            "exdates": [date_to_json(day) for day in self.exdates],
            "rdates": [date_to_json(day) for day in self.rdates],
            "handled_through": date_to_json(self.handled_through),
            "preset": self.preset,
            "snoozed_from": date_to_json(self.snoozed_from),
            "snoozed_until": date_to_json(self.snoozed_until),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        kind = enum_value("kind", FollowUpKind, data.get("kind", ""))
        rule = text("rule", data.get("rule")).strip()
        if kind == FollowUpKind.RULE:
            rule = normalise_rule(rule)
        follow_up = cls(
            label=text("label", data.get("label")),
            kind=kind,
            start=parse_date("start", data.get("start"), required=True),
            rule=rule,
            cadence_days=whole_number("cadence_days", data.get("cadence_days", 0)),
            grace_days=whole_number("grace_days", data.get("grace_days", 14)),
            exdates=dates_from_json("exdates", data.get("exdates")),
            rdates=dates_from_json("rdates", data.get("rdates")),
            handled_through=date_from_json("handled_through", data.get("handled_through")),
            preset=text("preset", data.get("preset")) or "custom",
            snoozed_from=date_from_json("snoozed_from", data.get("snoozed_from")),
            snoozed_until=date_from_json("snoozed_until", data.get("snoozed_until")),
            id=text("id", data.get("id")) or new_id(),
        )
        follow_up.validate()
        return follow_up

    def validate(self) -> None:
        require_text("label", self.label, "The follow-up's name")
        enum_value("kind", FollowUpKind, self.kind)
        if not isinstance(self.start, date):
            raise ValidationError("start", "a start date is required (YYYY-MM-DD)")
        if self.preset not in PRESETS:
            raise ValidationError("preset", f"{self.preset!r} is not a preset")
        _check_days("grace_days", self.grace_days, minimum=0, what="The grace period")
        if self.kind == FollowUpKind.CADENCE:
            _check_days("cadence_days", self.cadence_days, minimum=1, what="The cadence")
        else:
            _compile(self.rule, self.start)
        if (self.snoozed_from is None) != (self.snoozed_until is None):
            raise ValidationError(
                "snoozed_until", "a snooze needs both the date moved and its new date"
            )
        if self.snoozed_from and self.snoozed_until and self.snoozed_until <= self.snoozed_from:
            raise ValidationError("snoozed_until", "a snooze must move the date later")

    # -- reading the schedule -------------------------------------------------------------------

    def next_after(self, day: date | None, *, last_contact: date | None) -> date | None:
        """The first date of the series strictly after ``day`` (the very first when None).

        Rules restart from the period holding ``day`` (see `_Recurrence.rule_from`), so the cost
        does not grow with the years since ``start``.
        """
        if self.kind == FollowUpKind.CADENCE:
            due = self._cadence_due(last_contact)
            return due if day is None or due > day else None
        recurrence = _compile(self.rule, self.start)
        excluded = set(self.exdates)
        if day is None:
            candidates = recurrence.rule_from(self.start).xafter(_midnight(self.start), inc=True)
        else:
            candidates = recurrence.rule_from(day).xafter(_midnight(day), inc=False)
        # Stops after at most len(exdates) + 1 dates.
        from_rule = next((d.date() for d in candidates if d.date() not in excluded), None)
        from_rdates = min(
            (d for d in self.rdates if (day is None or d > day) and d not in excluded),
            default=None,
        )
        return min((d for d in (from_rule, from_rdates) if d is not None), default=None)

    def next_due(self, *, last_contact: date | None) -> date | None:
        """The ideal date of the first unhandled occurrence, past or future; None once ended.

        A past one is overdue: it stays the next due until `mark_done` handles it.
        """
        if self.kind == FollowUpKind.CADENCE:
            return self._cadence_due(last_contact)
        return self.next_after(self.handled_through, last_contact=last_contact)

    def due_window(self, *, last_contact: date | None) -> tuple[date, date] | None:
        """The ideal date of the next due occurrence and the latest acceptable one (+ grace)."""
        ideal = self.next_due(last_contact=last_contact)
        if ideal is None:
            return None
        return ideal, ideal + timedelta(days=self.grace_days)

    def state(self, today: date | None = None, *, last_contact: date | None) -> Freshness:
        """Fresh, due, stale or ended on ``today`` (the app's clock when omitted)."""
        return freshness(today or clock.today(), self.due_window(last_contact=last_contact))

    def upcoming(self, *, last_contact: date | None) -> list[date]:
        """The unhandled dates from the next due one to UPCOMING_DAYS after it (stored with the
        client so that `sendoff due` can answer without evaluating the rule)."""
        next_due = self.next_due(last_contact=last_contact)
        if next_due is None:
            return []
        if self.kind == FollowUpKind.CADENCE:
            return [next_due]
        return self.occurrences(next_due, next_due + timedelta(days=UPCOMING_DAYS),
                                last_contact=last_contact)

    def occurrences(
        self, between_start: date, between_end: date, *, last_contact: date | None
    ) -> list[date]:
        """Every date of the series in [between_start, between_end], handled or not, sorted.

        A rule gives its dates without the exdates plus the rdates. A cadence has a single next
        date (the ones after depend on the next contact): it is listed when it falls within.
        """
        if between_end < between_start:
            raise ValueError(f"the range ends ({between_end}) before it starts ({between_start})")
        if self.kind == FollowUpKind.CADENCE:
            due = self._cadence_due(last_contact)
            return [due] if between_start <= due <= between_end else []
        recurrence = _compile(self.rule, self.start)
        found = recurrence.rule_from(between_start).between(
            _midnight(between_start), _midnight(between_end), inc=True
        )
        days = {d.date() for d in found}
        days.update(d for d in self.rdates if between_start <= d <= between_end)
        days.difference_update(self.exdates)
        return sorted(days)

    # -- changing it ----------------------------------------------------------------------------

    def mark_done(self, on: date, *, last_contact: date | None) -> date | None:
        """Handle the next due occurrence, as we got in touch ``on``; returns it (None if ended).

        Only one occurrence per call: after a long silence each missed one is handled in turn.
        For a cadence, pass the last contact *before* this one; the clock restarts from ``on``
        (the contact the caller logs restarts it too) and any snooze is over.
        """
        on = parse_date("on", on, required=True)
        occurrence = self.next_due(last_contact=last_contact)
        if occurrence is None:
            return None
        if self.kind == FollowUpKind.CADENCE:
            self.handled_through = max(on, self.handled_through or on)
            self.snoozed_from = self.snoozed_until = None
        else:
            self.handled_through = occurrence
        return occurrence

    def snooze(self, occurrence: date, to: date, *, last_contact: date | None) -> None:
        """Move one occurrence to the later day ``to``; the rest of the series is unchanged."""
        to = parse_date("to", to, required=True)
        if to <= occurrence:
            raise ValidationError("to", f"snooze to a day after {occurrence}; {to} is not later")
        if self.kind == FollowUpKind.CADENCE:
            due = self._cadence_due(last_contact)
            if occurrence != due:
                raise ValidationError(
                    "occurrence", f"{occurrence} is not the next date of this follow-up ({due})"
                )
            self.snoozed_from = self._cadence_ideal(last_contact)
            self.snoozed_until = to
            return
        if self.handled_through and occurrence <= self.handled_through:
            raise ValidationError("occurrence", f"{occurrence} was already handled")
        if occurrence not in self.occurrences(occurrence, occurrence, last_contact=None):
            raise ValidationError("occurrence", f"{occurrence} is not a date of this follow-up")
        if occurrence in self.rdates:
            self.rdates.remove(occurrence)
        if _compile(self.rule, self.start).has(occurrence) and occurrence not in self.exdates:
            self.exdates.append(occurrence)
            self.exdates.sort()
        if to in self.exdates:
            self.exdates.remove(to)
        if to not in self.rdates:
            self.rdates.append(to)
            self.rdates.sort()

    # -- showing it -----------------------------------------------------------------------------

    def describe(self) -> str:
        """How it repeats, in a sentence for the screen: "every 6 months from 2026-03-15"."""
        if self.kind == FollowUpKind.CADENCE:
            days = "every day" if self.cadence_days == 1 else f"every {self.cadence_days} days"
            return f"{days} after the last contact"
        parts = _rule_parts(self.rule)
        text = _describe_parts(parts, self.start, self.preset) or (
            f"by the rule {normalise_rule(self.rule)}, from {self.start.isoformat()}"
        )
        if "COUNT" in parts:
            count = int(parts["COUNT"])
            text += ", once" if count == 1 else f", {count} times"
        if "UNTIL" in parts:
            text += f", until {_until_date(parts['UNTIL']).isoformat()}"
        return text

    # -- cadence --------------------------------------------------------------------------------

    def _cadence_ideal(self, last_contact: date | None) -> date:
        spoke = [d for d in (last_contact, self.handled_through) if d is not None]
        return max(spoke, default=self.start) + timedelta(days=self.cadence_days)

    def _cadence_due(self, last_contact: date | None) -> date:
        ideal = self._cadence_ideal(last_contact)
        if self.snoozed_until is not None and self.snoozed_from == ideal:
            return self.snoozed_until
        return ideal


# -- rules ----------------------------------------------------------------------------------------

_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
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
# One full turn of the Gregorian calendar (400 years) counted in each frequency's periods: dates,
# weekdays and leap years all repeat after it.
_CALENDAR_CYCLE = {"YEARLY": 400, "MONTHLY": 4800, "WEEKLY": 20871, "DAILY": 146097}


def normalise_rule(text: str) -> str:
    """The canonical text of an RRULE typed by a person: upper case, no "RRULE:", FREQ first,
    UNTIL as a date. Raises ValidationError("rule", ...) saying what is wrong."""
    return ";".join(f"{name}={value}" for name, value in _rule_parts(text).items())


def parts_from_start(rule: str, start: date) -> dict[str, str]:
    """The BY parts ``rule`` takes from ``start`` because it gives none (RFC 5545 and dateutil
    agree on them), as RRULE parts: the rule restarted on a later date of its own needs them."""
    names = {"bymonth": "BYMONTH", "bymonthday": "BYMONTHDAY", "byweekday": "BYDAY"}
    pinned = _compile(rule, start).pinned
    return {names[key]: _WEEKDAYS[value] if key == "byweekday" else str(value)
            for key, value in pinned.items()}


def _rule_parts(text: str) -> dict[str, str]:
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
    if frequency not in _FREQUENCIES:
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
    if "WKST" in parts and parts["WKST"] not in _WEEKDAYS:
        raise ValidationError(
            "rule", f"WKST={parts['WKST']}: the week starts on one of {', '.join(_WEEKDAYS)}"
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
        parts["UNTIL"] = _ical_date(_until_date(parts["UNTIL"]))
    return {"FREQ": frequency, **parts}


def _until_date(text: str) -> date:
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


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WEEKDAY_SHAPE = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")


@dataclass(frozen=True)
class _Recurrence:
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
        return self.rule.replace(dtstart=_midnight(self._period_start(steps)), **self.pinned)

    @cached_property
    def _counted(self) -> rruleset:
        """A rule with COUNT counts from its start, so it cannot restart later: its dates are
        listed once, up to LAST_DAY (at most MAX_COUNT of them; 0.1 s for the sparsest)."""
        dates = rruleset()
        end = _midnight(LAST_DAY)
        for day in self.rule:
            if day > end:
                break
            dates.rdate(day)
        return dates

    def has(self, day: date) -> bool:
        return self.rule_from(day).after(_midnight(day), inc=True) == _midnight(day)

    def _week_start(self, day: date) -> date:
        first_weekday = _WEEKDAYS.index(self.parts.get("WKST", "MO"))
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
def _compile(text: str, start: date) -> _Recurrence:
    parts = _rule_parts(text)
    canonical = ";".join(f"{name}={value}" for name, value in parts.items())
    if "WKST" not in parts:  # dateutil would follow calendar.firstweekday(); RFC 5545 says MO
        canonical += ";WKST=MO"
    try:
        rule = rrulestr(canonical, dtstart=_midnight(start))
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
    recurrence = _Recurrence(rule=rule, parts=parts, start=start, pinned=pinned)
    if not _has_any_date(recurrence):
        raise ValidationError(
            "rule",
            f"this rule never gives a date from {start.isoformat()} on; "
            "check the month and day parts and UNTIL",
        )
    return recurrence


def _has_any_date(recurrence: _Recurrence) -> bool:
    """Whether the rule gives at least one date, in bounded time.

    dateutil looks for a first date up to the year 9999, which takes seconds for an impossible
    daily rule. Without COUNT and UNTIL, a rule's dates repeat with the calendar every 400 years
    (or a multiple fitting INTERVAL), so checking one such cycle near year 9999 is enough.
    """
    parts, start = recurrence.parts, recurrence.start
    unbounded = recurrence.rule.replace(count=None, until=None)
    frequency, interval = recurrence.frequency, recurrence.interval
    day_parts = parts.keys() & {"BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY"}
    plain_days = all(day in _WEEKDAYS for day in parts.get("BYDAY", "MO").split(","))
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
        unbounded = unbounded.replace(dtstart=_midnight(start))
    return unbounded.after(_midnight(start), inc=True) is not None


def _first_date_exists(recurrence: _Recurrence) -> bool:
    # Only called when dates exist without COUNT and UNTIL: the first comes within one calendar
    # cycle, so this stops quickly; UNTIL may still come before it.
    return recurrence.rule.after(_midnight(recurrence.start), inc=True) is not None


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


def _describe_parts(parts: Mapping[str, str], start: date, preset: str) -> str | None:
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


# -- small helpers --------------------------------------------------------------------------------


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _ical_date(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _check_days(field_name: str, value: Any, *, minimum: int, what: str) -> None:
    whole_number(field_name, value)
    if not minimum <= value <= MAX_DAYS:
        raise ValidationError(
            field_name, f"{what} must be between {minimum} and {MAX_DAYS} days, not {value}"
        )
