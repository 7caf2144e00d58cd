"""One date on which to get in touch with one client, as the agenda and `sendoff due` list it.

A NamedTuple rather than a dataclass: `sendoff due` is timed against a bare interpreter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from storage.schedule import UPCOMING_DAYS, Freshness


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


def stored_dates(next_day: str, kind: str, upcoming: Sequence[str], first: str, last: str,
                 end: date) -> list[str] | None:
    """The days (ISO text) a follow-up is due from ``first`` to ``last`` (today and the window's
    end, which is ``end``), read from the dates stored with it: its next date when that is
    already past, then its coming dates in the window. None when the stored dates stop before
    the window ends, as for a rule long overdue: then the rule must be evaluated.

    ``next_day`` must be ``last`` or sooner."""
    if kind != "cadence" and end > date.fromisoformat(next_day) + timedelta(days=UPCOMING_DAYS):
        return None  # a cadence has a single date: its next one
    dates = [next_day] if next_day < first else []
    start = max(first, next_day)
    return dates + [day for day in upcoming if start <= day <= last]
