"""`sendoff timeline CLIENT`: everything dated in a relationship, newest first, read back from
the data file by a real process."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from storage.changes import handover, interview, work
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.contract import (
    Contract,
    ContractKind,
    NoticeGivenBy,
    NoticePeriod,
    NoticeUnit,
)
from storage.records.handover import HandoverItem, HandoverStatus
from storage.records.interview import (
    ExitInterview,
    InterviewChannel,
    TestimonialStatus,
    TestimonialUse,
)
from storage.records.work import WorkItem, WorkStatus
from tests.cli_process import sendoff


@pytest.fixture
def acme(db_path: Path, pinned_today: date, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A relationship with one moment of each kind, each marked on its own day."""
    client = Client.new(
        name="Acme", contract=Contract(
            kind=ContractKind.RETAINER, start=date(2025, 1, 6),
            notice=NoticePeriod(1, NoticeUnit.MONTHS),
            notice_given_on=date(2026, 2, 2), notice_given_by=NoticeGivenBy.CLIENT),
        work=[WorkItem(title="Logo [b]final[/b]", id="logo"),
              WorkItem(title="Style guide", extra=True, id="guide"),
              WorkItem(title="Never done", status=WorkStatus.DONE, id="old")],
        handover=[HandoverItem(what="Repo", location="GitHub acme/site", id="repo"),
                  HandoverItem(what="Files", location="Drive", id="files",
                               status=HandoverStatus.WITHHELD, withheld_reason="Invoice")],
        contacts=[Contact(on=date(2026, 3, 14), channel="call", note="All well",
                          forwarded=["An article"])])
    for day, change in (
        ("2026-02-10", lambda c: work.tick(c, "logo")),
        ("2026-02-12", lambda c: work.tick(c, "guide")),
        ("2026-02-20", lambda c: handover.tick(c, "repo")),
        ("2026-02-25", lambda c: handover.put(c, HandoverItem(
            what="Files", location="Drive", status=HandoverStatus.HANDED_OVER, id="files"),
            "hand over")),
        ("2026-03-05", lambda c: interview.set_interview(c, ExitInterview(
            on=date(2026, 3, 4), channel=InterviewChannel.VIDEO, held=True,
            testimonial_status=TestimonialStatus.RECEIVED, testimonial_text="Great.",
            testimonial_use=[TestimonialUse.WEBSITE]))),
    ):
        monkeypatch.setenv("SENDOFF_TODAY", day)
        change(client)
    with Repository(db_path) as repository:
        repository.add_client(client)
    return db_path


def test_everything_dated_newest_first_as_stored(acme: Path) -> None:
    result = sendoff("timeline", "acme", "--db", str(acme))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2026-03-14  contact      call: All well (forwarded: An article)",
        "2026-03-05  testimonial  Testimonial received, for: website",
        "2026-03-04  interview    Exit interview held (video call)",
        "2026-03-02  last day     The last day",
        "2026-02-25  released     Files (Drive)",
        "2026-02-20  handed over  Repo (GitHub acme/site)",
        "2026-02-12  extra        Style guide",
        "2026-02-10  done         Logo [b]final[/b]",
        "2026-02-02  notice       Notice given by the client",
        "2025-01-06  began        The work began (retainer)",
    ], "an item done before its day was kept has none: left out"


def test_json_lists_the_same(acme: Path) -> None:
    lines = sendoff("timeline", "#1", "--db", str(acme)).stdout.splitlines()
    listed = json.loads(sendoff("timeline", "#1", "--json", "--db", str(acme)).stdout)
    assert [(moment["date"], moment["kind"]) for moment in listed] == [
        (line[:10], line[12:25].strip()) for line in lines]
    assert listed[-3]["text"] == "Logo [b]final[/b]"


def test_an_unknown_client_or_file_says_so(acme: Path, tmp_path: Path) -> None:
    unknown = sendoff("timeline", "nobody", "--db", str(acme))
    assert unknown.returncode == 1 and "No client is called 'nobody'" in unknown.stderr
    missing = sendoff("timeline", "acme", "--db", str(tmp_path / "none.json"))
    assert missing.returncode == 1 and missing.stderr.startswith("sendoff: ")
    assert "Traceback" not in unknown.stderr + missing.stderr
