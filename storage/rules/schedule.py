"""How a follow-up reads on a given day: fresh, due, stale or ended. Kept apart from the rule
engine so that `sendoff due` can answer from stored dates without loading it."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

UPCOMING_DAYS = 92  # how far past its next date a follow-up's dates are stored with the client


class Freshness(StrEnum):
    """Where a follow-up stands today."""

    FRESH = "fresh"  # before its ideal date
    DUE = "due"  # between the ideal date and the latest acceptable one (ideal + grace)
    STALE = "stale"  # past the latest acceptable date and still not handled
    ENDED = "ended"  # a finite rule with no dates left


def freshness(today: date, window: tuple[date, date] | None) -> Freshness:
    """Fresh before the ideal date, due until the latest acceptable one, stale after; ended
    when there is no next date (``window`` is `FollowUp.due_window`)."""
    if window is None:
        return Freshness.ENDED
    ideal, latest = window
    if today < ideal:
        return Freshness.FRESH
    return Freshness.DUE if today <= latest else Freshness.STALE
