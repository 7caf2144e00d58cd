"""Follow-ups: presets, month-end and leap-day traps, custom rules, snoozes, overdue dates,
cadences and the stored form. Expected dates are worked out here with `calendar` or plain
dateutil, never by the code tested."""

from __future__ import annotations

import calendar
import json
from datetime import date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from storage.errors import ValidationError
from storage.records.contact import Contact, ForwardItem, last_contact_of
from storage.records.follow_up import FollowUp, FollowUpKind
from storage.rules.recurrence.parser import MAX_DAYS, normalise_rule
from storage.rules.recurrence.presets import PRESETS
from storage.rules.schedule import Freshness


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def months(first_year: int, first_month: int, count: int) -> list[tuple[int, int]]:
    """(year, month) for ``count`` consecutive months."""
    index = first_year * 12 + first_month - 1
    return [divmod(index + step, 12) for step in range(count)]


def dated(year_month: tuple[int, int], day: int) -> date:
    """``day`` of the month, or the month's last day when it is shorter."""
    year, month0 = year_month
    return date(year, month0 + 1, min(day, calendar.monthrange(year, month0 + 1)[1]))


def midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def every_date(follow_up: FollowUp, first: date, last: date) -> list[date]:
    return follow_up.occurrences(first, last, last_contact=None)


# -- presets --------------------------------------------------------------------------------------


def test_presets_offer_the_promised_keys_each_with_a_label_and_description():
    assert list(PRESETS) == [
        "twice-a-year", "quarterly", "monthly", "birthday", "industry-news", "custom",
    ]  # fmt: skip
    for label, description in PRESETS.values():
        assert label.strip() and description.strip()


@pytest.mark.parametrize(
    ("key", "rule", "step"),
    [
        ("twice-a-year", "FREQ=MONTHLY;INTERVAL=6", 6),
        ("quarterly", "FREQ=MONTHLY;INTERVAL=3", 3),
        ("industry-news", "FREQ=MONTHLY;INTERVAL=3", 3),
        ("monthly", "FREQ=MONTHLY", 1),
    ],
)
def test_month_based_presets_repeat_on_the_start_day(key, rule, step):
    follow_up = FollowUp.from_preset(key, date(2026, 3, 15))
    assert follow_up.rule == rule
    assert follow_up.kind == FollowUpKind.RULE
    assert follow_up.preset == key
    assert follow_up.label == PRESETS[key][0]
    expected = [dated(ym, 15) for ym in months(2026, 3, 24)[::step]]
    assert every_date(follow_up, date(2026, 1, 1), expected[-1]) == expected


def test_a_preset_keeps_a_label_given_by_the_freelancer():
    follow_up = FollowUp.from_preset("quarterly", date(2026, 3, 15), label="  Share AI news ")
    assert follow_up.label == "Share AI news"


def test_unknown_and_custom_presets_are_refused_on_the_preset_field():
    with pytest.raises(ValidationError) as unknown:
        FollowUp.from_preset("weekly", date(2026, 3, 15))
    assert unknown.value.field == "preset"
    assert "twice-a-year" in unknown.value.message
    with pytest.raises(ValidationError) as custom:
        FollowUp.from_preset("custom", date(2026, 3, 15))
    assert custom.value.field == "preset"


def test_the_birthday_preset_needs_a_birthday():
    with pytest.raises(ValidationError) as error:
        FollowUp.from_preset("birthday", date(2026, 3, 15))
    assert error.value.field == "birthday"


@pytest.mark.parametrize(
    ("start", "first"),
    [
        (date(2026, 3, 15), date(2026, 7, 14)),  # later this year
        (date(2026, 7, 14), date(2026, 7, 14)),  # today is the birthday
        (date(2026, 9, 1), date(2027, 7, 14)),  # already past this year
    ],
)
def test_the_birthday_preset_starts_at_the_next_birthday(start, first):
    follow_up = FollowUp.from_preset("birthday", start, birthday=date(1984, 7, 14))
    assert follow_up.start == first
    assert follow_up.rule == "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=14"
    assert follow_up.describe() == "yearly on 14 July"
    expected = [date(year, 7, 14) for year in range(first.year, first.year + 8)]
    assert every_date(follow_up, start, date(first.year + 7, 12, 31)) == expected


