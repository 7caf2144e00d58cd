"""Counting in words: "1 client", "2 clients", never "1 clients"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, the noun plural unless the count is one (``plural`` if irregular)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
