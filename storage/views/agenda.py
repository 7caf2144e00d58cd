"""What is due across all clients: overdue follow-ups and promises, then every date in a coming
window."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from storage.records.follow_up import FollowUp, FollowUpKind
from storage.views.due_item import (
    DueItem,
    DueWindow,
    follow_up_kind,
    soonest_first,
    stored_due,
    whose,
)
from storage.views.promises import CHASE_AFTER_DAYS, promise_due, stored_promises

if TYPE_CHECKING:  # the agenda needs only the follow-up engine, not the whole model
    from storage.records.client import Client


class Horizon(StrEnum):
    OVERDUE = "Overdue"
    TODAY = "Today"
    THIS_WEEK = "Next 7 days"
    NEXT_30 = "Next 30 days"
    NEXT_90 = "Next 90 days"


def horizon(on: date, today: date) -> Horizon:
    """Which part of the agenda ``on`` belongs to."""
    days = (on - today).days
    if days < 0:
        return Horizon.OVERDUE
    if days == 0:
        return Horizon.TODAY
    if days <= 7:
        return Horizon.THIS_WEEK
    if days <= 30:
        return Horizon.NEXT_30
    return Horizon.NEXT_90


def follow_up_due(client_id: int, client: str, follow_up: FollowUp, last_contact: date | None,
                  forward: Sequence[str], today: date, within_days: int,
                  owner: tuple[str, str] = ("", "")) -> list[DueItem]:
    """One follow-up's overdue date and its dates up to ``within_days`` from today.

    An overdue follow-up is listed once, at its oldest unhandled date. A cadence counted from
    the last contact lists only its next date: the ones after it depend on the next contact.
    """
    end = today + timedelta(days=within_days)
    next_due = follow_up.next_due(last_contact=last_contact)
    if next_due is None:
        return []
    if follow_up.kind is FollowUpKind.CADENCE:
        dates = [next_due] if next_due <= end else []
    else:
        dates = [next_due] if next_due < today else []
        if next_due <= end:  # occurrences() refuses a range that ends before it starts
            dates += follow_up.occurrences(max(today, next_due), end, last_contact=last_contact)
    state = follow_up.state(today, last_contact=last_contact)
    kind = follow_up_kind(follow_up.id)
    return [DueItem(client_id, client, follow_up.id, follow_up.label, on, on < today, state,
                    tuple(forward), *owner, kind) for on in dates]


def client_due(client: Client, today: date, within_days: int,
               chase_after: int = CHASE_AFTER_DAYS) -> list[DueItem]:
    """Everything due for one client: its follow-ups' dates (see `follow_up_due`) and its
    other promises' (see `storage.views.promises`)."""
    from storage.views.glance import whose_glance  # of a client parsed: the model is loaded

    forward = [item.text for item in client.forward_queue]
    glance = whose_glance(client)
    found = [item for follow_up in client.follow_ups
             for item in follow_up_due(client.id, client.name, follow_up, client.last_contact,
                                       forward, today, within_days,
                                       whose(glance, follow_up.person_id))]
    return found + promise_due(client.id, client.name, tuple(forward), stored_promises(client),
                               today, within_days, glance["engagement"], chase_after)


def due(clients: Iterable[Client], today: date, within_days: int = 14,
        chase_after: int = CHASE_AFTER_DAYS) -> list[DueItem]:
    """Everything due across ``clients``, soonest first (overdue at the top)."""
    return soonest_first(item for client in clients if not client.archived
                         for item in client_due(client, today, within_days, chase_after))


def due_from_documents(documents: Iterable[tuple[int, Mapping[str, Any]]], today: date,
                       within_days: int, parse: Callable[[Mapping[str, Any]], Client],
                       chase_after: int = CHASE_AFTER_DAYS) -> list[DueItem]:
    """The same list as `due`, from clients as stored: each follow-up's dates are read from
    those stored with it, and its rule is evaluated only where they stop short of the window;
    the other promises are read from those stored with the client. A client stored without
    them (by an older Sendoff) is ``parse``d in full."""
    window = DueWindow.of(today, within_days)
    found: list[DueItem] = []
    for client_id, doc in documents:
        if doc.get("archived"):
            continue
        if "glance" not in doc or "promises" not in doc:
            found += client_due(parse(doc), today, within_days, chase_after)
            continue
        name = doc["name"]
        forward = tuple(item.get("text", "") for item in doc.get("forward_queue", []))
        found += promise_due(client_id, name, forward, doc["promises"], today, within_days,
                             doc["glance"].get("engagement", ""), chase_after)
        for raw in doc.get("follow_ups", []):
            next_day = raw.get("next_on")
            if "upcoming" in raw:
                if not next_day or next_day > window.last:
                    continue  # ended, or not due in the window
                items = stored_due(window, client_id, name, forward, raw["id"], raw["label"],
                                   raw["kind"], next_day, raw["latest"], raw["upcoming"],
                                   whose(doc["glance"], raw.get("person_id")))
                if items is not None:
                    found += items
                    continue
            last_contact = doc["glance"].get("last_contact")
            found += follow_up_due(client_id, name, FollowUp.from_dict(raw),
                                   date.fromisoformat(last_contact) if last_contact else None,
                                   forward, today, within_days,
                                   whose(doc["glance"], raw.get("person_id")))
    return soonest_first(found)