@pytest.mark.parametrize(
    ("start", "first_year"),
    [
        (date(2026, 1, 10), 2026),
        (date(2027, 6, 1), 2028),  # this year's is past
        (date(2028, 1, 5), 2028),
        (date(2028, 2, 29), 2028),  # on the day
        (date(2027, 2, 28), 2027),  # on the day, a common year
    ],
)
def test_a_29_february_birthday_is_kept_every_year_on_the_last_day_of_february(start, first_year):
    follow_up = FollowUp.from_preset("birthday", start, birthday=date(1984, 2, 29))
    assert follow_up.rule == "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    years = range(first_year, first_year + 8)
    expected = [date(year, 2, calendar.monthrange(year, 2)[1]) for year in years]
    assert {day.day for day in expected} == {28, 29}  # both leap and common years are covered
    found = every_date(follow_up, date(start.year, 1, 1), date(first_year + 7, 12, 31))
    assert found == expected
    assert follow_up.start == expected[0]
    assert "29 February (28 February in common years)" in follow_up.describe()


def test_monthly_on_the_31st_fires_in_every_month_on_its_last_day():
    follow_up = FollowUp.from_preset("monthly", date(2026, 1, 31))
    expected = [month_end(year, month0 + 1) for year, month0 in months(2026, 1, 36)]
    found = every_date(follow_up, date(2026, 1, 1), expected[-1])
    assert found == expected
    assert date(2026, 2, 28) in found and date(2026, 4, 30) in found and date(2028, 2, 29) in found
    assert follow_up.describe() == "every month on the last day of the month, from 2026-01-31"


@pytest.mark.parametrize("day", [29, 30])
def test_monthly_on_the_29th_or_30th_fires_every_month_on_that_day_or_the_last(day):
    start = date(2026, 1, day)
    follow_up = FollowUp.from_preset("monthly", start)
    expected = [dated(ym, day) for ym in months(2026, 1, 36)]  # includes February 2028 (leap)
    assert every_date(follow_up, date(2026, 1, 1), expected[-1]) == expected
    assert f"on the {day}th (or the month's last day when shorter)" in follow_up.describe()


@pytest.mark.parametrize(("key", "step"), [("twice-a-year", 6), ("quarterly", 3)])
def test_longer_presets_begun_on_the_31st_never_skip_a_period(key, step):
    follow_up = FollowUp.from_preset(key, date(2025, 8, 31))
    expected = [month_end(y, m0 + 1) for y, m0 in months(2025, 8, 48)[::step]]
    assert every_date(follow_up, date(2025, 1, 1), expected[-1]) == expected


# -- custom rules ---------------------------------------------------------------------------------


def test_custom_rules_are_normalised_to_upper_case_with_or_without_rrule_prefix():
    assert normalise_rule("rrule:freq=monthly;interval=2") == "FREQ=MONTHLY;INTERVAL=2"
    assert normalise_rule(" interval=2; freq=weekly ; byday=mo, th ") == (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"
    )
    follow_up = FollowUp.from_rule("Send a postcard", "RRULE:freq=yearly", date(2026, 12, 1))
    assert follow_up.rule == "FREQ=YEARLY"
    assert follow_up.preset == "custom"


def test_count_limits_the_number_of_dates_then_the_follow_up_ends():
    follow_up = FollowUp.from_rule("Onboarding calls", "FREQ=MONTHLY;COUNT=4", date(2026, 1, 10))
    expected = [date(2026, month, 10) for month in (1, 2, 3, 4)]
    assert every_date(follow_up, date(2025, 1, 1), date(2030, 1, 1)) == expected
    assert follow_up.describe() == "every month from 2026-01-10, 4 times"
    handled = [follow_up.mark_done(day, last_contact=None) for day in expected]
    assert handled == expected
    assert follow_up.next_due(last_contact=None) is None
    assert follow_up.state(date(2026, 6, 1), last_contact=None) == Freshness.ENDED
    assert follow_up.mark_done(date(2026, 6, 1), last_contact=None) is None


