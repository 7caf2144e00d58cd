"""Step 2 changes: tick, drop, add, edit and delete work still owed and the extras."""

from __future__ import annotations

from storage.changes import items
from storage.clock import today
from storage.records.client import Client
from storage.records.work import WorkItem, WorkStatus


def tick(client: Client, item_id: str) -> str:
    """Tick the item done (dated today), or untick it (a dropped one is reopened as done)."""
    item: WorkItem = client.find(client.work, item_id)
    item.set_status(item.toggled(), today())
    return f"{'tick' if item.status is WorkStatus.DONE else 'untick'} {item.title}"


def drop(client: Client, item_id: str) -> str:
    """Mark the item dropped (no longer owed), or reopen a dropped one."""
    item: WorkItem = client.find(client.work, item_id)
    if item.status is WorkStatus.DROPPED:
        item.set_status(WorkStatus.OPEN, today())
        return f"reopen {item.title}"
    item.set_status(WorkStatus.DROPPED, today())
    return f"drop {item.title}"


def put(client: Client, item: WorkItem) -> str:
    """Add ``item``, or put it in place of the item with its id (keeping the day it was done
    while it still is)."""
    item.dated_from(items.find(client.work, item.id), today())
    added = items.put(client.work, item)
    return f"{'add' if added else 'edit'} {item.title}"


def delete(client: Client, item_id: str) -> str:
    return f"delete {items.remove(client.work, item_id).title}"
