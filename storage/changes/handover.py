"""Step 3 changes: tick what is handed over, add, edit, withhold and delete, add the presets."""

from __future__ import annotations

from collections.abc import Collection

from storage.changes import items
from storage.clock import today
from storage.records.client import Client
from storage.records.handover import HandoverItem, HandoverStatus, ProjectKind, preset_items


def tick(client: Client, item_id: str) -> str:
    """Mark the item handed over, or pending again; raises ValidationError when it cannot be
    handed over yet (it needs a location first)."""
    item: HandoverItem = client.find(client.handover, item_id)
    item.set_status(item.toggled(), today())
    item.validate()
    return f"{'hand over' if item.status is HandoverStatus.HANDED_OVER else 'untick'} {item.what}"


def release(client: Client, item_id: str) -> str:
    """Hand over the withheld item now (released today), of any engagement (an earlier one's
    is still promised); raises ValidationError when it cannot be handed over yet (it needs a
    location first)."""
    item: HandoverItem = client.find(
        [item for engagement in client.engagements for item in engagement.handover], item_id)
    item.set_status(HandoverStatus.HANDED_OVER, today())
    item.validate()
    return f"release {item.what}"


def put(client: Client, item: HandoverItem, verb: str) -> str:
    """Put ``item`` in place of the item with its id, or add it; ``verb`` names the change
    for undo ("add", "edit", "withhold", "hand over"). Handed over now, it is dated today
    (released, when it was withheld); still handed over, it keeps its dates."""
    item.dated_from(items.find(client.handover, item.id), today())
    items.put(client.handover, item)
    return f"{verb} {item.what}"


def delete(client: Client, item_id: str) -> str:
    return f"delete {items.remove(client.handover, item_id).what}"


def add_presets(client: Client, kind: ProjectKind, chosen: Collection[str] | None = None) -> str:
    """Say what kind of project it was, and add its usual items not on the list yet: those
    named in ``chosen`` (all of them when None), in their usual order."""
    client.current.project_kind = kind
    missing = preset_items(kind, client.handover)
    added = [item for item in missing if chosen is None or item.what in chosen]
    client.handover.extend(added)
    if len(added) == len(missing):
        return f"add the {kind.value} presets"
    return f"add {len(added)} of the {kind.value} presets"
