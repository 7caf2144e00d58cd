"""A client at a glance: what the dashboard shows for each row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.client import Client
from storage.followups import Freshness
from storage.progress import Step, StepProgress, overall, progress, stage


@dataclass(frozen=True)
class NextFollowUp:
    on: date
    label: str
    state: Freshness


@dataclass(frozen=True)
class ClientSummary:
    client_id: int
    name: str
    archived: bool
    steps: list[StepProgress]
    stage: Step | None
    overall: float
    notice_end: date | None
    next_follow_up: NextFollowUp | None
    last_contact: date | None


def next_follow_up(client: Client, today: date) -> NextFollowUp | None:
    """The soonest follow-up still to do for ``client`` (overdue ones come first)."""
    last_contact = client.last_contact
    upcoming = []
    for follow_up in client.follow_ups:
        due = follow_up.next_due(last_contact=last_contact)
        if due is not None:
            state = follow_up.state(today, last_contact=last_contact)
            upcoming.append(NextFollowUp(due, follow_up.label, state))
    return min(upcoming, key=lambda item: item.on, default=None)


def summarise(client: Client, today: date) -> ClientSummary:
    steps = progress(client)
    return ClientSummary(
        client_id=client.id,
        name=client.name,
        archived=client.archived,
        steps=steps,
        stage=stage(steps),
        overall=overall(steps),
        notice_end=client.contract.notice_end,
        next_follow_up=next_follow_up(client, today),
        last_contact=client.last_contact,
    )
