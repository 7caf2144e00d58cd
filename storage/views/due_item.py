"""One date on which to get in touch with one client, as the agenda and `sendoff due` list it.

A NamedTuple rather than a dataclass: `sendoff due` is timed against a bare interpreter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple

from storage.rules.schedule import UPCOMING_DAYS, Freshness, freshness

THANKS_PREFIX = "thanks-"  # the id of a follow-up planned to thank for a referral begins so


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
    person: str = ""  # whose follow-up it is, for one that is a person's (their birthday)
    engagement: str = ""  # the client's current engagement, when they have had several
    kind: str = "follow-up"  # what it is about (see `storage.views.promises.PromiseKind`)

    @property
    def is_follow_up(self) -> bool:
        """Whether ``follow_up_id`` names a follow-up (one to thank for a referral too); else it
        names the work or handover item, or the engagement, the promise is of."""
        return self.kind in ("follow-up", "thanks")

    @property
    def what(self) -> str:
        """The follow-up's label, and whose it is when it is a person's: "Birthday (Bo Lind)"."""
        return f"{self.label} ({self.person})" if self.person else self.label

    def to_json(self) -> dict[str, object]:
        return {"client": self.client, "label": self.label, "date": self.on.isoformat(),
                "overdue": self.overdue, "state": self.state.value,
                "to_forward": list(self.to_forward), "person": self.person or None,
                "engagement": self.engagement or None, "kind": self.kind}


def whose(glance: Mapping[str, Any], person_id: str | None) -> tuple[str, str]:
    """The person (by ``person_id``) and the engagement a follow-up's dates belong to, as the
    client's glance names them (see `storage.views.glance.whose_glance`)."""
    return ((glance.get("people") or {}).get(person_id, "") if person_id else "",
            glance.get("engagement", ""))


def soonest_first(items: Iterable[DueItem]) -> list[DueItem]:
    return sorted(items, key=lambda item: (item.on, item.client.casefold(), item.label,
                                           item.client_id, item.kind, item.follow_up_id))


class DueWindow(NamedTuple):
    """From today to ``within_days`` later, with both ends as ISO text (which compares as dates)."""

    today: date
    end: date
    first: str
    last: str

    @classmethod
    def of(cls, today: date, within_days: int) -> DueWindow:
        end = today + timedelta(days=within_days)
        return cls(today, end, today.isoformat(), end.isoformat())


def stored_due(window: DueWindow, client_id: int, client: str, forward: tuple[str, ...],
               follow_up_id: str, label: str, kind: str, next_day: str, latest: str,
               upcoming: Sequence[str], owner: tuple[str, str] = ("", "")
               ) -> list[DueItem] | None:
    """One follow-up's dates in ``window``, read from the dates stored with it: its next date
    when that is already past, then its coming dates in the window. None when the stored
    dates stop before the window ends, as for a rule long overdue: then the rule must be
    evaluated. ``next_day`` must be the window's last day or sooner."""
    if kind != "cadence" and window.end > date.fromisoformat(next_day) + timedelta(
            days=UPCOMING_DAYS):
        return None  # a cadence has a single date: its next one
    days = [next_day] if next_day < window.first else []
    start = max(window.first, next_day)
    days += [day for day in upcoming if start <= day <= window.last]
    today = window.today
    state = freshness(today, (date.fromisoformat(next_day), date.fromisoformat(latest)))
    about = follow_up_kind(follow_up_id)
    return [DueItem(client_id, client, follow_up_id, label, on, on < today, state, forward,
                    *owner, about) for on in map(date.fromisoformat, days)]


def follow_up_kind(follow_up_id: str) -> str:
    """A follow-up planned to thank for a referral is a thank-you ("thanks"); any other, a
    follow-up (see `storage.changes.referrals.thank_for_referral`)."""
    return "thanks" if follow_up_id.startswith(THANKS_PREFIX) else "follow-up"
