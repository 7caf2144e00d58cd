"""A list of choices to tick, drawn as the checklists are: ☑ when ticked, ☐ when not.

Textual's SelectionList shows an X in both states, only dimmed when off, so an unticked choice
looks ticked. The choices are the widget's own state (what a dialog will answer), not data:
ticking one changes nothing stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.binding import Binding

from tui.text import literal
from tui.theme import theme_style
from tui.widgets.row_list import Column, RowList
from tui.widgets.tick_box import TICKED, UNTICKED


class TickList(RowList):
    """``choices`` are (value, label) pairs under the column ``heading``, all ticked at first.
    Space (or a second click) ticks or unticks the choice under the cursor."""

    HELP_TITLE = "In a list of choices"
    DEFAULT_CSS = """
    TickList {
        height: auto;
        max-height: 12;
        border: round $panel;
        &:focus {
            border: round $primary;
        }
    }
    """
    BINDINGS = [
        Binding("space", "toggle", "Tick", id="tick_list.toggle",
                tooltip="Tick or untick the highlighted choice"),
    ]

    def __init__(self, heading: str, choices: Sequence[tuple[str, str]], *,
                 id: str | None = None) -> None:
        super().__init__([Column(""), Column(heading, share=1)], self._cells_of,
                         fit_content=True, id=id)
        self.labels = dict(choices)
        self._ticked = set(self.labels)

    @property
    def ticked(self) -> list[str]:
        """The values ticked now, in the order of the list."""
        return [value for value in self.labels if value in self._ticked]

    def on_mount(self) -> None:
        self.show(list(self.labels))

    def _cells_of(self, value: str) -> list[Text]:
        mark = (Text(TICKED, style=theme_style(self.app, "text-success", "bold"))
                if value in self._ticked else Text(UNTICKED))
        return [mark, literal(self.labels[value])]

    def action_toggle(self) -> None:
        value = self.current_key
        if value is None:
            return
        self._ticked ^= {value}
        self.redraw_row(value)

    @on(RowList.Selected)
    def _clicked(self, event: RowList.Selected) -> None:
        event.stop()
        self.action_toggle()
