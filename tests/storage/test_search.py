"""Search across every text kept about the clients, archived ones too: each hit names the
client and says where each word was found, with the text around it."""

from __future__ import annotations

from datetime import date

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact, ForwardItem
from storage.records.contract import Contract
from storage.records.engagement import Engagement
from storage.records.follow_up import FollowUp
from storage.records.handover import HandoverItem, HandoverStatus
from storage.records.interview import ExitInterview
from storage.records.person import Person
from storage.records.referral import Referral, ReferredBy
from storage.records.work import WorkItem
from storage.views.search import SNIPPET, Hit, Reason, query_words, search


def numbered(*clients: Client) -> list[Client]:
    """The clients with the ids a data file would give them."""
    for number, client in enumerate(clients, 1):
        client.id = number
    return list(clients)


def everywhere() -> Client:
    """A client with a different word in every text Sendoff keeps."""
    return Client(
        name="Acme Ltd", industry="Fintech", notes="Prefers mornings",
        people=[Person("Dana Lee", role="CTO", email="dlee@mailbox.example", phone="+44 20 7946",
                       notes="Loves sourdough", moved_to="Globex")],
        engagements=[Engagement(
            title="Website rebuild",
            contract=Contract(termination_terms="Thirty days written", arrangement="Paid retainer"),
            work=[WorkItem("Migrate the blog"), WorkItem("Tidy analytics", extra=True)],
            handover=[HandoverItem("Domain registrar", location="Namecheap account",
                                   status=HandoverStatus.WITHHELD, withheld_reason="Unpaid invoice",
                                   release_condition="Invoice settled")],
            interview=ExitInterview(liked="Quick replies", disliked="Late invoices",
                                    improve="Weekly demos", testimonial_text="A joy to work with"))],
        follow_ups=[FollowUp.from_cadence("Quarterly coffee", 90, date(2026, 1, 1))],
        contacts=[Contact(on=date(2026, 3, 1), channel="call", note="Asked about hiring",
                          forwarded=["Podcast episode"])],
        forward_queue=[ForwardItem("Conference talk", date(2026, 3, 2),
                                   link="https://example.org/talk")],
        referred_by=ReferredBy("Marta from Initech"),
        referrals=[Referral(to="Hooli", on=date(2026, 2, 1), worth="Two months of work")],
    )


@pytest.mark.parametrize(("word", "where", "text"), [
    ("acme", "name", "Acme Ltd"),
    ("fintech", "industry", "Fintech"),
    ("mornings", "notes", "Prefers mornings"),
    ("dana", "person: name", "Dana Lee"),
    ("cto", "person: role (Dana Lee)", "CTO"),
    ("dlee@", "person: email (Dana Lee)", "dlee@mailbox.example"),
    ("7946", "person: phone (Dana Lee)", "+44 20 7946"),
    ("sourdough", "person: notes (Dana Lee)", "Loves sourdough"),
    ("globex", "person: moved to (Dana Lee)", "Globex"),
    ("rebuild", "engagement title", "Website rebuild"),
    ("thirty", "contract: termination terms", "Thirty days written"),
    ("retainer", "contract: arrangement", "Paid retainer"),
    ("blog", "work item", "Migrate the blog"),
    ("analytics", "extra", "Tidy analytics"),
    ("registrar", "handover item", "Domain registrar"),
    ("namecheap", "handover item: where it is (Domain registrar)", "Namecheap account"),
    ("unpaid", "handover item: why withheld (Domain registrar)", "Unpaid invoice"),
    ("settled", "handover item: released when (Domain registrar)", "Invoice settled"),
    ("quick", "exit interview: liked", "Quick replies"),
    ("late", "exit interview: disliked", "Late invoices"),
    ("demos", "exit interview: would improve", "Weekly demos"),
    ("joy", "exit interview: testimonial", "A joy to work with"),
    ("quarterly", "follow-up", "Quarterly coffee"),
    ("hiring", "contact note 2026-03-01", "Asked about hiring"),
    ("podcast", "forwarded 2026-03-01", "Podcast episode"),
    ("conference", "to forward", "Conference talk"),
    ("example.org", "to forward: link (Conference talk)", "https://example.org/talk"),
    ("marta", "referred by", "Marta from Initech"),
    ("hooli", "referred to", "Hooli"),
    ("months", "referral: worth (Hooli)", "Two months of work"),
])
def test_every_text_is_searched_and_named_in_the_freelancers_words(word, where, text):
    [hit] = search(numbered(everywhere()), word)
    assert (hit.client_id, hit.name, hit.archived) == (1, "Acme Ltd", False)
    assert [(reason.where, reason.text) for reason in hit.reasons] == [(where, text)]
    [(start, end)] = hit.reasons[0].marks
    assert text[start:end].casefold() == word


def test_every_word_must_be_found_but_each_may_be_anywhere():
    clients = numbered(everywhere(), Client(name="Sourdough Bakery"))
    [hit] = search(clients, "sourdough HIRING")
    assert hit.name == "Acme Ltd"
    assert [reason.where for reason in hit.reasons] == ["person: notes (Dana Lee)",
                                                       "contact note 2026-03-01"]
    assert search(clients, "sourdough nowhere") == []
    assert [hit.name for hit in search(clients, "sourdough")] == ["Sourdough Bakery", "Acme Ltd"]


def test_no_words_find_nothing():
    assert search(numbered(everywhere()), "") == []
    assert search(numbered(everywhere()), " \t\n ") == []


