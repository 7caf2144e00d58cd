"""The outcome report: for former clients, what the goodbye led to. Testimonials received and
where they may be used, referrals given and how many became clients, re-hires, the last
contact; with contacts per month and referrals per year, for a chart.

A former client is one who has said goodbye, or is in the middle of it with the work behind
them: an engagement of theirs has ended, or the current one's last day is past, or its steps 1
to 3 are done (the exit interview reached). Archived clients count too: archiving pauses their
follow-ups, not what they gave. Every date is measured from the ``today`` given, which callers
read from the one clock (`storage.clock.today`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from storage.records.client import Client
from storage.records.interview import TestimonialStatus, TestimonialUse
from storage.records.referral import ReferralStatus
from storage.rules.progress import step_progress
from storage.rules.steps import Step

MONTHS_SHOWN = 24  # contacts per month: this month and the 23 before it
YEARS_SHOWN = 10  # referrals per year: at most this year and the 9 before, from the first


class ReceivedTestimonial(NamedTuple):
    """A testimonial received at the end of one engagement, and where it may be used."""

    received_on: date | None  # None: received before Sendoff kept the day
    uses: tuple[TestimonialUse, ...]


class PeriodCount(NamedTuple):
    """How many of something fell in one month (``2026-03``) or one year (``2026``)."""

    period: str
    count: int


@dataclass(frozen=True)
class FormerClient:
    """One former client's row: what their goodbye led to."""

    client_id: int | None
    name: str
    archived: bool
    testimonials: tuple[ReceivedTestimonial, ...]
    referrals: int
    became_clients: int
    rehires: int  # engagements after the first
    last_contact: date | None

    @property
    def usable_on(self) -> tuple[TestimonialUse, ...]:
        """Every use any of their testimonials may be put to, in the order Sendoff lists uses."""
        wanted = {use for testimonial in self.testimonials for use in testimonial.uses}
        return tuple(use for use in TestimonialUse if use in wanted)


@dataclass(frozen=True)
class OutcomeReport:
    """The rows by name, the totals over them, and the two series to chart."""

    today: date
    former_clients: tuple[FormerClient, ...]
    contacts_per_month: tuple[PeriodCount, ...]  # the last MONTHS_SHOWN months, oldest first
    referrals_per_year: tuple[PeriodCount, ...]  # from the first year with one; empty if none

    @property
    def testimonials(self) -> int:
        return sum(len(row.testimonials) for row in self.former_clients)

    @property
    def testimonial_uses(self) -> dict[TestimonialUse, int]:
        """How many testimonials may be used in each way (one may have several uses)."""
        counts = Counter(use for row in self.former_clients for testimonial in row.testimonials
                         for use in testimonial.uses)
        return {use: counts[use] for use in TestimonialUse if counts[use]}

    @property
    def referrals(self) -> int:
        return sum(row.referrals for row in self.former_clients)

    @property
    def became_clients(self) -> int:
        return sum(row.became_clients for row in self.former_clients)

    @property
    def rehired(self) -> int:
        """How many former clients hired again: more than one engagement."""
        return sum(1 for row in self.former_clients if row.rehires)

    @property
    def rehires(self) -> int:
        return sum(row.rehires for row in self.former_clients)

    @property
    def contacts_shown(self) -> int:
        """The contacts the monthly series counts (those of its months)."""
        return sum(month.count for month in self.contacts_per_month)


def is_former(client: Client, today: date) -> bool:
    """Whether ``client`` has said goodbye, or has nothing left but the exit interview and
    staying in touch."""
    if any(not engagement.is_open for engagement in client.engagements):
        return True
    last_day = client.contract.last_day
    if last_day is not None and last_day < today:
        return True
    return all(step_progress(client, step).complete
               for step in (Step.STAND, Step.WORK, Step.HANDOVER))


def former_client(client: Client, today: date) -> FormerClient:
    """``client``'s row; referrals dated after ``today`` are not given yet."""
    testimonials = tuple(
        ReceivedTestimonial(engagement.interview.testimonial_received_on,
                    tuple(engagement.interview.testimonial_use))
        for engagement in client.engagements
        if engagement.interview.testimonial_status is TestimonialStatus.RECEIVED)
    given = [referral for referral in client.referrals if referral.on <= today]
    return FormerClient(
        client_id=client.id, name=client.name, archived=client.archived,
        testimonials=testimonials, referrals=len(given),
        became_clients=sum(referral.status is ReferralStatus.BECAME_CLIENT for referral in given),
        rehires=len(client.engagements) - 1,
        last_contact=max((contact.on for contact in client.contacts if contact.on <= today),
                         default=None))


def months_back(today: date, count: int) -> list[date]:
    """The first days of ``today``'s month and the ``count - 1`` months before it, oldest
    first."""
    index = today.year * 12 + today.month - 1
    return [date(month // 12, month % 12 + 1, 1) for month in range(index - count + 1, index + 1)]


def _contacts_per_month(clients: list[Client], today: date) -> tuple[PeriodCount, ...]:
    months = months_back(today, MONTHS_SHOWN)
    counts = Counter(contact.on.replace(day=1) for client in clients
                     for contact in client.contacts if months[0] <= contact.on <= today)
    return tuple(PeriodCount(month.isoformat()[:7], counts[month]) for month in months)


def _referrals_per_year(clients: list[Client], today: date) -> tuple[PeriodCount, ...]:
    years = Counter(referral.on.year for client in clients for referral in client.referrals
                    if referral.on <= today)
    if not years:
        return ()
    first = max(min(years), today.year - YEARS_SHOWN + 1)
    return tuple(PeriodCount(str(year), years[year]) for year in range(first, today.year + 1))


def outcome_report(clients: Iterable[Client], today: date) -> OutcomeReport:
    """The report over the former clients among ``clients``, as of ``today``; what is dated
    after it (a contact or referral typed ahead) is not counted."""
    former = sorted((client for client in clients if is_former(client, today)),
                    key=lambda client: (client.name.casefold(), client.id or 0))
    return OutcomeReport(
        today=today,
        former_clients=tuple(former_client(client, today) for client in former),
        contacts_per_month=_contacts_per_month(former, today),
        referrals_per_year=_referrals_per_year(former, today),
    )
