"""What `sendoff clients` lists: every client at a glance, by name, from the index when it proves
itself against the data file (no client parsed), else from the file itself (read-only, without
the writer lock, so it works while the app has the file open)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storage.views.summary import ClientSummary


def clients_in_file(path: Path, today: date, *, include_archived: bool = False
                    ) -> list[ClientSummary]:
    """Each client's summary, by name; archived ones only when asked. Raises what opening the
    file raises (missing, damaged, invalid...)."""
    from storage.views.index_file import read_index

    index = read_index(path)
    if index is not None and index.complete:
        return [index.summary(client_id, today)
                for client_id in index.client_ids(include_archived=include_archived)]
    from storage.persistence.repository import Repository

    with Repository(path, writable=False) as repository:
        return [repository.summary(client_id, today)
                for client_id in repository.client_ids(include_archived=include_archived)]
