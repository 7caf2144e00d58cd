"""A keyboard checklist: a table of items that asks its screen to toggle, add, edit or delete.

The widget never changes data itself; it posts a message and the screen applies it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable


class Checklist(DataTable):
    """Rows are keyed by item id; the cursor stays on the same item across refreshes."""

    HELP_TITLE = "In a checklist"
    BINDINGS = [
        Binding("space", "toggle", "Toggle", id="checklist.toggle", tooltip="Tick or untick the item"),
        Binding("a", "add", "Add", id="checklist.add", tooltip="Add an item to this list"),
        Binding("e", "edit", "Edit", id="checklist.edit", tooltip="Edit the item"),
        Binding("d", "delete", "Delete", id="checklist.delete", tooltip="Delete the item (u undoes)"),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
    ]

    class ItemMessage(Message):
        def __init__(self, checklist: Checklist, item_id: str | None) -> None:
            super().__init__()
            self.checklist = checklist
            self.item_id = item_id

        @property
        def control(self) -> Checklist:
            return self.checklist

    class Toggle(ItemMessage):
        """Space on an item."""

    class Add(ItemMessage):
        """`a` in the list."""

    class Edit(ItemMessage):
        """`e` on an item."""

    class Delete(ItemMessage):
        """`d` on an item."""

    def __init__(self, columns: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._columns = list(columns)

    def on_mount(self) -> None:
        self.add_columns(*self._columns)

    @property
    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def set_rows(self, rows: Sequence[tuple[str, Sequence[Text | str]]]) -> None:
        """Replace every row, keeping the cursor on the item it was on (or the same place)."""
        keep_id, keep_row = self.current_id, self.cursor_row
        self.clear()
        for item_id, cells in rows:
            self.add_row(*cells, key=item_id)
        if not rows:
            return
        ids = [item_id for item_id, _ in rows]
        row = ids.index(keep_id) if keep_id in ids else min(keep_row, len(ids) - 1)
        self.move_cursor(row=row)

    def select(self, item_id: str) -> None:
        """Put the cursor on ``item_id``."""
        self.move_cursor(row=self.get_row_index(item_id))

    def _post_for_current(self, message_class: type[ItemMessage]) -> None:
        item_id = self.current_id
        if item_id is not None:
            self.post_message(message_class(self, item_id))

    def action_toggle(self) -> None:
        self._post_for_current(self.Toggle)

    def action_add(self) -> None:
        self.post_message(self.Add(self, self.current_id))

    def action_edit(self) -> None:
        self._post_for_current(self.Edit)

    def action_delete(self) -> None:
        self._post_for_current(self.Delete)
