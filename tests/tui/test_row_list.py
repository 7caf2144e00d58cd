"""The long lists: columns that fit, a cursor that scrolls and passes over headers, rows made
as they show."""

from __future__ import annotations

from contextlib import asynccontextmanager

from rich.text import Text
from textual.app import App, ComposeResult

from tui.widgets.row_list import Column, RowList

COLUMNS = [Column("Name", share=1), Column("Stage", width=8),
           Column("Since", width=10, optional=True), Column("Note", share=1)]


class ListApp(App[None]):
    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.made: list[int] = []
        self.selected: list[int] = []
        self.renamed: dict[int, str] = {}

    def cells(self, client_id: int) -> list[Text]:
        self.made.append(client_id)
        return [Text(self.renamed.get(client_id, f"[b]Client {client_id}")), Text("2 Work"),
                Text("2026-03-15"),
                Text(f"a note long enough to be cut short for client {client_id}")]

    def compose(self) -> ComposeResult:
        yield RowList(COLUMNS, self.cells, selectable=lambda key: key % 10 != 0)

    def on_mount(self) -> None:
        self.query_one(RowList).show(list(range(1, self.count + 1)))

    def on_row_list_selected(self, message: RowList.Selected) -> None:
        self.selected.append(message.key)


def lines(app: ListApp) -> list[str]:
    """The list's lines as it draws them now."""
    clients = app.query_one(RowList)
    return [clients.render_line(y).text for y in range(clients.scrollable_content_region.height)]


async def test_rows_are_made_as_they_come_on_screen_and_the_cursor_scrolls():
    app = ListApp(1000)
    async with app.run_test(size=(70, 12)) as pilot:
        clients = app.query_one(RowList)
        await pilot.pause()
        assert len(app.made) <= 11, "only the rows on screen"
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert clients.current_key == 23  # two pages of eleven rows below the first
        assert any("Client 23" in line for line in lines(app))
        await pilot.press("end")
        await pilot.pause()
        assert clients.current_key == 999, "1000 is a header, which the cursor passes over"
        assert any("Client 1000" in line for line in lines(app))
        await pilot.press("home", "down")
        assert clients.current_key == 2
        clients.move_to(9)
        await pilot.press("down")
        assert clients.current_key == 11
        await pilot.press("up")
        assert clients.current_key == 9
        assert len(set(app.made)) < 40


async def test_columns_fit_the_width_and_text_is_shown_literally():
    app = ListApp(3)
    async with app.run_test(size=(70, 8)) as pilot:
        await pilot.pause()
        shown = lines(app)
        assert shown[0].split() == ["Name", "Stage", "Since", "Note"]
        assert "[b]Client 1" in shown[1] and "…" in shown[1]  # the note is cut short
        assert len({len(line) for line in shown}) == 1, "every line as wide as the list"
        await pilot.resize_terminal(40, 8)
        await pilot.pause()
        shown = lines(app)
        assert shown[0].split() == ["Name", "Stage", "Note"], "the optional column made way"
        assert "Client 1" in shown[1]


async def test_a_click_moves_the_cursor_and_a_second_click_selects():
    app = ListApp(5)
    async with app.run_test(size=(70, 8)) as pilot:
        clients = app.query_one(RowList)
        await pilot.click(RowList, offset=(2, 3))  # the third client (the header is line 0)
        assert clients.current_key == 3 and app.selected == []
        await pilot.click(RowList, offset=(2, 3))
        await pilot.pause()
        assert app.selected == [3]


async def test_show_keeps_the_cursor_on_the_same_client_or_at_its_place():
    app = ListApp(10)
    async with app.run_test(size=(70, 12)) as pilot:
        clients = app.query_one(RowList)
        clients.move_to(6)
        clients.show([1, 2, 6, 9], keep=6)
        assert clients.current_key == 6
        clients.show([1, 2, 9], keep=6)  # no longer listed: the same place, kept in the list
        assert clients.cursor == 2
        clients.show([], keep=9)
        assert clients.current_key is None
        await pilot.pause()


async def test_redraw_row_makes_that_row_alone_again():
    app = ListApp(5)
    async with app.run_test(size=(70, 8)) as pilot:
        clients = app.query_one(RowList)
        await pilot.pause()
        app.made.clear()
        app.renamed[3] = "Renamed 3"
        clients.redraw_row(3)
        await pilot.pause()
        assert app.made == [3], "the other rows are not made again"
        shown = lines(app)
        assert "Renamed 3" in shown[3]
        assert "Client 2" in shown[2] and "Client 4" in shown[4]