@pytest.mark.parametrize("until", ["20261231", "20261231T235959Z", "20261231T120000"])
def test_until_is_a_last_day_included_given_as_a_date_or_a_datetime(until):
    rule = f"FREQ=MONTHLY;INTERVAL=3;UNTIL={until}"
    follow_up = FollowUp.from_rule("Check-in", rule, date(2026, 3, 31))
    assert follow_up.rule == "FREQ=MONTHLY;INTERVAL=3;UNTIL=20261231"
    expected = [date(2026, 3, 31), date(2026, 12, 31)]  # June and September have no 31st
    assert every_date(follow_up, date(2026, 1, 1), date(2030, 1, 1)) == expected
    assert follow_up.describe().endswith(", until 2026-12-31")


@pytest.mark.parametrize(
    ("text", "explains"),
    [
        ("", "rule is required"),
        ("   ", "rule is required"),
        ("FREQ=HOURLY", "days, not hours"),
        ("FREQ=MINUTELY;INTERVAL=30", "days, not hours"),
        ("FREQ=SECONDLY", "days, not hours"),
        ("FREQ=DAILY;BYHOUR=9", "days, not hours"),
        ("FREQ=MONTHLY;COUNT=3;UNTIL=20270101", "not both"),
        ("DTSTART:20260101\nRRULE:FREQ=MONTHLY", "remove DTSTART"),
        ("DTSTART:20260101T090000Z RRULE:FREQ=MONTHLY", "remove DTSTART"),
        ("FREQ=MONTHLY;DTSTART=20260101", "remove DTSTART"),
        ("RRULE:FREQ=MONTHLY\nEXDATE:20260301", "single rule line"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never gives a date"),
        ("FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31", "never gives a date"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "never gives a date"),
        ("FREQ=YEARLY;UNTIL=20250101", "never gives a date"),
        ("FREQ=MONTHLY;BYDAY=XX", "give weekdays as MO"),
        ("every month", "should look like NAME=VALUE"),
        ("INTERVAL=2", "starts with FREQ="),
        ("FREQ=FORTNIGHTLY", "not a frequency"),
        ("FREQ=MONTHLY;INTERVAL=0", "from 1 to 3660"),
        ("FREQ=MONTHLY;COUNT=-2", "from 1 to 1000"),
        ("FREQ=MONTHLY;BYMONTH=13", "months run 1 to 12"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "days of the month run 1 to 31"),
        ("FREQ=MONTHLY;UNTIL=2027", "YYYYMMDD"),
        ("FREQ=MONTHLY;UNTIL=20270230", "not a real date"),
        ("FREQ=MONTHLY;FOO=1", "FOO is not part of a recurrence rule"),
        ("FREQ=MONTHLY;FREQ=YEARLY", "given twice"),
        ("FREQ=YEARLY;BYEASTER=0", "BYEASTER is not part"),
    ],
)
def test_bad_rules_are_refused_on_the_rule_field_with_a_reason(text, explains):
    with pytest.raises(ValidationError) as error:
        FollowUp.from_rule("Check-in", text, date(2026, 1, 1))
    assert error.value.field == "rule"
    assert explains in error.value.message


def test_an_impossible_daily_rule_is_refused():
    with pytest.raises(ValidationError, match="never gives a date"):
        rule = "FREQ=DAILY;INTERVAL=2;BYMONTH=4;BYMONTHDAY=31"
        FollowUp.from_rule("Never", rule, date(2026, 1, 1))


# -- snoozing -------------------------------------------------------------------------------------


def monthly_on_the_15th() -> FollowUp:
    return FollowUp.from_rule("Check-in", "FREQ=MONTHLY", date(2026, 1, 15))


def test_snooze_moves_one_occurrence_and_leaves_the_rule_alone():
    follow_up = monthly_on_the_15th()
    follow_up.snooze(date(2026, 4, 15), date(2026, 4, 22), last_contact=None)
    assert follow_up.rule == "FREQ=MONTHLY"
    assert follow_up.exdates == [date(2026, 4, 15)]
    assert follow_up.rdates == [date(2026, 4, 22)]
    assert every_date(follow_up, date(2026, 3, 1), date(2026, 6, 30)) == [
        date(2026, 3, 15), date(2026, 4, 22), date(2026, 5, 15), date(2026, 6, 15),
    ]  # fmt: skip


def test_snoozing_a_snoozed_date_again_moves_it_once_more():
    follow_up = monthly_on_the_15th()
    follow_up.snooze(date(2026, 4, 15), date(2026, 4, 22), last_contact=None)
    follow_up.snooze(date(2026, 4, 22), date(2026, 4, 29), last_contact=None)
    assert follow_up.exdates == [date(2026, 4, 15)]
    assert follow_up.rdates == [date(2026, 4, 29)]
    assert every_date(follow_up, date(2026, 4, 1), date(2026, 4, 30)) == [date(2026, 4, 29)]


def test_snoozing_an_overdue_date_makes_the_new_date_the_next_due():
    follow_up = monthly_on_the_15th()
    follow_up.handled_through = date(2026, 2, 15)
    follow_up.snooze(date(2026, 3, 15), date(2026, 3, 25), last_contact=None)
    assert follow_up.next_due(last_contact=None) == date(2026, 3, 25)
    assert follow_up.mark_done(date(2026, 3, 25), last_contact=None) == date(2026, 3, 25)
    assert follow_up.next_due(last_contact=None) == date(2026, 4, 15)


def test_a_snooze_within_the_period_jumps_over_nothing():
    follow_up = monthly_on_the_15th()

    assert follow_up.snooze(date(2026, 4, 15), date(2026, 4, 22), last_contact=None) == []


def test_a_snooze_past_the_next_regular_dates_says_which_it_jumps_over():
    """The caller can say so: the moved date now comes after these, so the series reorders."""
    follow_up = monthly_on_the_15th()

    jumped = follow_up.snooze(date(2026, 4, 15), date(2026, 6, 20), last_contact=None)

    assert jumped == [date(2026, 5, 15), date(2026, 6, 15)]
    assert every_date(follow_up, date(2026, 4, 1), date(2026, 6, 30)) == [
        date(2026, 5, 15), date(2026, 6, 15), date(2026, 6, 20),
    ]  # fmt: skip


def test_a_snooze_jumps_over_other_snoozed_dates_but_not_the_handled_or_the_day_itself():
    follow_up = monthly_on_the_15th()
    follow_up.snooze(date(2026, 5, 15), date(2026, 5, 18), last_contact=None)
    follow_up.handled_through = date(2026, 3, 15)

    jumped = follow_up.snooze(date(2026, 4, 15), date(2026, 6, 15), last_contact=None)

    assert jumped == [date(2026, 5, 18)]


def test_a_cadence_snooze_jumps_over_nothing():
    follow_up = FollowUp.from_cadence("Coffee", 30, date(2026, 1, 1))

    assert follow_up.snooze(date(2026, 1, 31), date(2026, 6, 1), last_contact=None) == []


def test_snooze_must_move_a_real_unhandled_date_to_a_later_day():
    follow_up = monthly_on_the_15th()
    with pytest.raises(ValidationError) as earlier:
        follow_up.snooze(date(2026, 4, 15), date(2026, 4, 10), last_contact=None)
    assert earlier.value.field == "to"
    with pytest.raises(ValidationError) as same:
        follow_up.snooze(date(2026, 4, 15), date(2026, 4, 15), last_contact=None)
    assert same.value.field == "to"
    with pytest.raises(ValidationError) as not_a_date:
        follow_up.snooze(date(2026, 4, 16), date(2026, 4, 20), last_contact=None)
    assert not_a_date.value.field == "occurrence"
    follow_up.handled_through = date(2026, 4, 15)
    with pytest.raises(ValidationError) as handled:
        follow_up.snooze(date(2026, 4, 15), date(2026, 4, 20), last_contact=None)
    assert handled.value.field == "occurrence"
    assert follow_up.exdates == [] and follow_up.rdates == []


# -- overdue and done -----------------------------------------------------------------------------


def test_a_missed_date_stays_the_next_due_until_it_is_marked_done(monkeypatch):
    monkeypatch.setenv("SENDOFF_TODAY", "2026-03-20")
    follow_up = monthly_on_the_15th()  # grace 14 days
    assert follow_up.next_due(last_contact=None) == date(2026, 1, 15)
    assert follow_up.state(last_contact=None) == Freshness.STALE  # reads the pinned clock
    assert follow_up.due_window(last_contact=None) == (date(2026, 1, 15), date(2026, 1, 29))

    assert follow_up.mark_done(date(2026, 3, 20), last_contact=None) == date(2026, 1, 15)
    assert follow_up.handled_through == date(2026, 1, 15)
    assert follow_up.next_due(last_contact=None) == date(2026, 2, 15)
    assert follow_up.state(last_contact=None) == Freshness.STALE

    # Marking done again handles the next one only.
    assert follow_up.mark_done(date(2026, 3, 20), last_contact=None) == date(2026, 2, 15)
    assert follow_up.next_due(last_contact=None) == date(2026, 3, 15)
    assert follow_up.state(last_contact=None) == Freshness.DUE

    assert follow_up.mark_done(date(2026, 3, 20), last_contact=None) == date(2026, 3, 15)
    assert follow_up.state(last_contact=None) == Freshness.FRESH
    assert follow_up.next_due(last_contact=None) == date(2026, 4, 15)


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 4, 14), Freshness.FRESH),
        (date(2026, 4, 15), Freshness.DUE),
        (date(2026, 4, 22), Freshness.DUE),
        (date(2026, 4, 29), Freshness.DUE),  # ideal + grace is still acceptable
        (date(2026, 4, 30), Freshness.STALE),
    ],
)
def test_state_around_the_grace_period(today, state):
    follow_up = monthly_on_the_15th()
    follow_up.handled_through = date(2026, 3, 15)
    assert follow_up.state(today, last_contact=None) == state


