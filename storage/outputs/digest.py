"""`sendoff notify`: one digest of what is overdue and due today, for a desktop notification or
cron mail: a title that counts, and a line each (as `sendoff due` prints them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from storage.outputs.due_report import due_lines
from storage.views.due_item import DueItem


def digest(items: Sequence[DueItem], today: date) -> tuple[str, str] | None:
    """The title and the body of the digest of ``items``; None when nothing is due."""
    if not items:
        return None
    overdue = sum(item.overdue for item in items)
    parts = [f"{overdue} overdue"] if overdue else []
    if len(items) > overdue:
        parts.append(f"{len(items) - overdue} today")
    title = f"Sendoff: {len(items)} due ({', '.join(parts)})"  # follow-ups and promises
    return title, "\n".join(due_lines(items, today))
