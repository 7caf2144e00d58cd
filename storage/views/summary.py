"""A client at a glance: what the dashboard shows for each row.

Read from what `storage.views.glance` stores with each client, never from the whole model, so that the
dashboard can draw its rows from the index file before the model is even imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple, Protocol

from storage.rules.schedule import Freshness, freshness
from storage.rules.steps import Step, stage

Document = Mapping[str, Any]  # a client as stored, or its entry in the index file


class StepTally(NamedTuple):
    """How many of a step's checks are done."""

    step: Step
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.done == self.total


class NextFollowUp(NamedTuple):
    on: date
    label: str
    state: Freshness


class ClientSummary(NamedTuple):
    client_id: int
    name: str
    contact_person: str
    archived: bool
    steps: tuple[StepTally, ...]
    notice_end: date | None
    next_follow_up: NextFollowUp | None
    last_contact: date | None

    @property
    def stage(self) -> Step | None:
        return stage(self.steps)


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _next_follow_up(stored: Mapping[str, str] | None, today: date) -> NextFollowUp | None:
    if stored is None:
        return None
    window = (date.fromisoformat(stored["on"]), date.fromisoformat(stored["latest"]))
    return NextFollowUp(window[0], stored["label"], freshness(today, window))


def summary_of(client_id: int, document: Document, today: date) -> ClientSummary:
    """The summary of a client stored with its glance (see `storage.views.glance.stored_document`)."""
    glance = document["glance"]
    return ClientSummary(
        client_id=client_id,
        name=document.get("name", ""),
        contact_person=glance.get("contact_person", ""),
        archived=bool(document.get("archived", False)),
        steps=tuple(StepTally(step, done, total)
                    for step, (done, total) in zip(Step, glance["steps"], strict=True)),
        notice_end=_date(glance["notice_end"]),
        next_follow_up=_next_follow_up(glance["next_follow_up"], today),
        last_contact=_date(glance["last_contact"]),
    )


class ListOrder(StrEnum):
    """How the clients are listed: by name, or the one to get in touch with first at the top."""

    NAME = "name"
    LAST_CONTACT = "last contact"  # the longest since you spoke first; never first of all
    NEXT_FOLLOW_UP = "next follow-up"  # the soonest first; none last
    STALENESS = "staleness"  # the furthest past its follow-up's grace days first; none last

    def following(self) -> ListOrder:
        """The order after this one, round again after the last."""
        orders = list(ListOrder)
        return orders[(orders.index(self) + 1) % len(orders)]


class ClientListing(Protocol):
    """What the dashboard lists clients from: the repository, or the index file (see
    `storage.views.index_file`) until the data file is open."""

    def client_ids(self, *, include_archived: bool = False, matching: str = "",
                   order: ListOrder = ListOrder.NAME,
                   out_of_touch_since: date | None = None) -> list[int]: ...

    def summary(self, client_id: int, today: date) -> ClientSummary: ...

    def is_empty(self) -> bool: ...


LOST_TOUCH_MONTHS = 6  # no contact for so long, and a client is out of touch


def out_of_touch_since(today: date, months: int = LOST_TOUCH_MONTHS) -> date:
    """The day from which a contact keeps a client in touch: ``months`` before ``today``."""
    from dateutil.relativedelta import relativedelta

    return today - relativedelta(months=months)


def lost_touch(document: Document, since: date) -> bool:
    """Whether the client is out of touch: no contact on ``since`` or after (never counts),
    or no follow-up date coming at all."""
    glance = document.get("glance") or {}
    last = glance.get("last_contact")
    return last is None or last < since.isoformat() or glance.get("next_follow_up") is None


def _order_key(order: ListOrder, document: Document, name: str) -> tuple[Any, ...]:
    glance = document.get("glance") or {}
    follow_up = glance.get("next_follow_up") or {}
    if order is ListOrder.LAST_CONTACT:
        return (glance.get("last_contact") or "", name)  # ISO dates sort as text
    if order is ListOrder.NEXT_FOLLOW_UP:
        return (follow_up.get("on") is None, follow_up.get("on") or "", name)
    if order is ListOrder.STALENESS:
        return (follow_up.get("latest") is None, follow_up.get("latest") or "", name)
    return (name,)


def listed_ids(documents: Iterable[tuple[int, Document]], *, include_archived: bool = False,
               matching: str = "", order: ListOrder = ListOrder.NAME,
               out_of_touch_since: date | None = None) -> list[int]:
    """Ids of the clients to list, in ``order`` (then by name).

    ``matching`` keeps those whose name, contact person or industry contains it (any case);
    ``out_of_touch_since`` only those out of touch since that day (see `lost_touch`).
    """
    wanted = matching.strip().casefold()
    found = []
    for client_id, doc in documents:
        if doc.get("archived") and not include_archived:
            continue
        name = str(doc.get("name", ""))
        if wanted and not any(wanted in str(text).casefold() for text in (
                name, (doc.get("glance") or {}).get("contact_person", ""),
                doc.get("industry", ""))):
            continue
        if out_of_touch_since is not None and not lost_touch(doc, out_of_touch_since):
            continue
        found.append((_order_key(order, doc, name.casefold()), client_id))
    return [client_id for _, client_id in sorted(found)]
