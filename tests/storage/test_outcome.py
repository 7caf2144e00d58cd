"""The outcome report: who counts as a former client, what each goodbye led to, the totals, and
the two series, every date measured from the day given."""

from __future__ import annotations

from datetime import date

import pytest

from screenshots.generate import DEMO_CLIENTS, DEMO_SEED
from storage.demo import demo_clients
from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.contract import Contract, ContractKind, NoticeGivenBy, NoticePeriod, NoticeUnit
from storage.records.engagement import Engagement
from storage.records.handover import HandoverItem, HandoverStatus
from storage.records.interview import ExitInterview, TestimonialStatus, TestimonialUse
from storage.records.referral import Referral, ReferralStatus
from storage.records.work import WorkItem, WorkStatus
from storage.views.outcome import (
    MONTHS_SHOWN,
    PeriodCount,
    ReceivedTestimonial,
    is_former,
    months_back,
    outcome_report,
)

TODAY = date(2026, 3, 15)


def leaving(last_day: date, **parts) -> Client:
    """A client who gave notice a month before ``last_day``, steps 2 and 3 not done."""
    return Client.new("Leaving", contract=Contract(
        kind=ContractKind.RETAINER, start=date(2024, 1, 1), planned_last_day=last_day,
        notice=NoticePeriod(1, NoticeUnit.MONTHS), notice_given_by=NoticeGivenBy.CLIENT,
        notice_given_on=date(last_day.year, last_day.month, 1)),
        work=[WorkItem(title="Logo")], **parts)


def ended(name: str, *engagements: Engagement, **relationship) -> Client:
    """A client whose first engagement ended on 2025-06-30, then ``engagements``."""
    first = Engagement(started=date(2024, 1, 1), ended=date(2025, 6, 30))
    return Client(name, engagements=[first, *engagements], **relationship)


def received(*uses: TestimonialUse, on: date | None = date(2025, 7, 9)) -> ExitInterview:
    return ExitInterview(held=True, testimonial_status=TestimonialStatus.RECEIVED,
                         testimonial_text="Recommended.", testimonial_use=list(uses),
                         testimonial_received_on=on)


@pytest.mark.parametrize(("client", "former"), [
    (Client.new("New"), False),
    (leaving(date(2026, 4, 30)), False),
    (leaving(TODAY), False),
    (leaving(date(2026, 3, 14)), True),
    (ended("Ended"), True),
    (ended("Back", Engagement(started=date(2026, 1, 5))), True),
    (Client.new("Wrapped up early", contract=Contract(planned_last_day=date(2026, 5, 1)),
                work=[WorkItem(title="Logo", status=WorkStatus.DONE)],
                handover=[HandoverItem(what="Repo", status=HandoverStatus.HANDED_OVER)]), True),
], ids=["no notice", "last day ahead", "last day today", "last day past", "an engagement ended",
        "ended, then re-hired", "steps 1-3 done before the last day"])
def test_a_former_client_said_goodbye_or_has_only_the_interview_left(client, former):
    assert is_former(client, TODAY) is former


def test_a_row_counts_what_each_goodbye_led_to():
    client = ended(
        "Acme", Engagement(started=date(2025, 9, 1), ended=date(2026, 1, 31),
                           interview=received(TestimonialUse.LINKEDIN, on=None)),
        Engagement(started=date(2026, 2, 2)),
        referrals=[Referral("Kestrel", date(2025, 8, 1), ReferralStatus.BECAME_CLIENT, 7),
                   Referral("Orbit", date(2025, 10, 3), ReferralStatus.CAME_TO_NOTHING),
                   Referral("Willow", date(2026, 2, 1)),
                   Referral("Typed ahead", date(2026, 4, 1))],
        contacts=[Contact(date(2026, 3, 1), "call"), Contact(date(2026, 3, 20), "lunch"),
                  Contact(date(2025, 12, 24), "email")])
    client.engagements[0].interview = received(TestimonialUse.WEBSITE, TestimonialUse.LINKEDIN)
    client.id = 3

    [row] = outcome_report([client], TODAY).former_clients
    assert (row.client_id, row.name, row.archived) == (3, "Acme", False)
    assert row.testimonials == (
        ReceivedTestimonial(date(2025, 7, 9), (TestimonialUse.WEBSITE, TestimonialUse.LINKEDIN)),
        ReceivedTestimonial(None, (TestimonialUse.LINKEDIN,)))
    assert row.usable_on == (TestimonialUse.WEBSITE, TestimonialUse.LINKEDIN)
    assert (row.referrals, row.became_clients) == (3, 1), "the one dated ahead is not given yet"
    assert row.rehires == 2
    assert row.last_contact == date(2026, 3, 1), "a contact typed ahead has not happened"


def test_a_testimonial_only_asked_for_or_declined_is_not_one_received():
    asked = ended("Asked")
    asked.engagements[0].interview = ExitInterview(held=True,
                                                   testimonial_status=TestimonialStatus.ASKED)
    declined = ended("Declined")
    declined.engagements[0].interview = ExitInterview(
        held=True, testimonial_status=TestimonialStatus.DECLINED)
    report = outcome_report([asked, declined], TODAY)
    assert [row.testimonials for row in report.former_clients] == [(), ()]
    assert (report.testimonials, report.testimonial_uses) == (0, {})


