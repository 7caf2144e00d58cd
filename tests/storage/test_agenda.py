"""The agenda across clients: overdue first, then every date in the window, soonest first; and
the step 5 actions (mark done, log a contact, snooze) as the agenda sees them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from storage.changes.in_touch import log_contact, mark_done, snooze
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact, ForwardItem
from storage.records.follow_up import FollowUp
from storage.views.agenda import Horizon, due, horizon

TODAY = date(2026, 3, 15)  # the conftest's pinned day


def listed(clients: list[Client], within: int = 14) -> list[tuple[str, str, date, bool]]:
    return [(item.client, item.label, item.on, item.overdue)
            for item in due(clients, TODAY, within)]


def stored(repo: Repository, *clients: Client) -> list[Client]:
    """The clients as they come back from the real file, with their ids."""
    for client in clients:
        repo.add_client(client)
    return repo.clients()


def monthly(day: date, label: str = "Monthly") -> FollowUp:
    return FollowUp.from_preset("monthly", day, label=label)


def test_overdue_comes_first_then_dates_by_day_then_client(repo: Repository) -> None:
    clients = stored(
        repo,
        Client(name="blue Heron", follow_ups=[monthly(date(2026, 3, 20)),
                                              monthly(date(2026, 3, 16), "Zebra call")]),
        Client(name="Acme", follow_ups=[monthly(date(2026, 3, 20)), monthly(date(2026, 2, 1))]),
    )

    assert listed(clients) == [
        ("Acme", "Monthly", date(2026, 2, 1), True),
        ("blue Heron", "Zebra call", date(2026, 3, 16), False),
        ("Acme", "Monthly", date(2026, 3, 20), False),
        ("blue Heron", "Monthly", date(2026, 3, 20), False),
    ]


def test_an_overdue_follow_up_is_listed_once_at_its_oldest_date_until_handled(
    repo: Repository,
) -> None:
    [client] = stored(repo, Client(name="Acme", follow_ups=[monthly(date(2026, 1, 10))]))
    follow_up_id = client.follow_ups[0].id

    # 2026-01-10, 02-10 and 03-10 have all passed: only the oldest is listed.
    assert listed([client]) == [("Acme", "Monthly", date(2026, 1, 10), True)]
    assert due([client], TODAY + timedelta(days=30))[0].on == date(2026, 1, 10)

    for handled, still_overdue in ((date(2026, 1, 10), date(2026, 2, 10)),
                                   (date(2026, 2, 10), date(2026, 3, 10))):
        assert mark_done(client, follow_up_id, TODAY, "email")[0] == handled
        assert listed([client]) == [("Acme", "Monthly", still_overdue, True)]
    mark_done(client, follow_up_id, TODAY, "email")
    assert listed([client]) == []
    assert listed([client], within=30) == [("Acme", "Monthly", date(2026, 4, 10), False)]

    repo.save_client(client)  # and the file says the same
    assert listed(repo.clients(), within=30) == [("Acme", "Monthly", date(2026, 4, 10), False)]


def test_a_cadence_lists_only_its_next_date_and_a_contact_restarts_it() -> None:
    coffee = FollowUp.from_cadence("Coffee", 30, date(2025, 1, 1))
    client = Client(name="Acme", id=1, follow_ups=[coffee],
                    contacts=[Contact(on=date(2026, 2, 20), channel="email")])

    assert listed([client]) == [("Acme", "Coffee", date(2026, 3, 22), False)]
    assert listed([client], within=365) == [("Acme", "Coffee", date(2026, 3, 22), False)]

    log_contact(client, TODAY, "call")
    assert listed([client]) == []
    assert listed([client], within=30) == [("Acme", "Coffee", date(2026, 4, 14), False)]


def test_an_overdue_cadence_stays_listed_until_the_next_contact() -> None:
    client = Client(name="Acme", id=1, follow_ups=[FollowUp.from_cadence("Coffee", 30,
                                                                          date(2026, 1, 1))])
    assert listed([client], within=0) == [("Acme", "Coffee", date(2026, 1, 31), True)]
    mark_done(client, client.follow_ups[0].id, TODAY, "coffee")
    assert listed([client], within=30) == [("Acme", "Coffee", date(2026, 4, 14), False)]


def test_a_snooze_moves_one_date_and_leaves_the_rule_alone() -> None:
    follow_up = monthly(date(2026, 3, 20))
    client = Client(name="Acme", id=1, follow_ups=[follow_up])
    rule = follow_up.rule

    snooze(client, follow_up.id, date(2026, 3, 20), date(2026, 3, 25))

    assert [on for _, _, on, _ in listed([client], within=70)] == [
        date(2026, 3, 25), date(2026, 4, 20), date(2026, 5, 20)]
    assert follow_up.rule == rule


def test_the_window_includes_today_and_its_last_day() -> None:
    client = Client(name="Acme", id=1, follow_ups=[
        FollowUp.from_rule("Today", "FREQ=YEARLY", TODAY),
        FollowUp.from_rule("Last day", "FREQ=YEARLY", TODAY + timedelta(days=14)),
        FollowUp.from_rule("Day after", "FREQ=YEARLY", TODAY + timedelta(days=15)),
    ])

    assert [label for _, label, _, _ in listed([client], within=14)] == ["Today", "Last day"]
    assert listed([client], within=0) == [("Acme", "Today", TODAY, False)]
    assert [label for _, label, _, _ in listed([client], within=15)][-1] == "Day after"


def test_a_follow_up_far_ahead_is_simply_not_listed_yet() -> None:
    client = Client(name="Acme", id=1, follow_ups=[monthly(date(2026, 9, 1))])
    assert listed([client]) == []


def test_archived_clients_are_left_out(repo: Repository) -> None:
    stored(repo, Client(name="Gone", archived=True, follow_ups=[monthly(date(2026, 3, 1))]),
           Client(name="Here", follow_ups=[monthly(date(2026, 3, 1))]))
    everyone = repo.clients(include_archived=True)

    assert [client for client, *_ in listed(everyone)] == ["Here"]


@pytest.mark.parametrize(
    ("days", "bucket"),
    [(-400, Horizon.OVERDUE), (-1, Horizon.OVERDUE), (0, Horizon.TODAY), (1, Horizon.THIS_WEEK),
     (7, Horizon.THIS_WEEK), (8, Horizon.NEXT_30), (30, Horizon.NEXT_30), (31, Horizon.NEXT_90),
     (90, Horizon.NEXT_90)],
)
def test_horizon_buckets(days: int, bucket: Horizon) -> None:
    assert horizon(TODAY + timedelta(days=days), TODAY) is bucket


def test_marking_done_sends_the_forward_queue_with_the_contact(repo: Repository) -> None:
    [client] = stored(repo, Client(name="Acme", follow_ups=[monthly(date(2026, 3, 1))],
                                   forward_queue=[
                                       ForwardItem("Grant for shops", date(2026, 3, 1),
                                                   link="https://example.org/grant"),
                                       ForwardItem("Talk on their sector", date(2026, 3, 2))]))
    [item] = due([client], TODAY)
    assert item.to_forward == ("Grant for shops", "Talk on their sector")

    handled, contact = mark_done(client, item.follow_up_id, TODAY, "email", "Caught up")
    repo.save_client(client)

    [client] = repo.clients()
    assert handled == date(2026, 3, 1)
    assert client.forward_queue == []
    [saved] = client.contacts
    assert saved.id == contact.id and saved.follow_up_id == item.follow_up_id
    assert saved.forwarded == ["Grant for shops (https://example.org/grant)",
                               "Talk on their sector"]
    assert [entry.to_forward for entry in due([client], TODAY, 30)] == [()]


def test_a_contact_without_forwarding_keeps_the_queue() -> None:
    client = Client(name="Acme", id=1,
                    forward_queue=[ForwardItem("Grant for shops", date(2026, 3, 1))])
    contact = log_contact(client, TODAY, "call", forward=False)
    assert contact.forwarded == [] and len(client.forward_queue) == 1

