"""Step 2 changes: tick, drop, add, edit and delete work still owed and the extras."""

from __future__ import annotations

from storage.changes import items
from storage.records.client import Client
from storage.records.work import WorkItem, WorkStatus


def tick(client: Client, item_id: str) -> str:
    """Tick the item done, or untick it (a dropped one is reopened as done)."""
    item: WorkItem = client.find(client.work, item_id)
    item.status = item.toggled()
    return f"{'tick' if item.status is WorkStatus.DONE else 'untick'} {item.title}"


def drop(client: Client, item_id: str) -> str:
    """Mark the item dropped (no longer owed), or reopen a dropped one."""
    item: WorkItem = client.find(client.work, item_id)
    if item.status is WorkStatus.DROPPED:
        item.status = WorkStatus.OPEN
        return f"reopen {item.title}"
    item.status = WorkStatus.DROPPED
    return f"drop {item.title}"


def put(client: Client, item: WorkItem) -> str:
    """Add ``item``, or put it in place of the item with its id."""
    added = items.put(client.work, item)
    return f"{'add' if added else 'edit'} {item.title}"


def delete(client: Client, item_id: str) -> str:
    return f"delete {items.remove(client.work, item_id).title}"