def test_mark_done_does_not_touch_the_rule_or_its_dates():
    follow_up = monthly_on_the_15th()
    before = every_date(follow_up, date(2026, 1, 1), date(2026, 12, 31))
    follow_up.mark_done(date(2026, 1, 20), last_contact=None)
    assert every_date(follow_up, date(2026, 1, 1), date(2026, 12, 31)) == before


# -- cadence --------------------------------------------------------------------------------------


def test_a_cadence_counts_from_the_last_contact_or_from_its_start():
    follow_up = FollowUp.from_cadence("Coffee", 90, date(2026, 1, 1))
    assert follow_up.next_due(last_contact=None) == date(2026, 4, 1)
    contacts = [
        Contact(on=date(2026, 2, 10), channel="email"),
        Contact(on=date(2026, 1, 5), channel="call"),
    ]
    last = last_contact_of(contacts)
    assert last == date(2026, 2, 10)
    assert last_contact_of([]) is None
    assert follow_up.next_due(last_contact=last) == date(2026, 5, 11)
    assert follow_up.describe() == "every 90 days after the last contact"
    # Logging a contact restarts the clock.
    contacts.append(Contact(on=date(2026, 6, 1), channel="coffee"))
    assert follow_up.next_due(last_contact=last_contact_of(contacts)) == date(2026, 8, 30)


