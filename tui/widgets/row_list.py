"""A long list of rows, drawn a line at a time: only the rows on screen are ever made."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
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
    """A column: ``width`` cells of text; or a ``share`` of the room the others leave; or, with
    neither, as wide as its label (and its widest cell, in a list that fits its content). An
    ``optional`` column is left out, last first, when the shared room gets too narrow."""

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

    Columns fit the list's width: text too long for its column runs on into the empty cells to
    its right, then ends with an ellipsis, and optional columns make way at narrow widths. A
    short list can ``fit_content``: then every row is made, a column is no wider than its
    widest cell, and shared columns are cut only when the room runs out, the widest first.
    Rows that are not ``selectable`` (section headers) are passed over by the cursor. Enter
    belongs to the screen; a click on the row under the cursor posts `Selected`.
    """

    COMPONENT_CLASSES = {"row-list--header", "row-list--cursor", "row-list--even-row"}
    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]
    MIN_SHARED = 44  # the shared room below which optional columns make way

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
                 selectable: Callable[[Any], bool] | None = None, fit_content: bool = False,
                 empty: str = "", id: str | None = None) -> None:
        """``empty``: what the list says under its header while nothing is listed."""
        super().__init__(id=id)
        self.empty = empty
        self.columns = list(columns)
        self.fit_content = fit_content
        self._make_cells = cells
        self._selectable = selectable
        self.keys: list[Hashable] = []
        self._rows: dict[Hashable, list[Text]] = {}  # the cells of the rows drawn so far
        self._lines: dict[tuple[int, int, bool, bool], Strip] = {}
        self._wanted: list[float] | None = None  # each column's widest text, once measured
        self._fitted: dict[int, list[int]] = {}  # the columns' widths, by the list's width

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
        self._forget_widths()
        self._lines.clear()
        self.virtual_size = Size(0, len(self.keys) + 1)  # a line for the header
        self.refresh()

    def redraw_row(self, key: Hashable) -> None:
        """Make the row of ``key`` again and draw its line alone: a key press that changes one
        row shows within a frame.

        In a list that fits its content, every line is drawn again if the row's new cells need
        other widths. A row that needs less room than it had (a tick takes away the only
        "overdue") leaves the widths as they are while every text stays whole: drawing every
        line again to take back a few blank cells would cost a frame. The list is laid out
        afresh when it is next shown or resized.
        """
        before = self.column_widths() if self.fit_content else None
        self._rows.pop(key, None)
        if self.fit_content:
            self._forget_widths()
            after = self.column_widths()
            if after != before:
                if not self._holds_all(before, after):
                    self._lines.clear()
                    self.refresh()
                    return
                self._fitted[self.scrollable_content_region.width] = before
        row = self.keys.index(key)
        self._lines = {place: line for place, line in self._lines.items() if place[0] != row}
        self.refresh_line(row + 1)  # below the header

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

    def notify_style_update(self) -> None:
        """The theme or the focus changed the list's styles: draw its lines again in them."""
        super().notify_style_update()
        self._lines.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._lines.clear()
        self._scroll_to_cursor()

    # -- drawing ---------------------------------------------------------------------------

    def column_widths(self, width: int | None = None) -> list[int]:
        """Each column's text width when the list is ``width`` cells wide (as wide as it is
        now, if not given); 0 for a column left out."""
        if width is None:
            width = self.scrollable_content_region.width
        widths = self._fitted.get(width)
        if widths is None:
            widths = self._fitted[width] = self._fit(width)
        return widths

    def _fit(self, width: int) -> list[int]:
        wanted = self._wanted_widths()
        shown = list(range(len(self.columns)))
        while True:
            shared = [index for index in shown if self.columns[index].share]
            rigid = sum(wanted[index] for index in shown if index not in shared)
            room = width - rigid - 2 * PADDING * len(shown)
            optional = [index for index in shown if self.columns[index].optional]
            needed = sum(wanted[index] for index in shared)
            if room >= min(self.MIN_SHARED, needed) or not optional:
                break
            shown.remove(optional[-1])
        widths = [0] * len(self.columns)
        for index in shown:
            if index not in shared:
                widths[index] = int(wanted[index])
        for index, given in share_out(room, [(index, self.columns[index].share, wanted[index])
                                             for index in shared]).items():
            widths[index] = given
        return widths

    def _wanted_widths(self) -> list[float]:
        """The cells each column would take to show all its text (a shared column in a list
        that does not fit its content: all it can get)."""
        if self._wanted is None:
            rows = [self.cells(key) for key in self.keys] if self.fit_content else []
            self._wanted = [
                column.width or (
                    math.inf if column.share and not self.fit_content
                    else max([cell_len(column.label), *(row[index].cell_len for row in rows)]))
                for index, column in enumerate(self.columns)
            ]
        return self._wanted

    def _holds_all(self, kept: list[int], fresh: list[int]) -> bool:
        """Whether the ``kept`` widths show every text whole, and every column that the
        ``fresh`` ones would."""
        return all(width >= wanted if width else not shown
                   for width, wanted, shown in zip(kept, self._wanted_widths(), fresh, strict=True))

    def _forget_widths(self) -> None:
        self._wanted = None
        self._fitted.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._line([Text(column.label) for column in self.columns], width,
                              self.get_component_rich_style("row-list--header"))
        row = int(self.scroll_y) + y - 1
        if not self.keys and row == 0 and self.empty:
            return self._line([Text(self.empty, style="dim italic"), *(
                Text() for _ in self.columns[1:])], width, self.rich_style)
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
        shown = [(cell, cell_width) for cell, cell_width
                 in zip(cells, self.column_widths(width), strict=True) if cell_width]
        index = 0
        while index < len(shown):
            cell, cell_width = shown[index]
            index += 1
            # Text too long for its column runs on into the empty cells to its right.
            while (cell.cell_len > cell_width and index < len(shown)
                   and not shown[index][0].plain):
                cell_width += shown[index][1] + 2 * PADDING
                index += 1
            text = cell.copy()
            text.truncate(cell_width, overflow="ellipsis")
            # Text.render leaves out the text's own style (Rich's own rendering joins it in as
            # a span): put it under the spans. The space that fills the column is unstyled.
            segments += [edge, *Segment.apply_style(text.render(console),
                                                     console.get_style(text.style)),
                         Segment(" " * (cell_width - text.cell_len)), edge]
        over = self.get_component_rich_style("row-list--cursor") if cursor else None
        line = Strip(Segment.apply_style(segments, style, over))
        return line.adjust_cell_length(width, style)


def share_out(room: int, shared: list[tuple[int, int, float]]) -> dict[int, int]:
    """Split ``room`` between the ``(index, share, wanted)`` columns by share, none wider than
    it wants: a column that wants less than its share gets just that, and the others split
    what it leaves. What rounding leaves goes to the first of those that want more."""
    given: dict[int, int] = {}
    left = list(shared)
    while left:
        shares = sum(share for _, share, _ in left)
        content = {index: int(wanted) for index, share, wanted in left
                   if wanted * shares <= room * share}
        if not content:
            break
        given |= content
        room -= sum(content.values())
        left = [column for column in left if column[0] not in content]
    shares = sum(share for _, share, _ in left) or 1
    for index, share, _ in left:
        given[index] = max(1, room * share // shares)
    spare = room - sum(given[index] for index, _, _ in left)
    for index, _, wanted in left:
        extra = max(0, min(spare, wanted - given[index]))
        given[index] += int(extra)
        spare -= extra
    return given