def test_words_are_found_in_any_case_as_part_of_a_word_and_the_unicode_way():
    clients = numbered(Client(name="Straße Studio"), Client(name="Café Noir"),
                       Client(name="ACME"))
    assert [hit.name for hit in search(clients, "STRASSE")] == ["Straße Studio"]
    assert [hit.name for hit in search(clients, "cafe\u0301")] == ["Café Noir"]  # é as e + ´
    assert [hit.name for hit in search(clients, "acm")] == ["ACME"]
    [straße] = search(clients, "ss")
    assert straße.reasons[0].marks == ((4, 5),), "the ß that holds the ss"


def test_a_word_typed_twice_counts_once():
    assert query_words("Acme acme ACME ltd") == ["acme", "ltd"]


def test_every_match_in_a_text_is_marked_and_touching_marks_are_one():
    client = Client(name="Acme", notes="blue and Blueberry, blueblue")
    [hit] = search(numbered(client), "blue")
    assert hit.reasons == (Reason("notes", "blue and Blueberry, blueblue",
                                  ((0, 4), (9, 13), (20, 28))),)


def test_archived_clients_are_found_and_say_so():
    clients = numbered(Client(name="Acme", archived=True), Client(name="Acme Two"))
    assert [(hit.name, hit.archived) for hit in search(clients, "acme")] == [
        ("Acme", True), ("Acme Two", False)]


def test_a_name_match_comes_first_then_the_most_places_then_by_name():
    clients = numbered(
        Client(name="Zebra", notes="pixel"),
        Client(name="Beta", notes="pixel", industry="pixel art"),
        Client(name="Alpha", notes="pixel"),
        Client(name="Pixel Perfect"),
    )
    assert [hit.name for hit in search(clients, "pixel")] == [
        "Pixel Perfect", "Beta", "Alpha", "Zebra"]
    assert [hit.by_name for hit in search(clients, "pixel")] == [True, False, False, False]


def test_engagements_are_numbered_when_there_are_several():
    client = Client(name="Acme", engagements=[
        Engagement(title="Brand", work=[WorkItem("Logo sketches")]),
        Engagement(work=[WorkItem("Logo final")],
                   interview=ExitInterview(liked="The logo"))])
    [hit] = search(numbered(client), "logo")
    assert [reason.where for reason in hit.reasons] == [
        "engagement 1 work item", "engagement 2 work item", "engagement 2 exit interview: liked"]


def test_a_long_text_is_cut_around_the_first_match_between_words():
    words = " ".join(f"word{number:02}" for number in range(40))
    [hit] = search(numbered(Client(name="Acme", notes=words)), "word20")
    [reason] = hit.reasons
    assert reason.text.startswith("…word") and reason.text.endswith("…")
    assert len(reason.text) <= SNIPPET + 2
    assert "word18 word19 word20 word21" in reason.text
    [(start, end)] = reason.marks
    assert reason.text[start:end] == "word20"
    assert " ".join(reason.text.strip("…").split()) == reason.text.strip("…"), "whole words"


def test_a_match_near_the_end_shows_the_end_and_lines_become_one():
    notes = "Intro " * 20 + "then\n\nthe   final\tword"
    [hit] = search(numbered(Client(name="Acme", notes=notes)), "final")
    [reason] = hit.reasons
    assert reason.text.endswith("then the final word") and reason.text.startswith("…")
    start, end = reason.marks[0]
    assert reason.text[start:end] == "final"


def test_marks_past_the_cut_are_left_out_and_those_cut_are_shortened():
    notes = "needle " + "hay " * 30 + "needle"
    [hit] = search(numbered(Client(name="Acme", notes=notes)), "needle")
    [reason] = hit.reasons
    assert reason.marks == ((0, 6),) and reason.text.endswith("…")


def test_text_is_kept_as_typed_for_the_screen_to_show_literally():
    client = Client(name="[bold]x\x1b[31m")
    [hit] = search(numbered(client), "bold")
    assert hit.reasons == (Reason("name", "[bold]x\x1b[31m", ((1, 5),)),)
    assert hit == Hit(1, "[bold]x\x1b[31m", False, hit.reasons)


def test_the_repository_searches_every_client_in_the_file_archived_too(db_path):
    with Repository(db_path) as repository:
        repository.add_client(everywhere())
        gone = repository.add_client(Client(name="Old Acme", archived=True))
        repository.add_client(Client(name="Initech"))
    with Repository(db_path, writable=False) as repository:
        hits = repository.search("acme")
    assert [(hit.client_id, hit.name, hit.archived) for hit in hits] == [
        (1, "Acme Ltd", False), (gone.id, "Old Acme", True)]
    assert [reason.where for reason in hits[0].reasons] == ["name"]


def test_the_repository_sees_a_change_at_once(repo):
    client = repo.add_client(Client(name="Acme"))
    assert repo.search("sourdough") == []
    client.notes = "Loves sourdough"
    repo.save_client(client)
    assert [hit.name for hit in repo.search("sourdough")] == ["Acme"]


def test_a_search_in_another_thread_while_changes_are_saved_sees_each_client_whole(repo):
    """The app searches in a worker thread while its UI thread saves: every search sees each
    client as one save or another left it, never a failure."""
    import threading

    client = repo.add_client(Client(name="Acme", notes="note 0"))
    failures: list[BaseException] = []
    seen: set[int] = set()
    done = threading.Event()

    def keep_searching() -> None:
        try:
            while not done.wait(0.001):
                for hit in repo.search("note"):
                    seen.add(len(hit.reasons))
        except BaseException as failure:  # handed to the test's own thread
            failures.append(failure)

    searching = threading.Thread(target=keep_searching)
    searching.start()
    try:
        for number in range(1, 100):
            client.notes = f"note {number}"
            repo.save_client(client)
            repo.add_client(Client(name=f"Client {number}", notes="a note"))
    finally:
        done.set()
        searching.join()
    assert failures == []
    assert seen == {1}
    assert len(repo.search("note")) == 100