def test_a_cadence_has_a_single_next_date():
    follow_up = FollowUp.from_cadence("Coffee", 30, date(2026, 1, 1))
    spoke = date(2026, 3, 1)
    found = follow_up.occurrences(date(2026, 1, 1), date(2026, 12, 31), last_contact=spoke)
    assert found == [date(2026, 3, 31)]
    assert follow_up.occurrences(date(2026, 4, 1), date(2026, 12, 31), last_contact=spoke) == []


def test_a_cadence_marked_done_restarts_from_that_day():
    follow_up = FollowUp.from_cadence("Coffee", 30, date(2026, 1, 1))
    assert follow_up.state(date(2026, 2, 5), last_contact=None) == Freshness.DUE
    assert follow_up.mark_done(date(2026, 2, 5), last_contact=None) == date(2026, 1, 31)
    assert follow_up.next_due(last_contact=None) == date(2026, 3, 7)
    # The contact the caller logs on the same day gives the same answer.
    assert follow_up.next_due(last_contact=date(2026, 2, 5)) == date(2026, 3, 7)
    assert follow_up.state(date(2026, 2, 6), last_contact=date(2026, 2, 5)) == Freshness.FRESH


def test_a_cadence_snooze_replaces_the_ideal_date_until_the_next_contact():
    follow_up = FollowUp.from_cadence("Coffee", 30, date(2026, 1, 1))
    last = date(2026, 1, 10)
    assert follow_up.next_due(last_contact=last) == date(2026, 2, 9)
    follow_up.snooze(date(2026, 2, 9), date(2026, 2, 20), last_contact=last)
    assert follow_up.next_due(last_contact=last) == date(2026, 2, 20)
    assert follow_up.exdates == [] and follow_up.rdates == []
    follow_up.snooze(date(2026, 2, 20), date(2026, 2, 25), last_contact=last)
    assert follow_up.next_due(last_contact=last) == date(2026, 2, 25)
    # A new contact moves the ideal date; the snooze no longer applies.
    assert follow_up.next_due(last_contact=date(2026, 2, 15)) == date(2026, 3, 17)
    with pytest.raises(ValidationError) as error:
        follow_up.snooze(date(2026, 2, 9), date(2026, 3, 1), last_contact=last)
    assert error.value.field == "occurrence"


