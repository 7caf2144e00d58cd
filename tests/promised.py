"""A client who has promised something of every kind, for the tests of the agenda, `sendoff due`
and the calendar (today is the conftest's pinned 2026-03-15)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storage.changes.referrals import thank_for_referral
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contract import Contract, ContractKind, NoticeGivenBy, NoticePeriod, NoticeUnit
from storage.records.follow_up import FollowUp
from storage.records.handover import HandoverItem, HandoverStatus
from storage.records.interview import ExitInterview, TestimonialStatus
from storage.records.referral import Referral, ReferralStatus
from storage.records.work import WorkItem, WorkStatus

TODAY = date(2026, 3, 15)


def promising_client() -> Client:
    """Work overdue and work due, a last day and an end of notice ahead, an interview planned,
    an item withheld until a past day and one until a coming day, a testimonial asked for on
    1 March, a thank-you planned for a referral, and a monthly follow-up."""
    client = Client.new(
        "Acme",
        contract=Contract(kind=ContractKind.RETAINER, start=date(2025, 1, 6),
                          planned_last_day=date(2026, 4, 30),
                          notice=NoticePeriod(1, NoticeUnit.MONTHS),
                          notice_given_on=date(2026, 3, 10),
                          notice_given_by=NoticeGivenBy.CLIENT),
        work=[WorkItem("Fix the checkout", due=date(2026, 3, 10)),
              WorkItem("Launch the shop", due=date(2026, 4, 20)),
              WorkItem("Logo files", due=date(2026, 3, 1), status=WorkStatus.DONE),
              WorkItem("Undated tidy-up")],
        handover=[HandoverItem("Admin passwords", location="1Password vault",
                               status=HandoverStatus.WITHHELD,
                               withheld_reason="Final invoice still open",
                               release_on=date(2026, 3, 12)),
                  HandoverItem("Source code", location="GitHub",
                               status=HandoverStatus.WITHHELD, withheld_reason="Invoice",
                               release_on=date(2026, 5, 2)),
                  HandoverItem("Brand guide", location="Drive",
                               release_on=date(2026, 3, 20))],  # not withheld: no promise
        interview=ExitInterview(on=date(2026, 4, 28),
                                testimonial_status=TestimonialStatus.ASKED,
                                testimonial_asked_on=date(2026, 3, 1)),
        follow_ups=[FollowUp.from_preset("monthly", date(2026, 3, 20))],
        referrals=[Referral("Beta Bakery", date(2026, 2, 1), ReferralStatus.BECAME_CLIENT,
                            id="r1")],
    )
    thank_for_referral(client, "r1", TODAY)
    return client


def promising_db(db_path: Path) -> Path:
    """The data file with that client, an archived one with promises of its own, and a client
    with nothing promised."""
    with Repository(db_path) as repo:
        repo.add_client(promising_client())
        gone = promising_client()
        gone.name, gone.archived = "Gone Ltd", True
        repo.add_client(gone)
        repo.add_client(Client("Quiet"))
    return db_path
