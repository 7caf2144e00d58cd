"""Every dated promise of a client besides its follow-ups: open work due, the last day and the end
of notice, the exit interview until it is held, withheld items' release dates, a testimonial to
chase, as the agenda, `sendoff due` and the calendar list them.

Each client's promises are stored with it on every save (`storage.views.glance`), as short
lists of text, so that `sendoff due` reads them from the index without parsing the client; the
dates only are stored, what they mean today (overdue, "released?") is told when they are read.
Imports nothing of the model: `sendoff due` is timed against a bare interpreter.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from storage.rules.schedule import Freshness
from storage.views.due_item import DueItem, DueWindow

if TYPE_CHECKING:
    from storage.records.client import Client

CHASE_AFTER_DAYS = 14  # a testimonial asked for and not answered in two weeks is worth a chase


class PromiseKind(StrEnum):
    """What a row of the agenda is about; the word `sendoff due --kind` takes."""

    FOLLOW_UP = "follow-up"
    WORK = "work"
    LAST_DAY = "last-day"
    NOTICE_END = "notice-end"
    INTERVIEW = "interview"
    RELEASE = "release"
    CHASE = "chase"
    THANKS = "thanks"


# The kinds that are done and gone once their day passes (a date, not a task): never overdue.
PASSING = frozenset({PromiseKind.LAST_DAY, PromiseKind.NOTICE_END})


# What a row of each kind says; a work item's and a release's name their item after it.
_LABELS = {PromiseKind.WORK.value: "Due: ", PromiseKind.RELEASE.value: "Release: ",
           PromiseKind.LAST_DAY.value: "Last day", PromiseKind.NOTICE_END.value: "End of notice",
           PromiseKind.INTERVIEW.value: "Exit interview",
           PromiseKind.CHASE.value: "Chase the testimonial"}


def label(kind: str, text: str, overdue: bool) -> str:
    """What the row says: "Release: Admin passwords", "Released? Admin passwords"..."""
    if kind == "release" and overdue:
        return f"Released? {text}"
    return _LABELS[kind] + text


def stored_promises(client: Client) -> list[list[str]]:
    """The current engagement's promises, and what an earlier one still withholds (named after
    that engagement: a release outlives the work), each ``[date, kind, id, text]`` (the id of
    the item acted on: the work or handover item's, else the engagement's), soonest first. The end of
    notice is left out when it is the planned last day itself. A chase is stored at the day the
    testimonial was asked for: how long to wait is the reader's to say."""
    from storage.records.handover import HandoverStatus
    from storage.records.interview import AWAITED
    from storage.records.work import WorkStatus

    engagement = client.current
    found = [[item.release_on.isoformat(), PromiseKind.RELEASE.value, item.id,
              f"{item.what} ({earlier.name(place)})"]
             for place, earlier in enumerate(client.engagements, 1) if earlier is not engagement
             for item in earlier.handover
             if item.status is HandoverStatus.WITHHELD and item.release_on]
    found += [[item.due.isoformat(), PromiseKind.WORK.value, item.id, item.title]
             for item in engagement.work if item.status is WorkStatus.OPEN and item.due]
    found += [[item.release_on.isoformat(), PromiseKind.RELEASE.value, item.id, item.what]
              for item in engagement.handover
              if item.status is HandoverStatus.WITHHELD and item.release_on]
    interview, contract = engagement.interview, engagement.contract
    last_day, notice_end = contract.planned_last_day, contract.notice_end
    for on, kind in ((last_day, PromiseKind.LAST_DAY),
                     (None if notice_end == last_day else notice_end, PromiseKind.NOTICE_END),
                     (None if interview.held else interview.on, PromiseKind.INTERVIEW),
                     (interview.testimonial_asked_on
                      if interview.testimonial_status in AWAITED else None, PromiseKind.CHASE)):
        if on is not None:
            found.append([on.isoformat(), kind.value, engagement.id, ""])
    return sorted(found)


def promise_due(client_id: int, client: str, forward: tuple[str, ...],
                promises: Iterable[Sequence[str]], today: date, within_days: int,
                engagement: str, chase_after: int = CHASE_AFTER_DAYS) -> list[DueItem]:
    """The stored ``promises`` (see `stored_promises`) due by ``within_days`` from today: those
    overdue too, but a last day or an end of notice, which pass."""
    window = DueWindow.of(today, within_days)
    found = []
    for day, kind, item_id, text in promises:
        item = promise_item(window, client_id, client, forward, day, kind, item_id, text,
                            engagement, chase_after)
        if item is not None:
            found.append(item)
    return found


def promise_item(window: DueWindow, client_id: int, client: str, forward: tuple[str, ...],
                 day: str, kind: str, item_id: str, text: str, engagement: str,
                 chase_after: int) -> DueItem | None:
    """One stored promise, when it is due by the window's end (see `promise_due`). Dates are
    compared as ISO text, which sorts as dates: `sendoff due` reads tens of thousands."""
    if kind == PromiseKind.CHASE:
        day = (date.fromisoformat(day) + timedelta(days=chase_after)).isoformat()
    if day > window.last or (day < window.first and kind in PASSING):
        return None
    overdue = day < window.first
    state = (Freshness.STALE if overdue else Freshness.DUE if day == window.first
             else Freshness.FRESH)
    return DueItem(client_id, client, item_id, label(kind, text, overdue),
                   date.fromisoformat(day), overdue, state, forward, "", engagement, kind)


def of_kinds(items: Iterable[DueItem], kinds: Collection[str] | None) -> list[DueItem]:
    """The items of ``kinds`` (every one when None)."""
    return list(items) if kinds is None else [item for item in items if item.kind in kinds]
