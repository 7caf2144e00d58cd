"""The one way a client's list takes an item back from a dialog: in place by id, or appended."""

from __future__ import annotations

from typing import Any


def put(items: list[Any], item: Any) -> bool:
    """Put ``item`` in place of the one with its id, or at the end; True when it is new."""
    for index, existing in enumerate(items):
        if existing.id == item.id:
            items[index] = item
            return False
    items.append(item)
    return True


def find(items: list[Any], item_id: str) -> Any | None:
    """The item with ``item_id``, or None."""
    return next((existing for existing in items if existing.id == item_id), None)


def remove(items: list[Any], item_id: str) -> Any:
    """Take the item with ``item_id`` out of ``items`` and return it (KeyError if none)."""
    for index, existing in enumerate(items):
        if existing.id == item_id:
            return items.pop(index)
    raise KeyError(item_id)
