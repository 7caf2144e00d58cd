"""The relationship outlives an engagement: a returning client's new engagement, their people,
and the referrals they give, each as a named change saved and read back from the file."""

from __future__ import annotations

import json
from datetime import date

import pytest

from storage.changes.engagements import end_engagement, start_engagement
from storage.changes.people import make_main_contact, put_person, remove_person
from storage.changes.referrals import became_client, put_referral, thank_for_referral
from storage.errors import ValidationError
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.engagement import Engagement
from storage.records.person import Person
from storage.records.referral import Referral, ReferralStatus
from storage.records.work import WorkItem, WorkStatus
from storage.views.timeline import timeline

TODAY = date(2026, 3, 15)


def test_a_returning_client_starts_a_new_engagement_and_the_first_is_kept(db_path) -> None:
    with Repository(db_path) as repository:
        client = repository.add_client(Client.new("Acme", work=[WorkItem("Logo")]))
        assert start_engagement(client, Engagement(title="Shop"), TODAY) == "start Shop"
        client.work.append(WorkItem("Checkout"))
        repository.save_client(client)
    with Repository(db_path, writable=False) as repository:
        client = repository.client(client.id)
    first, second = client.engagements
    assert client.current is second and second.started == TODAY and second.is_open
    assert first.ended == TODAY and [item.title for item in first.work] == ["Logo"]
    assert [item.title for item in client.work] == ["Checkout"]


def test_an_ended_engagement_leaves_the_newest_as_the_current(db_path) -> None:
    client = Client.new("Acme")
    start_engagement(client, Engagement(title="Shop", started=date(2026, 1, 1)), TODAY)
    assert end_engagement(client, TODAY) == "end Shop"
    assert client.current is client.engagements[-1] and not client.current.is_open
    assert client.engagements[0].ended == date(2026, 1, 1), "ended when the next began"


def test_people_move_on_and_the_main_contact_follows(db_path) -> None:
    client = Client.new("Acme", contact_person="Ana", email="ana@acme.example")
    ana = client.main_person
    bo = Person("Bo", role="CTO")
    assert put_person(client, bo) == "add Bo"
    assert client.main_person is ana
    assert make_main_contact(client, bo.id) == "make Bo the main contact"
    assert client.contact_person == "Bo"
    bo.moved_to, bo.moved_on = "Globex", date(2026, 2, 1)
    assert put_person(client, bo) == "edit Bo"
    assert client.main_person is ana, "who moved on is no longer the way in"
    with pytest.raises(ValidationError, match="Bo has moved on"):
        make_main_contact(client, bo.id)
    client.contacts.append(Contact(TODAY, "coffee", person_id=bo.id))
    with Repository(db_path) as repository:
        repository.add_client(client)
    stored = json.loads(db_path.read_text())["clients"]["1"]
    assert stored["people"][1] | {"id": bo.id} == {
        "id": bo.id, "name": "Bo", "role": "CTO", "moved_to": "Globex", "moved_on": "2026-02-01"}
    assert remove_person(client, bo.id) == "remove Bo"
    assert client.contacts[0].person_id is None


def test_a_referral_that_became_a_client_is_linked_and_thanked_for(db_path) -> None:
    with Repository(db_path) as repository:
        acme = repository.add_client(Client.new("Acme"))
        globex = repository.add_client(Client.new("Globex"))
        referral = Referral("Globex", on=date(2026, 3, 1), worth="A shop, 3 months")
        put_referral(acme, referral)
        assert became_client(acme, referral.id, globex.id) == "Globex became a client"
        assert thank_for_referral(acme, referral.id, TODAY) == (
            "plan a thank-you for referring Globex")
        repository.save_client(acme)
    with Repository(db_path, writable=False) as repository:
        acme = repository.client(acme.id)
        [due] = repository.due(TODAY, 7)
    [stored] = acme.referrals
    assert (stored.status, stored.client_id) == (ReferralStatus.BECAME_CLIENT, globex.id)
    assert (due.client, due.label, due.on) == (
        "Acme", "Thank them for referring Globex", date(2026, 3, 16))


def test_the_timeline_holds_every_engagement_the_people_and_the_referrals() -> None:
    client = Client.new("Acme", contact_person="Ana", work=[
        WorkItem("Logo", status=WorkStatus.DONE, done_on=date(2025, 5, 1))])
    start_engagement(client, Engagement(title="Shop"), date(2026, 1, 10))
    client.work.append(WorkItem("Checkout", status=WorkStatus.DONE, done_on=date(2026, 2, 1)))
    bo = Person("Bo", moved_to="Globex", moved_on=date(2026, 2, 20))
    put_person(client, bo)
    client.contacts.append(Contact(date(2026, 3, 1), "coffee", note="catch-up",
                                   person_id=client.main_person.id))
    put_referral(client, Referral("Globex", on=date(2026, 3, 5), worth="a shop"))
    assert [(moment.on.isoformat(), moment.kind, moment.text) for moment in timeline(client)] == [
        ("2026-03-05", "referral", "Referred Globex: introduced (a shop)"),
        ("2026-03-01", "contact", "coffee with Ana: catch-up"),
        ("2026-02-20", "moved on", "Bo moved to Globex"),
        ("2026-02-01", "done", "Shop: Checkout"),
        ("2026-01-10", "engagement", "Engagement 1: Engagement ended"),
        ("2026-01-10", "engagement", "Shop: Engagement started"),
        ("2025-05-01", "done", "Engagement 1: Logo"),
    ]
