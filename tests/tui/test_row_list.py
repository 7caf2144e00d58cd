"""The long lists: columns that fit, a cursor that scrolls and passes over headers, rows made
as they show."""

from __future__ import annotations

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

    def cells(self, client_id: int) -> list[Text]:
        self.made.append(client_id)
        return [Text(f"[b]Client {client_id}"), Text("2 Work"), Text("2026-03-15"),
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
