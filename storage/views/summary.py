"""A client at a glance: what the dashboard shows for each row.

Read from what `storage.views.glance` stores with each client, never from the whole model, so that the
dashboard can draw its rows from the index file before the model is even imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
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
        contact_person=document.get("contact_person", ""),
        archived=bool(document.get("archived", False)),
        steps=tuple(StepTally(step, done, total)
                    for step, (done, total) in zip(Step, glance["steps"], strict=True)),
        notice_end=_date(glance["notice_end"]),
        next_follow_up=_next_follow_up(glance["next_follow_up"], today),
        last_contact=_date(glance["last_contact"]),
    )


class ClientListing(Protocol):
    """What the dashboard lists clients from: the repository, or the index file (see
    `storage.views.index_file`) until the data file is open."""

    def client_ids(self, *, include_archived: bool = False, matching: str = "") -> list[int]: ...

    def summary(self, client_id: int, today: date) -> ClientSummary: ...

    def is_empty(self) -> bool: ...


def listed_ids(documents: Iterable[tuple[int, Document]], *, include_archived: bool = False,
               matching: str = "") -> list[int]:
    """Ids of the clients to list, by name.

    ``matching`` keeps those whose name, contact person or industry contains it (any case).
    """
    wanted = matching.strip().casefold()
    found = []
    for client_id, doc in documents:
        if doc.get("archived") and not include_archived:
            continue
        name = str(doc.get("name", ""))
        if wanted and not any(wanted in str(text).casefold() for text in (
                name, doc.get("contact_person", ""), doc.get("industry", ""))):
            continue
        found.append((name.casefold(), client_id))
    return [client_id for _, client_id in sorted(found)]