@pytest.mark.parametrize("days", [0, -5, MAX_DAYS + 1])
def test_a_cadence_needs_a_sensible_number_of_days(days):
    with pytest.raises(ValidationError) as error:
        FollowUp.from_cadence("Coffee", days, date(2026, 1, 1))
    assert error.value.field == "cadence_days"


# -- describe -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "start", "words"),
    [
        ("FREQ=MONTHLY;INTERVAL=6", date(2026, 3, 15), "every 6 months from 2026-03-15"),
        ("FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=14", date(2026, 7, 14), "yearly on 14 July"),
        ("FREQ=YEARLY;INTERVAL=2", date(2026, 7, 14), "every 2 years on 14 July"),
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
            date(2026, 2, 28),
            "yearly on the last day of February",
        ),
        ("FREQ=WEEKLY;INTERVAL=2;COUNT=1", date(2026, 3, 2), "every 2 weeks from 2026-03-02, once"),
        ("FREQ=MONTHLY;BYMONTHDAY=1", date(2026, 3, 1), "every month on the 1st, from 2026-03-01"),
        (
            "FREQ=MONTHLY;BYDAY=1MO",
            date(2026, 3, 2),
            "by the rule FREQ=MONTHLY;BYDAY=1MO, from 2026-03-02",
        ),
    ],
)
def test_describe_speaks_plainly_and_falls_back_to_the_rule_text(rule, start, words):
    assert FollowUp.from_rule("Check-in", rule, start).describe() == words


# -- stored form ----------------------------------------------------------------------------------


