"""Notice dates: months that end early, leap days, business days, shortfalls."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest

from storage.errors import ValidationError
from storage.records.client import Client
from storage.records.contract import Contract, ContractKind, NoticeGivenBy, NoticePeriod, NoticeUnit
from storage.rules.progress import step_progress
from storage.rules.steps import Step


def stand_done(contract: Contract) -> bool:
    """Step 1 is done: the one definition, the dashboard's and the screen's."""
    return step_progress(Client.new(name="Acme", contract=contract), Step.STAND).complete


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@pytest.mark.parametrize(
    ("given", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # common year: February is short
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),  # a leap day plus a year
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),  # across the new year
    ],
)
def test_calendar_months_clamp_to_the_end_of_short_months(given, months, expected):
    assert NoticePeriod(months, NoticeUnit.MONTHS).end_from(given) == expected


def test_every_month_end_plus_one_month_is_the_next_month_end():
    for month in range(1, 12):
        given = _last_day(2026, month)
        end = NoticePeriod(1, NoticeUnit.MONTHS).end_from(given)
        assert end <= _last_day(2026, month + 1)
        assert end.month == month + 1


def test_days_and_weeks_count_calendar_days():
    given = date(2028, 2, 27)
    assert NoticePeriod(2, NoticeUnit.DAYS).end_from(given) == date(2028, 2, 29)
    assert NoticePeriod(2, NoticeUnit.WEEKS).end_from(given) == given + timedelta(days=14)


@pytest.mark.parametrize(
    ("given", "days", "expected"),
    [
        (date(2026, 3, 13), 1, date(2026, 3, 16)),  # Friday + 1 business day = Monday
        (date(2026, 3, 14), 1, date(2026, 3, 16)),  # given on a Saturday
        (date(2026, 3, 16), 5, date(2026, 3, 23)),  # Monday + 5 = next Monday
        (date(2026, 3, 16), 10, date(2026, 3, 30)),
        (date(2028, 2, 25), 2, date(2028, 2, 29)),  # Friday, over a weekend to a leap day
    ],
)
def test_business_days_skip_weekends(given, days, expected):
    end = NoticePeriod(days, NoticeUnit.DAYS, business_days=True).end_from(given)
    assert end == expected
    counted = [given + timedelta(days=offset) for offset in range(1, (end - given).days + 1)]
    assert sum(day.weekday() < 5 for day in counted) == days


def test_zero_notice_ends_on_the_day_it_is_given():
    assert NoticePeriod(0).end_from(date(2026, 3, 15)) == date(2026, 3, 15)


def test_shortfall_and_sufficiency():
    contract = Contract(
        kind=ContractKind.RETAINER,
        start=date(2025, 1, 1),
        notice=NoticePeriod(1, NoticeUnit.MONTHS),
        notice_given_on=date(2026, 3, 31),
        notice_given_by=NoticeGivenBy.ME,
        planned_last_day=date(2026, 4, 18),
    )
    assert contract.notice_end == date(2026, 4, 30)
    assert contract.shortfall_days == 12
    assert contract.notice_sufficient is False
    assert not stand_done(contract)
    contract.arrangement = "Two extra days of handover at no charge"
    assert stand_done(contract)
    contract.planned_last_day = date(2026, 4, 30)
    assert contract.shortfall_days == 0 and contract.notice_sufficient is True


def test_notice_not_given_is_unknown_not_sufficient():
    contract = Contract(kind=ContractKind.RETAINER, notice=NoticePeriod(30))
    assert contract.notice_end is None
    assert contract.notice_sufficient is None
    assert not stand_done(contract)


def test_no_contract_and_no_notice_is_sufficient():
    assert Contract(kind=ContractKind.NONE).notice_sufficient is True


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": date(2026, 5, 1), "planned_last_day": date(2026, 4, 1)}, "planned_last_day"),
        ({"start": date(2026, 5, 1), "notice_given_on": date(2026, 4, 1),
          "notice_given_by": NoticeGivenBy.ME}, "notice_given_on"),
        ({"notice_given_on": date(2026, 4, 1)}, "notice_given_by"),
        ({"notice": NoticePeriod(-1)}, "notice_amount"),
        ({"notice": NoticePeriod(2, NoticeUnit.MONTHS, business_days=True)}, "notice_unit"),
    ],
)
def test_invalid_contracts_name_the_field(changes, field):
    with pytest.raises(ValidationError) as caught:
        Contract(**changes).validate()
    assert caught.value.field == field
    assert caught.value.message


def test_round_trip_keeps_every_field():
    contract = Contract(
        kind=ContractKind.FIXED_SCOPE,
        start=date(2025, 6, 1),
        planned_last_day=date(2026, 4, 30),
        notice=NoticePeriod(10, NoticeUnit.DAYS, business_days=True),
        notice_given_on=date(2026, 4, 1),
        notice_given_by=NoticeGivenBy.CLIENT,
        termination_terms="Either party, in writing",
        arrangement="",
    )
    assert Contract.from_dict(contract.to_dict()) == contract


def test_describe():
    assert NoticePeriod(1, NoticeUnit.MONTHS).describe() == "1 month"
    assert NoticePeriod(10, business_days=True).describe() == "10 business days"
    assert NoticePeriod(0).describe() == "no notice"
