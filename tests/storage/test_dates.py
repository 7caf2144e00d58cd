"""The days things happened, kept for the relationship's timeline: a work item done, a handover
item handed over (and released, when it was withheld), the testimonial received. Each is
dated by the change that makes it so, on the one clock's today, kept while it stays so (through
edits in a dialog, which build a new item), and dropped when it is undone."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from storage.changes import handover, interview, work
from storage.errors import DataFileInvalid
from storage.persistence.file_digest import digest_of
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.handover import HandoverItem, HandoverStatus
from storage.records.interview import ExitInterview, TestimonialStatus
from storage.records.work import WorkItem, WorkStatus
from storage.views.index_file import INDEX_VERSION, IndexWriter, index_path


def acme() -> Client:
    return Client.new(name="Acme", work=[WorkItem(title="Logo", id="logo")],
                  handover=[HandoverItem(what="Repo", location="GitHub acme/site", id="repo"),
                            HandoverItem(what="Files", location="Drive", id="files",
                                         status=HandoverStatus.WITHHELD,
                                         withheld_reason="Invoice open")])


def test_a_work_item_is_dated_when_done_and_undated_when_not(pinned_today, monkeypatch) -> None:
    client = acme()
    work.tick(client, "logo")
    logo = client.find(client.work, "logo")
    assert (logo.status, logo.done_on) == (WorkStatus.DONE, pinned_today)
    monkeypatch.setenv("SENDOFF_TODAY", "2026-04-01")
    work.put(client, replace(logo, title="Logo, final", done_on=None))  # as the dialog builds it
    assert client.find(client.work, "logo").done_on == pinned_today, "kept through an edit"
    work.tick(client, "logo")
    assert client.find(client.work, "logo").done_on is None
    work.tick(client, "logo")
    assert client.find(client.work, "logo").done_on == date(2026, 4, 1), "done again: anew"
    work.drop(client, "logo")
    assert client.find(client.work, "logo").done_on is None
    work.put(client, WorkItem(title="Extra", status=WorkStatus.DONE, extra=True, id="extra"))
    assert client.find(client.work, "extra").done_on == date(2026, 4, 1), "added done"


def test_an_item_done_before_dates_were_kept_stays_undated(pinned_today) -> None:
    client = Client.new(name="Acme", work=[WorkItem(title="Logo", status=WorkStatus.DONE, id="a")])
    work.put(client, replace(client.work[0], title="Logo v2"))
    assert client.work[0].done_on is None, "not known: never made up"


def test_handing_over_dates_it_and_releasing_a_withheld_item_dates_that(pinned_today) -> None:
    client = acme()
    handover.tick(client, "repo")
    repo = client.find(client.handover, "repo")
    assert (repo.handed_over_on, repo.released_on) == (pinned_today, None)
    files = client.find(client.handover, "files")
    handover.put(client, replace(files, status=HandoverStatus.HANDED_OVER), "hand over")
    files = client.find(client.handover, "files")
    assert (files.handed_over_on, files.released_on) == (pinned_today, pinned_today)
    handover.put(client, replace(files, location="Drive /final", handed_over_on=None,
                                 released_on=None), "edit")
    files = client.find(client.handover, "files")
    assert (files.handed_over_on, files.released_on) == (pinned_today, pinned_today), "kept"
    handover.tick(client, "files")
    files = client.find(client.handover, "files")
    assert (files.status, files.handed_over_on, files.released_on) == (
        HandoverStatus.PENDING, None, None)


def test_the_testimonial_is_dated_when_received(pinned_today, monkeypatch) -> None:
    client = acme()
    asked = replace(client.interview, testimonial_status=TestimonialStatus.ASKED)
    interview.set_interview(client, asked, "testimonial_status")
    assert client.interview.testimonial_received_on is None
    received = replace(client.interview, testimonial_status=TestimonialStatus.RECEIVED,
                       testimonial_text="Recommended.")
    interview.set_interview(client, received, "testimonial_status")
    assert client.interview.testimonial_received_on == pinned_today
    monkeypatch.setenv("SENDOFF_TODAY", "2026-05-01")
    edited = replace(client.interview, liked="The calm", testimonial_received_on=None)
    interview.set_interview(client, edited, "liked")
    assert client.interview.testimonial_received_on == pinned_today, "kept through an edit"
    interview.set_interview(client, ExitInterview(), "testimonial_status")
    assert client.interview.testimonial_received_on is None


def test_the_dates_are_stored_and_read_back_from_the_file(db_path, pinned_today) -> None:
    with Repository(db_path) as repository:
        client = repository.add_client(acme())
        changed = repository.client(client.id)
        work.tick(changed, "logo")
        handover.tick(changed, "repo")
        repository.save_client(changed)
    stored = json.loads(db_path.read_text())["clients"][str(client.id)]
    assert stored["engagements"][0]["work"][0]["done_on"] == pinned_today.isoformat()
    assert stored["engagements"][0]["handover"][0]["handed_over_on"] == pinned_today.isoformat()
    assert "released_on" not in stored["engagements"][0]["handover"][0], "a day not known is not stored"
    assert "testimonial_received_on" not in stored["engagements"][0]["interview"]
    with Repository(db_path, writable=False) as repository:
        again = repository.client(client.id)
    assert again.work[0].done_on == pinned_today
    assert again.handover[0].handed_over_on == pinned_today


@pytest.mark.parametrize(("place", "key", "value"), [
    ("work", "done_on", "last Tuesday"), ("handover", "released_on", "2026-02-30"),
    ("handover", "handed_over_on", 20260301)])
def test_a_bad_date_in_the_file_is_named_where_it_is(db_path, pinned_today, place, key,
                                                     value) -> None:
    with Repository(db_path) as repository:
        repository.add_client(acme())
    stored = json.loads(db_path.read_text())
    stored["clients"]["1"]["engagements"][0][place][0][key] = value
    db_path.write_text(json.dumps(stored))
    with pytest.raises(DataFileInvalid) as refused:
        Repository(db_path).close()
    assert f"{place}[0].{key}" in str(refused.value)


def test_an_index_of_an_older_version_does_not_vouch_for_the_new_fields(db_path) -> None:
    """An older Sendoff checked no such dates, and vouched for a file whatever they held: its
    index is not believed, so the file is checked whole."""
    with Repository(db_path) as repository:
        repository.add_client(acme())
    stored = json.loads(db_path.read_text())
    stored["clients"]["1"]["engagements"][0]["work"][0]["done_on"] = "soon"
    db_path.write_text(json.dumps(stored))
    IndexWriter(db_path)(stored, digest_of(db_path.read_bytes()))  # as that Sendoff would
    header, _, body = index_path(db_path).read_bytes().partition(b"\n")
    older = {**json.loads(header), "version": INDEX_VERSION - 1}
    index_path(db_path).write_bytes(json.dumps(older).encode() + b"\n" + body)
    with pytest.raises(DataFileInvalid, match=r"work\[0\]\.done_on"):
        Repository(db_path).close()