def test_a_follow_up_survives_json_and_does_not_share_lists():
    follow_up = monthly_on_the_15th()
    follow_up.snooze(date(2026, 4, 15), date(2026, 4, 22), last_contact=None)
    follow_up.handled_through = date(2026, 2, 15)
    stored = json.loads(json.dumps(follow_up.to_dict()))
    assert stored["exdates"] == ["2026-04-15"] and stored["kind"] == "rule"
    again = FollowUp.from_dict(stored)
    assert again == follow_up
    stored["exdates"].append("2026-05-15")
    assert again.exdates == [date(2026, 4, 15)]
    again.to_dict()["rdates"].append("2026-06-01")
    assert again.rdates == [date(2026, 4, 22)]


def test_from_dict_fills_in_missing_optional_keys():
    follow_up = FollowUp.from_dict(
        {"label": "Check-in", "kind": "rule", "rule": "freq=monthly", "start": "2026-01-15"}
    )
    assert follow_up.rule == "FREQ=MONTHLY"
    assert follow_up.grace_days == 14
    assert follow_up.exdates == [] and follow_up.rdates == []
    assert follow_up.handled_through is None and follow_up.preset == "custom"
    assert follow_up.id
    contact = Contact.from_dict({"on": "2026-02-01", "channel": "call"})
    assert (contact.note, contact.follow_up_id, contact.forwarded) == ("", None, [])
    item = ForwardItem.from_dict({"text": "Article on pricing", "added_on": "2026-02-01"})
    assert item.link == ""


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "weekly"}, "kind"),
        ({"label": "  "}, "label"),
        ({"start": "2026-02-30"}, "start"),
        ({"rule": "FREQ=HOURLY"}, "rule"),
        ({"grace_days": "14"}, "grace_days"),
        ({"grace_days": -1}, "grace_days"),
        ({"exdates": ["2026-13-01"]}, "exdates"),
        ({"rdates": "2026-03-01"}, "rdates"),
        ({"preset": "weekly"}, "preset"),
        ({"kind": "cadence", "cadence_days": True}, "cadence_days"),
        ({"kind": "cadence", "cadence_days": 0}, "cadence_days"),
        ({"snoozed_from": "2026-03-01"}, "snoozed_until"),
    ],
)
def test_from_dict_refuses_bad_values_on_their_field(change, field):
    data = {"label": "Check-in", "kind": "rule", "rule": "FREQ=MONTHLY", "start": "2026-01-15"}
    with pytest.raises(ValidationError) as error:
        FollowUp.from_dict(data | change)
    assert error.value.field == field


def test_contacts_and_forward_items_refuse_missing_required_values():
    with pytest.raises(ValidationError) as channel:
        Contact.from_dict({"on": "2026-02-01", "channel": " "})
    assert channel.value.field == "channel"
    with pytest.raises(ValidationError) as on:
        Contact.from_dict({"channel": "call"})
    assert on.value.field == "on"
    with pytest.raises(ValidationError) as text:
        ForwardItem.from_dict({"text": "", "added_on": "2026-02-01"})
    assert text.value.field == "text"


def test_contact_lists_are_copied():
    data = {"on": "2026-02-01", "channel": "email", "forwarded": ["Pricing article"]}
    contact = Contact.from_dict(data)
    data["forwarded"].append("Another")
    assert contact.forwarded == ["Pricing article"]


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
labels = st.text(min_size=1, max_size=30).map(str.strip).filter(bool)
ids = st.text(alphabet="0123456789abcdef", min_size=8, max_size=8)
valid_rules = st.sampled_from(
    [
        "FREQ=MONTHLY;INTERVAL=6",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        "FREQ=DAILY;INTERVAL=45",
        "FREQ=MONTHLY;COUNT=3",
    ]
)


