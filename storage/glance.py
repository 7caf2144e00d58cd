"""What is stored with each client besides its own fields: the dashboard's row, derived again
on every save and never read back into the model, so that the dashboard and the index file need
not parse a client to show it."""

from __future__ import annotations

from typing import Any

from storage.client import Client
from storage.fields import date_to_json
from storage.progress import progress


def glance(client: Client) -> dict[str, Any]:
    """The step counts, the end of notice and the last contact (see `storage.summary`)."""
    return {
        "steps": [[step.done, step.total] for step in progress(client)],
        "notice_end": date_to_json(client.contract.notice_end),
        "last_contact": date_to_json(client.last_contact),
    }


def stored_document(client: Client) -> dict[str, Any]:
    """The document the data file holds for ``client``."""
    return {**client.to_dict(), "glance": glance(client)}
