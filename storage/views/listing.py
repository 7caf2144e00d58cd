"""What `sendoff clients` lists: every client at a glance, by name, from the index when it proves
itself against the data file (no client parsed), else from the file itself (read-only, without
the writer lock, so it works while the app has the file open)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storage.views.summary import ClientListing, ClientSummary, ListOrder


def clients_in_file(path: Path, today: date, *, include_archived: bool = False,
                    order: ListOrder = ListOrder.NAME,
                    out_of_touch_since: date | None = None) -> list[ClientSummary]:
    """Each client's summary, in ``order``, as the dashboard lists them (see
    `storage.views.summary.listed_ids`). Raises what opening the file raises (missing,
    damaged, invalid...)."""
    from storage.views.index_file import read_index

    def listed(listing: ClientListing) -> list[ClientSummary]:
        return [listing.summary(client_id, today) for client_id in listing.client_ids(
            include_archived=include_archived, order=order,
            out_of_touch_since=out_of_touch_since)]

    index = read_index(path)
    if index is not None and index.complete:
        return listed(index)
    from storage.persistence.repository import Repository

    with Repository(path, writable=False) as repository:
        return listed(repository)
