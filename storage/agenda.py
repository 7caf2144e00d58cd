"""What is due across all clients: overdue follow-ups, then every date in a coming window."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from storage.client import Client
from storage.followups import FollowUpKind, Freshness


class Horizon(StrEnum):
    OVERDUE = "Overdue"
    TODAY = "Today"
    THIS_WEEK = "Next 7 days"
    NEXT_30 = "Next 30 days"
    NEXT_90 = "Next 90 days"


@dataclass(frozen=True)
class DueItem:
    """One date on which to get in touch with one client."""

    client_id: int
    client: str
    follow_up_id: str
    label: str
    on: date
    overdue: bool
    state: Freshness
    to_forward: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"client": self.client, "label": self.label, "date": self.on.isoformat(),
                "overdue": self.overdue, "state": self.state.value,
                "to_forward": list(self.to_forward)}


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


def client_due(client: Client, today: date, within_days: int) -> list[DueItem]:
    """The client's overdue follow-ups and their dates up to ``within_days`` from today.

    An overdue follow-up is listed once, at its oldest unhandled date. A cadence counted from
    the last contact lists only its next date: the ones after it depend on the next contact.
    """
    last_contact = client.last_contact
    end = today + timedelta(days=within_days)
    forward = tuple(item.text for item in client.forward_queue)
    found: list[DueItem] = []
    for follow_up in client.follow_ups:
        next_due = follow_up.next_due(last_contact=last_contact)
        if next_due is None:
            continue
        if follow_up.kind is FollowUpKind.CADENCE:
            dates = [next_due] if next_due <= end else []
        else:
            dates = [next_due] if next_due < today else []
            if next_due <= end:  # occurrences() refuses a range that ends before it starts
                dates += follow_up.occurrences(max(today, next_due), end,
                                               last_contact=last_contact)
        state = follow_up.state(today, last_contact=last_contact)
        found += [DueItem(client.id, client.name, follow_up.id, follow_up.label, on, on < today,
                          state, forward) for on in dates]
    return found


def due(clients: Iterable[Client], today: date, within_days: int = 14) -> list[DueItem]:
    """Everything due across ``clients``, soonest first (overdue at the top)."""
    items = [item for client in clients if not client.archived
             for item in client_due(client, today, within_days)]
    return sorted(items, key=lambda item: (item.on, item.client.casefold(), item.label))
