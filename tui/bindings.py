"""Sendoff's own key bindings of a screen or widget (not the ones Textual adds by itself), and
the footer's priorities among them."""

from __future__ import annotations

from textual.binding import Binding

COMMAND_PALETTE = "command_palette"
"""The footer's name for Textual's command palette key (ctrl+p), which has no binding id."""

FOOTER_LEAVES_OUT = (
    COMMAND_PALETTE,  # `?` says every key is a command in it
    "step.1",  # 1-5 Steps: the tabs above name each step beside its digit
    "step.details",
    "step.write",  # `W` writes a message: the palette and `?` offer it where the footer cannot
    "overview.write",
    "overview.remove_person",  # the overview's people and engagements keys after its main ones
    "overview.end_engagement",
    "overview.main_contact",
    "overview.edit_person",
    "dashboard.timeline",
    "dashboard.outcomes",
    "dashboard.lost_touch",
    "dashboard.filter",  # `/` searches everything; the quick filter comes after it
    "dashboard.sort",
    "dashboard.archived",
    "dashboard.archive",
    "dashboard.unarchive",
    "checklist.delete",
    "dashboard.delete",
    "checklist.edit",
    "dashboard.edit",
    "app.undo",
    "app.help",
    "app.quit",
)
"""When the footer's line is too short for every key, it leaves keys out in this order until the
rest fit. A key not listed is one of its screen's main keys, left out only after all of these
(the rightmost first): so a screen's main keys, `?` and `q` stay in sight at 80 columns."""


def footer_rank(binding_id: str | None) -> int:
    """How long the footer keeps the key of ``binding_id`` as its line runs short: the lowest
    rank is left out first."""
    try:
        return FOOTER_LEAVES_OUT.index(binding_id)
    except ValueError:
        return len(FOOTER_LEAVES_OUT)


def own_bindings(cls: type) -> list[Binding]:
    """Bindings declared by ``cls`` and its Sendoff base classes, base classes first."""
    found: list[Binding] = []
    for klass in reversed(cls.__mro__):
        if klass.__module__.startswith("tui."):
            found += [b for b in vars(klass).get("BINDINGS", [])
                      if isinstance(b, Binding) and b not in found]  # a subclass may repeat one
    return found
