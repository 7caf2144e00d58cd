"""A keyboard checklist: a short list of items that asks its screen to tick, add, edit or delete.

The widget never changes data itself; it posts a message and the screen applies it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from tui.widgets.row_list import Column, RowList


def _same(cells: list[Text], others: list[Text]) -> bool:
    """Whether two rows look the same (Rich's Text equality ignores the base style)."""
    return [(cell.plain, cell.style, cell.spans) for cell in cells] == [
        (cell.plain, cell.style, cell.spans) for cell in others]


class Checklist(RowList):
    """Rows are keyed by item id; the cursor stays on the same item across refreshes. The list
    is short, so its columns fit their content."""

    HELP_TITLE = "In a checklist"
    DEFAULT_CSS = """
    Checklist {
        height: auto;
        max-height: 1fr;
        border: round $panel;
        /* The title reads in the text colour, not the faint border's; focus turns it the primary. */
        border-title-color: $foreground;
        border-title-style: bold;
        &:focus {
            border: round $primary;
            border-title-color: $text-primary;
        }
    }
    """
    BINDINGS = [
        Binding("space", "toggle", "Toggle", id="checklist.toggle", tooltip="Tick or untick the item"),
        Binding("a", "add", "Add", id="checklist.add", tooltip="Add an item to this list"),
        Binding("e", "edit", "Edit", id="checklist.edit", tooltip="Edit the item"),
        Binding("d", "delete", "Delete", id="checklist.delete", tooltip="Delete the item (u undoes)"),
    ]

    class ItemMessage(Message):
        """About the item under the cursor (None: the list is empty)."""

        def __init__(self, checklist: Checklist, item_id: str | None) -> None:
            super().__init__()
            self.checklist = checklist
            self.item_id = item_id

        @property
        def control(self) -> Checklist:
            return self.checklist

    class Toggled(ItemMessage):
        """Space on an item: tick or untick it."""

    class AddRequested(ItemMessage):
        """`a` in the list."""

    class EditRequested(ItemMessage):
        """`e` on an item."""

    class DeleteRequested(ItemMessage):
        """`d` on an item."""

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(columns, self._cells_of, fit_content=True, id=id)
        self._items: dict[str, list[Text]] = {}  # the rows as last set

    def _cells_of(self, item_id: str) -> list[Text]:
        return self._items[item_id]

    def set_rows(self, rows: Sequence[tuple[str, Sequence[Text]]], *,
                 columns: Sequence[Column] | None = None) -> None:
        """Show ``rows`` (in ``columns``, if given), keeping the cursor on the item it was on
        (or at the same place).

        When the same items are listed in the same order and one changed (a tick, an edit),
        only its line is drawn again: a key press must show its change within one frame.
        """
        items = {item_id: list(cells) for item_id, cells in rows}
        if columns is None and list(items) == self.keys:
            changed = [item_id for item_id, cells in items.items()
                       if not _same(cells, self._items[item_id])]
            self._items = items
            if len(changed) == 1:
                self.redraw_row(changed[0])
            elif changed:
                self.redraw()
            return
        self._items = items
        self.show(list(items), keep=self.current_key, columns=columns)

    def _post_for_current(self, message_class: type[ItemMessage]) -> None:
        if self.current_key is not None:
            self.post_message(message_class(self, self.current_key))

    def action_toggle(self) -> None:
        self._post_for_current(self.Toggled)

    def action_add(self) -> None:
        self.post_message(self.AddRequested(self, self.current_key))

    def action_edit(self) -> None:
        self._post_for_current(self.EditRequested)

    def action_delete(self) -> None:
        self._post_for_current(self.DeleteRequested)
