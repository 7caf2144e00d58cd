"""A checkbox that reads as the checklists do: ☐ when off, ☑ when on.

Textual's Checkbox shows an X in both states, only dimmed when off, so an unticked box looks
ticked; this one changes the glyph itself (ToggleButton's public BUTTON_* characters)."""

from __future__ import annotations

from textual.widgets import Checkbox

UNTICKED = "☐"
TICKED = "☑"


class TickBox(Checkbox):
    """A Checkbox whose button is ☐ or ☑, in the colours of a checklist's row."""

    DEFAULT_CSS = """
    TickBox {
        & > .toggle--button {
            color: $foreground;
            background: transparent;
        }
        &.-on > .toggle--button {
            color: $text-success;
            text-style: bold;
        }
        &:ansi > .toggle--button {
            color: ansi_default;
            background: transparent;
            text-style: not dim;
        }
        &:ansi.-on > .toggle--button {
            color: ansi_green;
            text-style: bold not dim;
        }
    }
    """

    BUTTON_LEFT = ""
    BUTTON_RIGHT = ""

    @property
    def BUTTON_INNER(self) -> str:  # Textual's name: ToggleButton reads it at every draw
        return TICKED if self.value else UNTICKED
