"""The dashboard's orders and its lost-touch view, the same from the data file and the index."""

from __future__ import annotations

from datetime import date

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.follow_up import FollowUp
from storage.views.index_file import read_index
from storage.views.summary import ListOrder, out_of_touch_since


@pytest.fixture
def book(db_path, pinned_today):
    with Repository(db_path) as repository:
        for client in (
            Client(name="Acme", contacts=[Contact(on=date(2026, 3, 1), channel="call")],
                   follow_ups=[FollowUp.from_rule("Monthly", "FREQ=MONTHLY", date(2026, 4, 1))]),
            Client(name="beta", follow_ups=[FollowUp.from_rule("Yearly", "FREQ=YEARLY",
                                                               date(2026, 3, 20))]),
            Client(name="Cobalt", contacts=[Contact(on=date(2025, 6, 1), channel="email")]),
            Client(name="Dormant", archived=True),
        ):
            repository.add_client(client)
    return db_path


def names(listing, **options) -> list[str]:
    return [listing.summary(client_id, date(2026, 3, 15)).name
            for client_id in listing.client_ids(**options)]


@pytest.mark.parametrize(("order", "expected"), [
    (ListOrder.NAME, ["Acme", "beta", "Cobalt"]),
    (ListOrder.LAST_CONTACT, ["beta", "Cobalt", "Acme"]),  # never spoken first
    (ListOrder.NEXT_FOLLOW_UP, ["beta", "Acme", "Cobalt"]),  # none last
    (ListOrder.STALENESS, ["beta", "Acme", "Cobalt"]),
])
def test_each_order_from_the_file_and_from_the_index(book, order, expected) -> None:
    with Repository(book, writable=False) as repository:
        assert names(repository, order=order) == expected
    assert names(read_index(book), order=order) == expected


def test_lost_touch_is_no_contact_in_six_months_or_no_follow_up_coming(book) -> None:
    since = out_of_touch_since(date(2026, 3, 15))
    assert since == date(2025, 9, 15)
    with Repository(book, writable=False) as repository:
        assert names(repository, out_of_touch_since=since) == ["beta", "Cobalt"]
        assert names(repository, out_of_touch_since=since, include_archived=True) == [
            "beta", "Cobalt", "Dormant"]
        assert names(repository, out_of_touch_since=date(2026, 3, 2)) == ["Acme", "beta",
                                                                          "Cobalt"]
    assert names(read_index(book), out_of_touch_since=since) == ["beta", "Cobalt"]


def test_the_orders_come_round_again() -> None:
    order, seen = ListOrder.NAME, []
    for _ in range(len(ListOrder)):
        seen.append(order)
        order = order.following()
    assert seen == list(ListOrder) and order is ListOrder.NAME
