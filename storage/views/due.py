"""What is due in a data file, for a command that reads it once (`sendoff due`): the same list as
`storage.views.agenda.due` of its clients, answered from the index when the index proves it fits
the file and reaches far enough, else from the file itself (read-only, without the writer lock,
so it works while the app has the file open). The app, which holds the file open, asks
`Repository.due`, which gives the same list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storage.views.due_item import DueItem


def due_in_file(path: Path, today: date, within_days: int, chase_after: int) -> list[DueItem]:
    """Overdue follow-ups and promises, then every date from ``today`` to ``within_days``
    later, soonest first; a testimonial is chased ``chase_after`` days after it was asked for.
    Raises what opening the file raises (missing, damaged, invalid...)."""
    from storage.views.index_file import due_from_index, read_due_index

    indexed = read_due_index(path)
    items = None if indexed is None else due_from_index(indexed, today, within_days, chase_after)
    if items is not None:
        return items
    from storage.persistence.repository import Repository  # the slow path: parse the file

    with Repository(path, writable=False) as repository:
        return repository.due(today, within_days, chase_after)
