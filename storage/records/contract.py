"""Where you stand: the contract, its notice period and the end of notice it implies."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Self

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, FR, MO, TH, TU, WE, rrule

from storage.errors import ValidationError
from storage.records.fields import (
    date_from_json,
    date_to_json,
    enum_value,
    flag,
    record,
    text,
    whole_number,
)


class ContractKind(StrEnum):
    FIXED_SCOPE = "fixed scope"
    RETAINER = "retainer"
    OPEN_ENDED = "open-ended"
    NONE = "none"


class NoticeUnit(StrEnum):
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"


class NoticeGivenBy(StrEnum):
    NOBODY = ""
    ME = "me"
    CLIENT = "client"


# The longest notice accepted, in each unit: ten years.
_LONGEST_NOTICE = {"days": 3650, "business days": 2610, "weeks": 521, "months": 120}


@dataclass
class NoticePeriod:
    """A notice period such as "1 month" or "10 business days"."""

    amount: int = 0
    unit: NoticeUnit = NoticeUnit.DAYS
    business_days: bool = False

    def validate(self) -> None:
        if not isinstance(self.amount, int) or isinstance(self.amount, bool):
            raise ValidationError("notice_amount", "the notice period must be a whole number")
        if self.amount < 0:
            raise ValidationError("notice_amount", "the notice period cannot be negative")
        if self.business_days and self.unit is not NoticeUnit.DAYS:
            raise ValidationError(
                "notice_unit", "business days can only be counted in days, not weeks or months"
            )
        unit = "business days" if self.business_days else self.unit.value
        most = _LONGEST_NOTICE[unit]
        if self.amount > most:
            raise ValidationError(
                "notice_amount", f"{self.amount} {unit} is over ten years, not a notice period: "
                                 f"give at most {most} {unit}"
            )

    def end_from(self, given_on: date) -> date:
        """The last day of notice given on ``given_on``.

        Calendar periods add with relativedelta, so a month from 31 January ends on the
        last day of February (28th, or 29th in a leap year). Business days count Monday
        to Friday after the day notice was given; public holidays are not known here.
        """
        if self.amount == 0:
            return given_on
        if self.business_days:
            workdays = rrule(
                DAILY,
                dtstart=given_on + timedelta(days=1),
                byweekday=(MO, TU, WE, TH, FR),
                count=self.amount,
            )
            return list(workdays)[-1].date()
        step = {
            NoticeUnit.DAYS: relativedelta(days=self.amount),
            NoticeUnit.WEEKS: relativedelta(weeks=self.amount),
            NoticeUnit.MONTHS: relativedelta(months=self.amount),
        }[self.unit]
        return given_on + step

    def describe(self) -> str:
        if self.amount == 0:
            return "no notice"
        unit = self.unit.value if self.amount != 1 else self.unit.value.rstrip("s")
        kind = " business" if self.business_days else ""
        return f"{self.amount}{kind} {unit}"


@dataclass
class Contract:
    """The agreement being closed, and the notice that ends it."""

    kind: ContractKind = ContractKind.NONE
    start: date | None = None
    planned_last_day: date | None = None
    notice: NoticePeriod = field(default_factory=NoticePeriod)
    notice_given_on: date | None = None
    notice_given_by: NoticeGivenBy = NoticeGivenBy.NOBODY
    termination_terms: str = ""
    arrangement: str = ""

    def validate(self) -> None:
        self.notice.validate()
        if self.start and self.planned_last_day and self.planned_last_day < self.start:
            raise ValidationError(
                "planned_last_day",
                f"the last day {self.planned_last_day} is before the start {self.start}",
            )
        if self.start and self.notice_given_on and self.notice_given_on < self.start:
            raise ValidationError(
                "notice_given_on",
                f"notice given on {self.notice_given_on} is before the start {self.start}",
            )
        if self.notice_given_on and self.notice_given_by is NoticeGivenBy.NOBODY:
            raise ValidationError("notice_given_by", "say who gave notice: me or the client")

    @property
    def notice_end(self) -> date | None:
        """The earliest day the engagement can end, given the notice served."""
        if self.notice_given_on is None:
            return None
        return self.notice.end_from(self.notice_given_on)

    @property
    def shortfall_days(self) -> int:
        """Days by which the planned last day comes before the end of notice (0 if none)."""
        end = self.notice_end
        if end is None or self.planned_last_day is None:
            return 0
        return max(0, (end - self.planned_last_day).days)

    @property
    def notice_sufficient(self) -> bool | None:
        """Whether the notice covers the planned last day; None until notice is given."""
        if self.kind is ContractKind.NONE and self.notice.amount == 0:
            return True
        if self.notice_given_on is None:
            return None
        return self.shortfall_days == 0

    @property
    def last_day(self) -> date | None:
        """The day the engagement actually ends: the planned day, else the end of notice."""
        return self.planned_last_day or self.notice_end

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "start": date_to_json(self.start),
            "planned_last_day": date_to_json(self.planned_last_day),
            "notice": {
                "amount": self.notice.amount,
                "unit": self.notice.unit.value,
                "business_days": self.notice.business_days,
            },
            "notice_given_on": date_to_json(self.notice_given_on),
            "notice_given_by": self.notice_given_by.value,
            "termination_terms": self.termination_terms,
            "arrangement": self.arrangement,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        notice = record("notice", data.get("notice"))
        return cls(
            kind=enum_value("kind", ContractKind, data.get("kind", "none")),
            start=date_from_json("start", data.get("start")),
            planned_last_day=date_from_json("planned_last_day", data.get("planned_last_day")),
            notice=NoticePeriod(
                amount=whole_number("notice_amount", notice.get("amount", 0)),
                unit=enum_value("notice_unit", NoticeUnit, notice.get("unit", "days")),
                business_days=flag("notice_business_days", notice.get("business_days")),
            ),
            notice_given_on=date_from_json("notice_given_on", data.get("notice_given_on")),
            notice_given_by=enum_value(
                "notice_given_by", NoticeGivenBy, data.get("notice_given_by", "")
            ),
            termination_terms=text("termination_terms", data.get("termination_terms")),
            arrangement=text("arrangement", data.get("arrangement")),
        )
