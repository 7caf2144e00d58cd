"""A long list of rows, drawn a line at a time: only the rows on screen are ever made."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

PADDING = 1  # cells either side of a column's text, as in Textual's DataTable


@dataclass(frozen=True)
class Column:
    """A column: ``width`` cells of text, or a ``share`` of the room the others leave; an
    ``optional`` column is left out, last first, when that room gets too narrow."""

    label: str
    width: int = 0
    share: int = 0
    optional: bool = False


class RowList(ScrollView, can_focus=True):
    """Textual's DataTable keeps every row it holds, measures each one, and draws its rows again
    whenever one is added: filling it with a thousand clients stalled key presses for a second,
    and an agenda of 4,500 dates took three. This list holds the rows' keys in order and makes
    a row (``cells(key)``) only when it comes on screen, so a thousand clients or ten thousand
    open and scroll alike.

    Columns fit the list's width: text too long for its column ends with an ellipsis, and
    optional columns make way at narrow widths. Rows that are not ``selectable`` (section
    headers) are passed over by the cursor. Enter belongs to the screen; a click on the row
    under the cursor posts `Selected`.
    """

    COMPONENT_CLASSES = {"row-list--header", "row-list--cursor", "row-list--even-row"}
    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]
    MIN_SHARED = 44  # the room below which optional columns make way

    cursor = reactive(0, repaint=False)

    class Selected(Message):
        """A click on the row under the cursor."""

        def __init__(self, row_list: RowList, key: Any) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    class Moved(Message):
        """The cursor is on another row."""

        def __init__(self, row_list: RowList) -> None:
            super().__init__()
            self.row_list = row_list

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, columns: Sequence[Column], cells: Callable[[Any], list[Text]], *,
                 selectable: Callable[[Any], bool] | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self._make_cells = cells
        self._selectable = selectable
        self.keys: list[Hashable] = []
        self._rows: dict[Hashable, list[Text]] = {}  # the cells of the rows drawn so far
        self._lines: dict[tuple[int, int, bool, bool], Strip] = {}

    # -- what is listed --------------------------------------------------------------------

    def show(self, keys: list[Hashable], *, keep: Hashable | None = None,
             columns: Sequence[Column] | None = None) -> None:
        """List the rows of ``keys``, in order (in ``columns``, if given); the cursor stays on
        the row ``keep`` if listed, else at the same place."""
        self.keys = keys
        if columns is not None:
            self.columns = list(columns)
        self.redraw()
        place = {key: index for index, key in enumerate(keys)}
        self.move_cursor(place.get(keep, self.cursor))

    def redraw(self) -> None:
        """Make every row again (the rows or the theme changed)."""
        self._rows.clear()
        self._lines.clear()
        self.virtual_size = Size(0, len(self.keys) + 1)  # a line for the header
        self.refresh()

    def cells(self, key: Hashable) -> list[Text]:
        """The cells of a listed row, as drawn."""
        cells = self._rows.get(key)
        if cells is None:
            cells = self._rows[key] = self._make_cells(key)
        return cells

    @property
    def current_key(self) -> Any:
        """The row under the cursor (None when nothing is listed or none can be chosen)."""
        if not self.keys or not self._can_select(self.keys[self.cursor]):
            return None
        return self.keys[self.cursor]

    def move_to(self, key: Hashable) -> None:
        self.move_cursor(self.keys.index(key))

    def move_cursor(self, row: int, step: int = 1) -> None:
        """Put the cursor on ``row`` (kept within the list), or the nearest row from there that
        can be chosen, looking ``step`` (+1 down, -1 up) first; then scroll to it."""
        row = max(0, min(row, len(self.keys) - 1))
        for direction in (step, -step):
            index = row
            while 0 <= index < len(self.keys) and not self._can_select(self.keys[index]):
                index += direction
            if 0 <= index < len(self.keys):
                row = index
                break
        moved = row != self.cursor
        self.cursor = row
        self._scroll_to_cursor()
        if moved:
            self.post_message(self.Moved(self))

    def _can_select(self, key: Hashable) -> bool:
        return self._selectable is None or self._selectable(key)

    def watch_cursor(self, old: int, new: int) -> None:
        self._lines = {key: line for key, line in self._lines.items() if key[0] not in (old, new)}
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        rows = self.scrollable_content_region.height - 1  # below the header
        if rows <= 0:
            return
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + rows:
            self.scroll_to(y=self.cursor - rows + 1, animate=False)

    # -- keys and mouse --------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1, -1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - max(1, self.scrollable_content_region.height - 1), -1)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.keys) - 1, -1)
        self.scroll_end(animate=False)  # the last row too, if the cursor passed over it

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_y) + event.y - 1
        if event.y < 1 or not 0 <= row < len(self.keys) or not self._can_select(self.keys[row]):
            return
        if row == self.cursor:
            self.post_message(self.Selected(self, self.keys[row]))
        self.move_cursor(row)

    def _on_focus(self, event: events.Focus) -> None:
        self._lines.clear()
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self._lines.clear()
        self.refresh()

    def _on_resize(self, event: events.Resize) -> None:
        self._lines.clear()
        self._scroll_to_cursor()

    # -- drawing ---------------------------------------------------------------------------

    def _widths(self, width: int) -> list[int]:
        """Each column's text width at ``width`` cells (0: left out)."""
        columns = list(self.columns)
        while True:
            fixed = sum(column.width for column in columns) + 2 * PADDING * len(columns)
            room = width - fixed
            optional = [column for column in columns if column.optional]
            if room >= self.MIN_SHARED or not optional:
                break
            columns.remove(optional[-1])
        shares = sum(column.share for column in columns) or 1
        widths, given = {}, 0
        for column in columns:
            if column.share:
                widths[column] = max(1, room * column.share // shares)
                given += widths[column]
            else:
                widths[column] = column.width
        for column in columns:  # what rounding left goes to the first shared column
            if column.share:
                widths[column] += max(0, room - given)
                break
        return [widths.get(column, 0) for column in self.columns]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._line([Text(column.label) for column in self.columns], width,
                              self.get_component_rich_style("row-list--header"))
        row = int(self.scroll_y) + y - 1
        if row >= len(self.keys):
            return Strip.blank(width, self.rich_style)
        cursor = row == self.cursor and self._can_select(self.keys[row])
        key = (row, width, cursor, self.has_focus)
        line = self._lines.get(key)
        if line is None:
            style = self.rich_style
            if row % 2 == 0:
                style += self.get_component_rich_style("row-list--even-row")
            line = self._lines[key] = self._line(self.cells(self.keys[row]), width, style,
                                                 cursor=cursor)
        return line

    def _line(self, cells: list[Text], width: int, style: Style, *, cursor: bool = False) -> Strip:
        console = self.app.console
        edge = Segment(" " * PADDING)
        segments: list[Segment] = []
        for cell, cell_width in zip(cells, self._widths(width), strict=True):
            if not cell_width:
                continue
            text = cell.copy()
            text.truncate(cell_width, overflow="ellipsis", pad=True)
            segments += [edge, *text.render(console), edge]
        over = self.get_component_rich_style("row-list--cursor") if cursor else None
        line = Strip(Segment.apply_style(segments, style, over))
        return line.adjust_cell_length(width, style)
