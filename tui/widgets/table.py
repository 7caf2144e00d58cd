"""Textual's DataTable, drawing cells that are one line of text without Rich's layout engine."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual._types import SegmentLines
from textual.widgets import DataTable

_JOIN = Text("\n")
_CROPPED = {None, "fold", "crop", "ellipsis"}  # overflows that cut a line at the column's edge


class Table(DataTable):
    """DataTable draws each cell through Rich's general layout: the cell is wrapped, padded,
    styled and cropped by three nested renders: 24 ms for 150 cells, 14 ms this way.

    A cell that is one line of text in a row one line high needs none of that: its segments
    are the text's own, cut or padded to the column, between the cell's padding, over the
    row's style and under the cursor's. Those are drawn here; anything else, and the header,
    as DataTable draws it. tests/tui/test_table.py checks that both draw the same segments.
    """

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> SegmentLines:
        if row_index < 0 or column_index < 0:  # the header or a row label
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        key = (row_key, self._column_locations.get_key(column_index), base_style, cursor, hover,
               self._show_hover_cursor, self._update_count, self._pseudo_class_state)
        lines = self._cell_render_cache.get(key)
        if lines is None:
            cell = self._get_row_renderables(row_index).cells[column_index]
            inner = width - 2 * self.cell_padding
            if self.rows[row_key].height == 1 and self._is_one_line(cell, inner):
                lines = self._one_line(cell, row_index, column_index, base_style, inner,
                                       cursor, hover)
                self._cell_render_cache[key] = lines
            else:
                lines = super()._render_cell(row_index, column_index, base_style, width, cursor,
                                             hover)
        return lines

    def _is_one_line(self, cell: object, inner: int) -> bool:
        """Whether ``cell`` is drawn, as Rich would draw it, as its own segments in one line."""
        if not isinstance(cell, Text) or inner < 1 or not cell.plain:
            return False
        options = self.app.console_options
        return (cell.no_wrap is not False  # the row's one line would hold the first of several
                and (cell.justify or options.justify) in (None, "default")
                and (cell.overflow or options.overflow) in _CROPPED
                and "\n" not in cell.plain and "\t" not in cell.plain)

    def _one_line(self, cell: Text, row_index: int, column_index: int, base_style: Style,
                  inner: int, cursor: bool, hover: bool) -> SegmentLines:
        # The same steps as Rich's: DataTable's styles (_render_cell), Text.wrap's truncate,
        # Segment.adjust_line_length's padding, rich.padding.Padding, textual's Styled.
        base_style += Style.from_meta({"row": row_index, "column": column_index})
        fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
        component_style, post_style = self._get_styles_to_render_cell(
            False, False, fixed, hover, cursor, self.show_cursor, self._show_hover_cursor,
            self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
        if cell.cell_len > inner:
            cell = cell.copy()
            cell.truncate(inner, overflow=cell.overflow or self.app.console_options.overflow)
        null = Style.null()  # the style of Padding's and Segment.adjust_line_length's spaces
        edge = [Segment(" " * self.cell_padding, null)] if self.cell_padding else []
        gap = inner - cell.cell_len
        text = _JOIN.join([cell])  # as Text.__rich_console__: the cell's own style becomes a span
        line = [*edge, *text.render(self.app.console), *([Segment(" " * gap, null)] if gap else []),
                *edge]
        under = base_style + component_style
        return [[Segment(text, (under + style) + post_style) for text, style, _ in line]]
