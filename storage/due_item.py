"""One date on which to get in touch with one client, as the agenda and `sendoff due` list it.

A NamedTuple rather than a dataclass: `sendoff due` is timed against a bare interpreter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from storage.schedule import Freshness


class DueItem(NamedTuple):
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


def soonest_first(items: Iterable[DueItem]) -> list[DueItem]:
    return sorted(items, key=lambda item: (item.on, item.client.casefold(), item.label))