class DrawnList(RowList):
    """A RowList that notes which of its lines Textual asks it to draw."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.drawn: list[int] = []

    def render_line(self, y: int):
        self.drawn.append(y)
        return super().render_line(y)


class FitApp(App[None]):
    """A short list whose columns fit their content."""

    def __init__(self, rows: dict[str, list[Text | str]], columns: list[Column]) -> None:
        super().__init__()
        self.rows = rows
        self.columns = columns

    def compose(self) -> ComposeResult:
        yield DrawnList(self.columns, lambda key: [Text(cell) if isinstance(cell, str) else cell
                                                   for cell in self.rows[key]], fit_content=True)

    def on_mount(self) -> None:
        self.query_one(RowList).show(list(self.rows))


FIT_COLUMNS = [Column(""), Column("What", share=3), Column("Kind", optional=True),
               Column("Where", share=2), Column("Until", share=2)]


@asynccontextmanager
async def fit_list(rows: dict[str, list[Text | str]], size: tuple[int, int]):
    """The app with a list of ``rows`` in FIT_COLUMNS, drawn: (app, pilot, list)."""
    app = FitApp(rows, FIT_COLUMNS)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app, pilot, app.query_one(DrawnList)


async def test_columns_fit_their_content_and_the_widest_gives_way_first():
    rows = {"a": ["☐", "Site map", "document", "Drive", ""],
            "b": ["☑", "Source code", "source code", "GitHub acme/site", "May"]}
    async with fit_list(rows, (70, 8)) as (app, pilot, clients):
        assert clients.column_widths() == [1, 11, 11, 16, 5], "each as wide as its widest text"
        assert not any("…" in line for line in lines(app))

        rows["b"][3] = "GitHub acme/site, branch main, tag v2 " * 3  # far too long
        clients.redraw_row("b")
        await pilot.pause()
        widths = clients.column_widths()
        assert widths[:3] == [1, 11, 11] and widths[4] == 5, "the short ones keep their width"
        assert sum(widths) + 2 * len(widths) == clients.scrollable_content_region.width
        assert lines(app)[2].rstrip().endswith("…  May"), "cut where the room runs out"

        await pilot.resize_terminal(40, 8)
        await pilot.pause()
        assert clients.column_widths()[2] == 0, "the optional column made way"
        assert lines(app)[0].split() == ["What", "Where", "Until"]


async def test_a_row_that_needs_less_room_is_drawn_alone_while_every_text_stays_whole():
    rows = {"a": ["☐", "Site map", "document", "Drive", ""],
            "b": ["☑", "Source code", "source code", "GitHub acme/site", "May, once paid"]}
    async with fit_list(rows, (70, 8)) as (app, pilot, clients):
        before = clients.column_widths()
        clients.drawn = []
        rows["b"][4] = ""
        clients.redraw_row("b")
        await pilot.pause()
        assert clients.drawn == [2], "the changed row's line alone"
        assert clients.column_widths() == before
        assert lines(app)[2].split() == ["☑", "Source", "code", "source", "code", "GitHub",
                                         "acme/site"]

        await pilot.resize_terminal(71, 8)
        await pilot.pause()
        assert clients.column_widths()[4] == len("Until"), "laid out afresh"


async def test_a_row_that_needs_less_room_gives_it_to_text_cut_short():
    rows = {"a": ["☐", "Site map of every page the client keeps", "document", "Drive", ""],
            "b": ["☑", "Source code", "source code", "GitHub", "May, once the invoice is paid"]}
    async with fit_list(rows, (60, 8)) as (app, pilot, clients):
        assert "…" in lines(app)[1]
        clients.drawn = []
        rows["b"][4] = ""
        clients.redraw_row("b")
        await pilot.pause()
        assert set(clients.drawn) >= {0, 1, 2}, "every line, in the new widths"
        assert "Site map of every page the client keeps" in lines(app)[1]


async def test_a_cell_is_drawn_in_its_own_style_and_its_padding_is_not():
    rows = {"a": ["☐", "Under the cursor", "", "", ""],
            "b": [Text("☑", style="bold #00ff00"), Text("Dropped idea", style="strike"),
                  "document", "", ""]}
    async with fit_list(rows, (70, 8)) as (app, pilot, clients):
        line = list(clients.render_line(2))
        [mark] = [segment.style for segment in line if segment.text == "☑"]
        assert mark.bold and mark.color.triplet.hex == "#00ff00"
        struck = "".join(segment.text for segment in line if segment.style.strike)
        assert struck == "Dropped idea", "the text struck through, not the space after it"


async def test_text_runs_on_into_empty_cells_to_its_right_before_it_is_cut():
    """A row whose cells to the right of a long text are empty shows more of it there; a row
    with text in them is cut at its column, and columns keep their widths."""
    place = "Shared drive / Clients / Acme"
    rows = {"a": ["☐", "Site map", "document", place, ""],
            "b": ["☑", "Deployment notes", "document", place, "Once the invoice is paid"]}
    async with fit_list(rows, (60, 8)) as (app, pilot, clients):
        widths = clients.column_widths()
        assert widths[3] < len(place) <= widths[3] + 2 + widths[4], "room for it in Until"
        assert place in lines(app)[1], "run on into the empty Until"
        assert lines(app)[2].count("…") >= 1 and place not in lines(app)[2]
        assert clients.column_widths() == widths
