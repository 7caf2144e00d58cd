"""`sendoff outcomes`: what the goodbyes led to, read back from the data file by a real
process, as lines with one-line charts or as JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.engagement import Engagement
from storage.records.interview import ExitInterview, TestimonialStatus, TestimonialUse
from storage.records.referral import Referral, ReferralStatus
from tests.cli_process import sendoff


def _ended(**interview) -> Engagement:
    return Engagement(started=date(2024, 1, 8), ended=date(2025, 6, 30),
                      interview=ExitInterview(held=True, **interview))


@pytest.fixture
def book(db_path: Path) -> Path:
    """A former client who referred two and came back, a quiet one (archived, a name with
    markup and a control character, shown as typed), and a client still at work."""
    with Repository(db_path) as repository:
        repository.add_client(Client("Acme", engagements=[
            _ended(testimonial_status=TestimonialStatus.RECEIVED, testimonial_text="Great.",
                   testimonial_use=[TestimonialUse.WEBSITE, TestimonialUse.LINKEDIN],
                   testimonial_received_on=date(2025, 7, 2)),
            Engagement(started=date(2026, 1, 5))],
            referrals=[Referral("Kestrel", date(2025, 8, 1), ReferralStatus.BECAME_CLIENT),
                       Referral("Orbit", date(2026, 2, 3))],
            contacts=[Contact(date(2026, 3, 1), "call"), Contact(date(2026, 1, 9), "email")]))
        repository.add_client(Client("Quiet [b]Ltd[/b]\x1b", archived=True, engagements=[
            _ended(testimonial_status=TestimonialStatus.DECLINED)]))
        repository.add_client(Client.new("Still working", contacts=[
            Contact(date(2026, 3, 2), "call")]))
    return db_path


def test_the_report_totals_charts_and_a_row_a_former_client(book: Path) -> None:
    result = sendoff("outcomes", "--db", str(book))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2 former clients, 1 of them archived",
        "Testimonials: 1 received; may be used: website 1, LinkedIn 1",
        "Referrals: 2 given, 1 became a client",
        "Re-hired: 1 client, 1 engagement after the first",
        "",
        "Contacts per month, 2024-04 to 2026-03: 2 in all, at most 1 in a month",
        "  " + "▁" * 21 + "█▁█",
        "Referrals per year, 2025 to 2026: at most 1 in a year",
        "  ██",
        "",
        "    Former client                 Testimonials       Referrals             Re-hired"
        "  Last contact",
        "#1  Acme                          website, LinkedIn  2, 1 became a client  once"
        "      2026-03-01",
        "#2  Quiet [b]Ltd[/b]␛ (archived)  —                  —                     —"
        "         —",
    ]


def test_json_holds_the_same_report(book: Path) -> None:
    report = json.loads(sendoff("outcomes", "--json", "--db", str(book)).stdout)
    assert report["today"] == "2026-03-15"
    assert report["totals"] == {"former_clients": 2, "testimonials": 1,
                                "testimonial_uses": {"website": 1, "LinkedIn": 1},
                                "referrals": 2, "became_clients": 1, "rehired_clients": 1,
                                "rehires": 1}
    assert len(report["contacts_per_month"]) == 24
    assert report["contacts_per_month"][-1] == {"month": "2026-03", "contacts": 1}
    assert report["referrals_per_year"] == [{"year": 2025, "referrals": 1},
                                            {"year": 2026, "referrals": 1}]
    acme, quiet = report["former_clients"]
    assert acme == {"id": 1, "name": "Acme", "archived": False,
                    "testimonials": [{"received_on": "2025-07-02",
                                      "uses": ["website", "LinkedIn"]}],
                    "referrals": 2, "became_clients": 1, "rehires": 1,
                    "last_contact": "2026-03-01"}
    assert (quiet["name"], quiet["testimonials"], quiet["last_contact"]) == (
        "Quiet [b]Ltd[/b]\x1b", [], None)


def test_every_date_is_counted_from_the_pinned_day(book: Path) -> None:
    import os

    env = os.environ | {"SENDOFF_TODAY": "2026-02-15"}
    lines = sendoff("outcomes", "--db", str(book), env=env).stdout.splitlines()
    assert lines[2] == "Referrals: 2 given, 1 became a client"
    assert lines[5] == "Contacts per month, 2024-03 to 2026-02: 1 in all, at most 1 in a month"
    assert "#1  Acme" in lines[-2] and lines[-2].endswith("2026-01-09")


def test_a_book_with_no_former_clients_says_so(db_path: Path) -> None:
    with Repository(db_path) as repository:
        repository.add_client(Client.new("Still working"))
    result = sendoff("outcomes", "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "No former clients yet: a client counts here once an engagement has ended, its last "
        "day is past, or steps 1 to 3 are done.",
        "",
        "Contacts per month, 2024-04 to 2026-03: none",
        "  " + "▁" * 24,
    ]


def test_a_missing_file_is_an_error_without_a_traceback(tmp_path: Path) -> None:
    missing = sendoff("outcomes", "--db", str(tmp_path / "none.json"))
    assert missing.returncode == 1 and missing.stderr.startswith("sendoff: ")
    assert "Traceback" not in missing.stderr