def test_only_former_clients_are_listed_by_name_archived_ones_too():
    clients = [ended("zephyr"), Client.new("Still working"), ended("Acme", archived=True),
               ended("beacon")]
    report = outcome_report(clients, TODAY)
    assert [(row.name, row.archived) for row in report.former_clients] == [
        ("Acme", True), ("beacon", False), ("zephyr", False)]


def test_the_totals_add_up_the_rows():
    first = ended("First", Engagement(started=date(2025, 9, 1)),
                  referrals=[Referral("A", date(2025, 8, 1), ReferralStatus.BECAME_CLIENT),
                             Referral("B", date(2025, 9, 1), ReferralStatus.BECAME_CLIENT)])
    first.engagements[0].interview = received(TestimonialUse.WEBSITE, TestimonialUse.LINKEDIN)
    second = ended("Second", Engagement(ended=date(2025, 12, 1)), Engagement(),
                   referrals=[Referral("C", date(2024, 5, 5))])
    second.engagements[0].interview = received(TestimonialUse.ANONYMISED)
    second.engagements[1].interview = received(TestimonialUse.WEBSITE)
    quiet = ended("Quiet")
    quiet.engagements[0].interview = received()
    report = outcome_report([first, second, quiet, Client.new("Not former", referrals=[
        Referral("D", date(2026, 1, 1), ReferralStatus.BECAME_CLIENT)])], TODAY)

    assert len(report.former_clients) == 3
    assert report.testimonials == 4, "a testimonial with no use agreed is still received"
    assert report.testimonial_uses == {TestimonialUse.WEBSITE: 2, TestimonialUse.LINKEDIN: 1,
                                       TestimonialUse.ANONYMISED: 1}
    assert (report.referrals, report.became_clients) == (3, 2), "a current client's are not"
    assert (report.rehired, report.rehires) == (2, 3)


def test_contacts_per_month_cover_the_last_24_months_oldest_first():
    former = ended("Former", contacts=[
        Contact(date(2026, 3, 15), "call"), Contact(date(2026, 3, 2), "email"),
        Contact(date(2026, 3, 16), "typed ahead"), Contact(date(2025, 12, 31), "email"),
        Contact(date(2024, 4, 1), "the first month shown"),
        Contact(date(2024, 3, 31), "a day too early")])
    working = Client.new("Still working", contacts=[Contact(date(2026, 3, 1), "call")])
    months = outcome_report([former, working], TODAY).contacts_per_month

    assert len(months) == MONTHS_SHOWN
    assert (months[0], months[-1]) == (PeriodCount("2024-04", 1), PeriodCount("2026-03", 2))
    assert dict(months)["2025-12"] == 1
    assert sum(count for _, count in months) == 4


def test_with_no_former_clients_every_month_is_there_with_none():
    report = outcome_report([Client.new("New", contacts=[Contact(TODAY, "call")])], TODAY)
    assert report.former_clients == ()
    assert [count for _, count in report.contacts_per_month] == [0] * MONTHS_SHOWN
    assert (report.contacts_shown, report.referrals_per_year) == (0, ())


def test_referrals_per_year_run_from_the_first_year_to_this_one():
    client = ended("Giver", referrals=[Referral("A", date(2023, 6, 1)),
                                       Referral("B", date(2023, 9, 1)),
                                       Referral("C", date(2026, 1, 9)),
                                       Referral("Next month", date(2026, 4, 1))])
    assert outcome_report([client], TODAY).referrals_per_year == (
        PeriodCount("2023", 2), PeriodCount("2024", 0), PeriodCount("2025", 0),
        PeriodCount("2026", 1))


def test_referrals_per_year_show_ten_years_at_most():
    client = ended("Old friend", referrals=[Referral("A", date(2001, 1, 1)),
                                            Referral("B", date(2017, 1, 1))])
    years = outcome_report([client], TODAY).referrals_per_year
    assert [year for year, _ in years] == [str(year) for year in range(2017, 2027)]
    assert years[0].count == 1


@pytest.mark.parametrize(("today", "first", "last"), [
    (date(2026, 3, 15), date(2024, 4, 1), date(2026, 3, 1)),
    (date(2026, 12, 31), date(2025, 1, 1), date(2026, 12, 1)),
    (date(2026, 1, 1), date(2024, 2, 1), date(2026, 1, 1)),
])
def test_months_back_cross_the_new_year(today, first, last):
    months = months_back(today, 24)
    assert (months[0], months[-1], len(set(months))) == (first, last, 24)


def test_the_demo_data_reports_its_former_clients_and_their_referrals():
    clients = demo_clients(DEMO_CLIENTS, DEMO_SEED, TODAY)
    report = outcome_report(clients, TODAY)
    assert report.former_clients and report.testimonials
    former = {row.name for row in report.former_clients}
    given = [referral for client in clients if client.name in former
             for referral in client.referrals]
    assert report.referrals == len(given) > 0
    assert report.became_clients == sum(
        referral.status is ReferralStatus.BECAME_CLIENT for referral in given) > 0
    assert sum(year.count for year in report.referrals_per_year) == len(given)
    assert report.contacts_shown > 0


def test_a_sparkline_keeps_the_lowest_block_for_none():
    from storage.outputs.sparkline import sparkline

    assert sparkline([0, 1, 7, 14, 0]) == "▁▂▅█▁", "one contact is taller than none"
    assert sparkline([0, 0]) == "▁▁" and sparkline([]) == ""
