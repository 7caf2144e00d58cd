"""`sendoff due`: the agenda as aligned lines for a shell prompt or cron mail, or as JSON.

Kept apart from `storage.views.agenda` so the command line imports nothing it does not print.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from storage.outputs.printable import display_width, printable
from storage.views.due_item import DueItem


def _mark(item: DueItem, today: date) -> str:
    if item.overdue:
        return "overdue"
    return "today" if item.on == today else ""


def due_lines(items: Sequence[DueItem], today: date) -> list[str]:
    """One line per date, ``date  mark  client  label (person)``; no lines at all when nothing
    is due. A promise's label says its kind ("Due: …", "Release: …", "Last day")."""
    shown: dict[str, str] = {}  # many lines share a client or a label: clean each text once
    widths: dict[str, int] = {}
    rows = [(item.on.isoformat(), _mark(item, today),
             shown.get(item.client) or shown.setdefault(item.client, printable(item.client)),
             shown.get(item.what) or shown.setdefault(item.what, printable(item.what)))
            for item in items]
    for _, _, client, _ in rows:
        if client not in widths:
            widths[client] = display_width(client)
    mark_width = max((len(mark) for _, mark, _, _ in rows), default=0)
    client_width = max(widths.values(), default=0)
    lines = []
    for on, mark, client, label in rows:
        columns = [on, mark.ljust(mark_width)] if mark_width else [on]
        padded = client + " " * (client_width - widths[client])
        lines.append("  ".join([*columns, padded, label]).rstrip())
    return lines


def due_json(items: Sequence[DueItem]) -> str:
    """A JSON list, soonest first; the ids let a script tell two same-named follow-ups apart,
    and say what a promise is of: its work or handover item, else its engagement."""
    records = [{**item.to_json(), "client_id": item.client_id,
                "follow_up_id": item.follow_up_id if item.is_follow_up else None,
                "item_id": None if item.is_follow_up else item.follow_up_id}
               for item in items]
    return json.dumps(records, indent=2)