@st.composite
def follow_ups(draw) -> FollowUp:
    kind = draw(st.sampled_from(FollowUpKind))
    snoozed_from = draw(st.none() | days)
    snoozed_until = (
        None if snoozed_from is None else snoozed_from + timedelta(days=draw(st.integers(1, 60)))
    )
    return FollowUp(
        label=draw(labels),
        kind=kind,
        start=draw(days),
        rule=draw(valid_rules) if kind == FollowUpKind.RULE else "",
        cadence_days=draw(st.integers(1, MAX_DAYS)) if kind == FollowUpKind.CADENCE else 0,
        grace_days=draw(st.integers(0, MAX_DAYS)),
        exdates=draw(st.lists(days, max_size=4)),
        rdates=draw(st.lists(days, max_size=4)),
        handled_through=draw(st.none() | days),
        preset=draw(st.sampled_from(list(PRESETS))),
        snoozed_from=snoozed_from,
        snoozed_until=snoozed_until,
        id=draw(ids),
    )


@settings(deadline=None)
@given(follow_ups())
def test_every_follow_up_survives_a_json_round_trip(follow_up):
    stored = json.loads(json.dumps(follow_up.to_dict()))
    again = FollowUp.from_dict(stored)
    assert again == follow_up
    assert again.exdates is not follow_up.exdates
    assert again.to_dict() == follow_up.to_dict()


@given(
    st.builds(
        Contact,
        on=days,
        channel=labels,
        note=st.text(max_size=40),
        follow_up_id=st.none() | ids,
        forwarded=st.lists(labels, max_size=3),
        id=ids,
    ),
    st.builds(
        ForwardItem, text=labels, added_on=days, link=st.text(max_size=40).map(str.strip), id=ids
    ),
)
def test_contacts_and_forward_items_survive_a_json_round_trip(contact, item):
    assert Contact.from_dict(json.loads(json.dumps(contact.to_dict()))) == contact
    assert ForwardItem.from_dict(json.loads(json.dumps(item.to_dict()))) == item


# -- restarting rules near the asked day gives the same dates as dateutil from the start -----------

rule_shapes = {
    "YEARLY": [
        "", ";BYMONTH=2;BYMONTHDAY=-1", ";BYMONTH=3,9", ";BYWEEKNO=10;BYDAY=MO", ";BYYEARDAY=100",
    ],
    "MONTHLY": [
        "", ";BYMONTHDAY=-1", ";BYMONTHDAY=28,29,30;BYSETPOS=-1", ";BYDAY=1MO", ";BYDAY=-1FR",
        ";BYMONTHDAY=1,15",
    ],
    "WEEKLY": [
        "", ";BYDAY=MO,TH", ";BYDAY=SU;WKST=SU", ";BYDAY=TU,FR;BYSETPOS=-1", ";BYDAY=SA,MO;WKST=TU",
    ],
    "DAILY": ["", ";BYDAY=MO,WE", ";BYMONTHDAY=1"],
}  # fmt: skip


@st.composite
def rules(draw) -> str:
    frequency = draw(st.sampled_from(list(rule_shapes)))
    text = f"FREQ={frequency};INTERVAL={draw(st.integers(1, 4))}"
    text += draw(st.sampled_from(rule_shapes[frequency]))
    end = draw(st.sampled_from(["", "count", "until"]))
    if end == "count":
        text += f";COUNT={draw(st.integers(1, 8))}"
    elif end == "until":
        text += f";UNTIL={draw(days):%Y%m%d}"
    return text


@settings(deadline=None, max_examples=300)
@given(rules(), st.dates(date(1995, 1, 1), date(2035, 12, 31)), st.integers(-40, 5000))
def test_next_dates_and_ranges_match_dateutil_walking_from_the_start(rule, start, offset):
    try:
        follow_up = FollowUp.from_rule("Check-in", rule, start)
    except ValidationError:
        reject()
    day = start + timedelta(days=offset)
    plain = rrulestr(rule + ";WKST=MO" * ("WKST" not in rule), dtstart=midnight(start))
    expected = plain.after(midnight(day))
    assert follow_up.next_after(day, last_contact=None) == (expected and expected.date())
    window_end = day + timedelta(days=400)
    listed = plain.between(midnight(day), midnight(window_end), inc=True)
    expected_range = [d.date() for d in listed]
    assert follow_up.occurrences(day, window_end, last_contact=None) == expected_range
