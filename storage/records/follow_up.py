"""A follow-up: a reason to get back in touch with a former client, and when.

Everything here is whole days: no times, no time zones. A follow-up repeats either by an RFC 5545
recurrence rule (``kind="rule"``, evaluated with dateutil) or by a cadence ("every N days after we
last spoke", ``kind="cadence"``).

Contacts are kept by the caller, not by the follow-up. Every method whose answer depends on them
takes ``last_contact`` (see `storage.records.contact.last_contact_of`) as a *required* keyword, so a cadence can never be
computed from the wrong day by forgetting it; rule follow-ups ignore it. Every answer is a pure
function of the record's fields and ``last_contact``, so a repository may store ``next_due`` and
recompute it only when the follow-up or the client's contacts change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Self

from storage import clock
from storage.errors import ValidationError
from storage.records.fields import (
    date_from_json,
    date_to_json,
    dates_from_json,
    enum_value,
    new_id,
    parse_date,
    person_reference,
    require_text,
    text,
    whole_number,
)
from storage.rules.recurrence.describe import describe_rule
from storage.rules.recurrence.engine import compile_rule, midnight
from storage.rules.recurrence.parser import MAX_DAYS, normalise_rule, rule_parts, until_date
from storage.rules.recurrence.presets import PRESETS, preset_schedule
from storage.rules.schedule import UPCOMING_DAYS, Freshness, freshness


class FollowUpKind(StrEnum):
    RULE = "rule"
    CADENCE = "cadence"


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
    person_id: str | None = None  # whose it is, for one that is a person's (their birthday)
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
        first, rule = preset_schedule(key, start, birthday)
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
        } | ({"person_id": self.person_id} if self.person_id else {})

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
            person_id=person_reference("person_id", data.get("person_id")),
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
            compile_rule(self.rule, self.start)
        if (self.snoozed_from is None) != (self.snoozed_until is None):
            raise ValidationError(
                "snoozed_until", "a snooze needs both the date moved and its new date"
            )
        if self.snoozed_from and self.snoozed_until and self.snoozed_until <= self.snoozed_from:
            raise ValidationError("snoozed_until", "a snooze must move the date later")

    # -- reading the schedule -------------------------------------------------------------------

    def next_after(self, day: date | None, *, last_contact: date | None) -> date | None:
        """The first date of the series strictly after ``day`` (the very first when None).

        Rules restart from the period holding ``day`` (see `Recurrence.rule_from`), so the cost
        does not grow with the years since ``start``.
        """
        if self.kind == FollowUpKind.CADENCE:
            due = self._cadence_due(last_contact)
            return due if day is None or due > day else None
        recurrence = compile_rule(self.rule, self.start)
        excluded = set(self.exdates)
        if day is None:
            candidates = recurrence.rule_from(self.start).xafter(midnight(self.start), inc=True)
        else:
            candidates = recurrence.rule_from(day).xafter(midnight(day), inc=False)
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
        recurrence = compile_rule(self.rule, self.start)
        found = recurrence.rule_from(between_start).between(
            midnight(between_start), midnight(between_end), inc=True
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

    def snooze(self, occurrence: date, to: date, *, last_contact: date | None) -> list[date]:
        """Move one occurrence to the later day ``to``; the rest of the series is unchanged.

        Returns the dates of the series it jumps over (after ``occurrence``, before ``to``),
        which now come before it, so the caller can say the order changed. A cadence has
        none: its dates after the next depend on the next contact.
        """
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
            return []
        if self.handled_through and occurrence <= self.handled_through:
            raise ValidationError("occurrence", f"{occurrence} was already handled")
        if occurrence not in self.occurrences(occurrence, occurrence, last_contact=None):
            raise ValidationError("occurrence", f"{occurrence} is not a date of this follow-up")
        jumped = [day for day in self.occurrences(occurrence, to, last_contact=None)
                  if occurrence < day < to]
        if occurrence in self.rdates:
            self.rdates.remove(occurrence)
        if compile_rule(self.rule, self.start).has(occurrence) and occurrence not in self.exdates:
            self.exdates.append(occurrence)
            self.exdates.sort()
        if to in self.exdates:
            self.exdates.remove(to)
        if to not in self.rdates:
            self.rdates.append(to)
            self.rdates.sort()
        return jumped

    # -- showing it -----------------------------------------------------------------------------

    def describe(self) -> str:
        """How it repeats, in a sentence for the screen: "every 6 months from 2026-03-15"."""
        if self.kind == FollowUpKind.CADENCE:
            days = "every day" if self.cadence_days == 1 else f"every {self.cadence_days} days"
            return f"{days} after the last contact"
        parts = rule_parts(self.rule)
        text = describe_rule(parts, self.start, self.preset) or (
            f"by the rule {normalise_rule(self.rule)}, from {self.start.isoformat()}"
        )
        if "COUNT" in parts:
            count = int(parts["COUNT"])
            text += ", once" if count == 1 else f", {count} times"
        if "UNTIL" in parts:
            text += f", until {until_date(parts['UNTIL']).isoformat()}"
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


def _check_days(field_name: str, value: Any, *, minimum: int, what: str) -> None:
    whole_number(field_name, value)
    if not minimum <= value <= MAX_DAYS:
        raise ValidationError(
            field_name, f"{what} must be between {minimum} and {MAX_DAYS} days, not {value}"
        )
