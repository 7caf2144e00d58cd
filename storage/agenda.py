"""What is due across all clients: overdue follow-ups, then every date in a coming window."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from storage.due_item import DueItem, soonest_first
from storage.followups import FollowUp, FollowUpKind

if TYPE_CHECKING:  # the agenda needs only the follow-up engine, not the whole model
    from storage.client import Client


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
                  forward: Sequence[str], today: date, within_days: int) -> list[DueItem]:
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
    return [DueItem(client_id, client, follow_up.id, follow_up.label, on, on < today, state,
                    tuple(forward)) for on in dates]


def client_due(client: Client, today: date, within_days: int) -> list[DueItem]:
    """Everything due for one client (see `follow_up_due`)."""
    forward = [item.text for item in client.forward_queue]
    return [item for follow_up in client.follow_ups
            for item in follow_up_due(client.id, client.name, follow_up, client.last_contact,
                                      forward, today, within_days)]


def due(clients: Iterable[Client], today: date, within_days: int = 14) -> list[DueItem]:
    """Everything due across ``clients``, soonest first (overdue at the top)."""
    return soonest_first(item for client in clients if not client.archived
                         for item in client_due(client, today, within_days))
