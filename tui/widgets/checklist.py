"""A keyboard checklist: a table of items that asks its screen to toggle, add, edit or delete.

The widget never changes data itself; it posts a message and the screen applies it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets.data_table import RowKey

from tui.widgets.table import Table


def _same(cell: Text | str, other: Text | str) -> bool:
    """Whether two cells look the same (Rich's Text equality ignores the base style)."""
    if isinstance(cell, Text) and isinstance(other, Text):
        return (cell.plain, cell.style, cell.spans) == (other.plain, other.style, other.spans)
    return cell == other


class Checklist(Table):
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
        self._column_keys: list = []
        self._shown: list[tuple[str, list[Text | str]]] = []  # the rows as last set

    def on_mount(self) -> None:
        self._column_keys = self.add_columns(*self._columns)

    def set_columns(self, columns: Sequence[str]) -> None:
        """Change the columns; the rows must be set again after."""
        self.clear(columns=True)
        self._columns = list(columns)
        self._column_keys = self.add_columns(*self._columns)
        self._shown = []

    @property
    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def set_rows(self, rows: Sequence[tuple[str, Sequence[Text | str]]]) -> None:
        """Show ``rows``, keeping the cursor on the item it was on (or the same place).

        When the same items are listed in the same order (a tick, an edit), only the cells
        that changed are redrawn: a key press must show its change within one frame.
        """
        rows = [(item_id, list(cells)) for item_id, cells in rows]
        if rows and [item_id for item_id, _ in rows] == [item_id for item_id, _ in self._shown]:
            changes = {
                item_id: {column: cell for column, (cell, old) in enumerate(zip(cells, before, strict=True))
                          if not _same(cell, old)}
                for (item_id, cells), (_, before) in zip(rows, self._shown, strict=True)
            }
            if self._fits(changes):
                for item_id, changed in changes.items():
                    if changed:
                        self._redraw_row(item_id, changed)
                self._shown = rows
                return
        self._shown = rows
        keep_id, keep_row = self.current_id, self.cursor_row
        self.clear()
        for item_id, cells in rows:
            self.add_row(*cells, key=item_id)
        if not rows:
            return
        ids = [item_id for item_id, _ in rows]
        row = ids.index(keep_id) if keep_id in ids else min(keep_row, len(ids) - 1)
        self.move_cursor(row=row)

    def _fits(self, changes: dict[str, dict[int, Text | str]]) -> bool:
        """Whether every changed cell fits its column as it is (else the table is rebuilt)."""
        columns = self.ordered_columns
        return all(
            cell_len(cell.plain if isinstance(cell, Text) else str(cell))
            <= columns[column].content_width
            for changed in changes.values() for column, cell in changed.items()
        )

    def _redraw_row(self, item_id: str, changed: dict[int, Text | str]) -> None:
        """Put new cells in one row and redraw those cells only.

        DataTable.update_cell invalidates the rendering of every row, and redrawing them all
        took about 50 ms per key press on a slow machine. This drops only the cached
        renderings of this row; it relies on DataTable's caches in the pinned Textual 8.2.8,
        and the checklist tests and snapshots cover it.
        """
        row_key = RowKey(item_id)
        column_keys = {self._column_keys[column] for column in changed}
        for column, cell in changed.items():
            self._data[row_key][self._column_keys[column]] = cell
        row_index = self.get_row_index(item_id)
        # Cells that did not change keep their rendering: a tick leaves the title as it was.
        for key in [key for key in self._cell_render_cache.keys()
                    if key[0] == row_key and key[1] in column_keys]:
            self._cell_render_cache.discard(key)
        for key in [key for key in self._row_render_cache.keys() if key[0] == row_key]:
            self._row_render_cache.discard(key)
        for key in [key for key in self._row_renderable_cache.keys() if key[1] == row_index]:
            self._row_renderable_cache.discard(key)
        self._line_cache.clear()  # lines are recomposed from the cached rows, cheaply
        self.refresh_row(row_index)

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
