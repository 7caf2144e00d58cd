"""What is stored with each client besides its own fields: the dashboard's row, derived again
on every save and never read back into the model, so that the dashboard and the index file need
not parse a client to show it."""

from __future__ import annotations

from typing import Any

from storage.records.client import Client
from storage.records.fields import date_to_json
from storage.rules.progress import progress
from storage.views.promises import stored_promises


def _soonest(follow_ups: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The stored follow-up whose next date comes first (overdue ones first of all)."""
    soonest = None
    for follow_up in follow_ups:
        on = follow_up["next_on"]
        if on and (soonest is None or on < soonest["on"]):  # ISO dates sort as text
            soonest = {"on": on, "latest": follow_up["latest"], "label": follow_up["label"]}
    return soonest


def whose_glance(client: Client) -> dict[str, Any]:
    """What names a follow-up's dates beyond the client (see `storage.views.due_item.whose`):
    the people whose follow-ups there are, and the current engagement when there were several."""
    wanted = {follow_up.person_id for follow_up in client.follow_ups if follow_up.person_id}
    return {"people": {person.id: person.known_as for person in client.people
                       if person.id in wanted},
            "engagement": client.current_name if len(client.engagements) > 1 else ""}


def stored_document(client: Client) -> dict[str, Any]:
    """The document the data file holds for ``client``: its fields, its glance (the step
    counts, the end of notice, the next follow-up and the last contact; see `storage.views.summary`)
    and its dated promises (see `storage.views.promises`)."""
    document = client.to_dict()
    document["glance"] = {
        "steps": [[step.done, step.total] for step in progress(client)],
        "notice_end": date_to_json(client.contract.notice_end),
        "next_follow_up": _soonest(document["follow_ups"]),
        "last_contact": date_to_json(client.last_contact),
        "contact_person": client.contact_person,
        **whose_glance(client),
    }
    document["promises"] = stored_promises(client)
    return document
