"""Sendoff's own key bindings of a screen or widget (not the ones Textual adds by itself)."""

from __future__ import annotations

from textual.binding import Binding


def own_bindings(cls: type) -> list[Binding]:
    """Bindings declared by ``cls`` and its Sendoff base classes, base classes first."""
    found: list[Binding] = []
    for klass in reversed(cls.__mro__):
        if klass.__module__.startswith("tui."):
            found += [b for b in vars(klass).get("BINDINGS", [])
                      if isinstance(b, Binding) and b not in found]  # a subclass may repeat one
    return found
