"""Step 5's changes on real records, each named for undo."""

from __future__ import annotations

from datetime import date

import pytest

from storage.changes import in_touch
from storage.records.client import Client
from storage.records.contact import Contact, ForwardItem
from storage.records.follow_up import FollowUp

TODAY = date(2026, 3, 15)


def acme() -> Client:
    follow_up = FollowUp.from_preset("quarterly", date(2026, 3, 10))
    follow_up.id = "quarterly"
    return Client(name="Acme", follow_ups=[follow_up],
                  contacts=[Contact(on=date(2026, 1, 5), channel="call", id="call")],
                  forward_queue=[ForwardItem(text="An article", added_on=TODAY, id="article")])


def test_contacted_handles_the_next_date_and_sends_the_queue() -> None:
    client = acme()
    label = client.follow_ups[0].label
    assert in_touch.contacted(client, "quarterly", TODAY, "email", "Caught up") == \
        f"contacted about {label}"
    contact = client.contacts[-1]
    assert (contact.on, contact.follow_up_id, contact.forwarded) == \
        (TODAY, "quarterly", ["An article"])
    assert client.forward_queue == []
    assert client.follow_ups[0].next_due(last_contact=client.last_contact) > TODAY


def test_logged_keeps_the_queue_when_asked() -> None:
    client = acme()
    assert in_touch.logged(client, TODAY, "coffee", "", False) == f"log a contact on {TODAY}"
    assert client.contacts[-1].forwarded == []
    assert [item.text for item in client.forward_queue] == ["An article"]


def test_snooze_moves_one_date() -> None:
    client = acme()
    label = client.follow_ups[0].label
    assert in_touch.snooze(client, "quarterly", date(2026, 3, 10), date(2026, 3, 20)) == \
        f"snooze {label}"
    assert client.follow_ups[0].next_due(last_contact=client.last_contact) == date(2026, 3, 20)


def test_add_follow_up_keeps_the_birthday_typed_with_it() -> None:
    client = acme()
    birthday = FollowUp.from_preset("birthday", TODAY, birthday=date(1980, 5, 1))
    assert in_touch.add_follow_up(client, birthday, date(1980, 5, 1)) == \
        f"add the follow-up {birthday.label}"
    assert client.follow_ups[-1] is birthday
    assert client.birthday == date(1980, 5, 1)


def test_queue_edit_and_delete_in_each_list() -> None:
    client = acme()
    assert in_touch.queue_forward(client, ForwardItem(text="A tool", added_on=TODAY,
                                                      id="tool")) == "queue A tool to forward"
    assert in_touch.edit(client, Contact(on=date(2026, 1, 6), channel="video", id="call")) == \
        "edit the contact of 2026-01-06"
    assert client.contacts[0].channel == "video"
    assert in_touch.delete(client, ForwardItem, "article") == "delete “An article”"
    assert [item.id for item in client.forward_queue] == ["tool"]
    label = client.follow_ups[0].label
    assert in_touch.delete(client, FollowUp, "quarterly") == f"delete “{label}”"
    assert client.follow_ups == []
    with pytest.raises(KeyError):
        in_touch.delete(client, Contact, "nobody")
