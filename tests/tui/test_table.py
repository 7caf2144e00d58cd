"""The Table draws a cell that is one line of text itself: the very segments DataTable draws."""

from __future__ import annotations

import random

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from tui.widgets.table import Table

PIECES = ["Acme", "漢字", "👋", "e\u0301", "[bold]x", " ", "—", "a" * 30, "done ✓", "2026-03-15"]
STYLES = ["", "bold", "italic dim", "#ff0000 on #0000ff", "reverse", "underline red"]
OVERFLOWS = [None, "fold", "crop", "ellipsis"]
# Cells Table leaves to DataTable: more than one line, tabs, another justification, markup
# strings, empty text, text that overflows rather than being cut, text that would wrap.
LEFT_TO_DATATABLE = [Text("two\nlines"), Text("a\ttab"), Text("right", justify="right"),
                     Text("centre", justify="center"), "[b]markup", Text(""), 12.5,
                     Text("ignored" * 5, overflow="ignore"), Text("wraps " * 5, no_wrap=False)]


def random_text(rng: random.Random) -> Text:
    text = Text(style=rng.choice(STYLES), overflow=rng.choice(OVERFLOWS),
                no_wrap=rng.choice([None, True, False]))
    for _ in range(rng.randint(1, 4)):
        text.append(rng.choice(PIECES), style=rng.choice(STYLES))
    return text


class TableApp(App[None]):
    def __init__(self, rows: list[list[object]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Table(zebra_stripes=True, fixed_columns=1)

    def on_mount(self) -> None:
        table = self.query_one(Table)
        table.add_column("Fixed", width=8)
        table.add_column("Narrow", width=5)
        table.add_column("Auto")
        table.add_column("One", width=1)
        for number, row in enumerate(self.rows):
            table.add_row(*row, height=2 if number == 3 else 1)  # one row two lines high


def comparable(lines: list[list[Segment]]) -> list[list[tuple]]:
    """The segments with their styles' mouse metadata apart: Rich gives each style made
    with metadata an identity of its own, so two equal renders are never equal as Styles."""
    return [[(text, style.clear_meta_and_links() if style else style,
              style.meta if style else None, control) for text, style, control in line]
            for line in lines]


async def test_table_draws_every_cell_as_datatable_does() -> None:
    rng = random.Random(20260315)
    rows = [[random_text(rng) for _ in range(4)] for _ in range(60)]
    rows += [[cell, cell, cell, cell] for cell in LEFT_TO_DATATABLE]
    app = TableApp(rows)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(Table)
        drawn_by_table = 0
        for row_index in range(table.row_count):
            for column_index, column in enumerate(table.ordered_columns):
                width = column.get_render_width(table)
                cell = table.get_cell_at((row_index, column_index))
                inner = width - 2 * table.cell_padding
                if table.rows[table._row_locations.get_key(row_index)].height == 1:
                    drawn_by_table += table._is_one_line(cell, inner)
                for base in (Style(), Style(bgcolor="grey15"), Style(bold=True)):
                    for cursor, hover in ((False, False), (True, False), (False, True)):
                        table._cell_render_cache.clear()
                        ours = table._render_cell(row_index, column_index, base, width,
                                                  cursor, hover)
                        table._cell_render_cache.clear()
                        theirs = DataTable._render_cell(table, row_index, column_index, base,
                                                        width, cursor, hover)
                        assert comparable(ours) == comparable(theirs), (row_index, column_index)
        # Most random cells (two thirds do not wrap) are drawn by Table; none of those left to
        # DataTable are.
        assert drawn_by_table > 60 * 4 // 2
        for cell in LEFT_TO_DATATABLE:
            assert not table._is_one_line(cell, 10)


async def test_a_cursor_moved_redraws_from_the_cache() -> None:
    app = TableApp([[Text(f"row {n}"), Text("b"), Text("c"), Text("d")] for n in range(5)])
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(Table)
        table.cursor_type = "row"
        await pilot.press("down")
        await pilot.pause()
        lines = table._render_cell(1, 0, Style(), 8, cursor=True)
        assert table._render_cell(1, 0, Style(), 8, cursor=True) is lines
        assert "".join(segment.text for segment in lines[0]) == " row 1  "
