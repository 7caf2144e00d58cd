"""A client's timeline: everything dated in the relationship, newest first (see
`storage.views.timeline`), opened with `t` on the list of clients."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from storage.views.timeline import Moment, timeline
from tui.text import literal, one_line
from tui.widgets.footer import Footer
from tui.widgets.row_list import Column, RowList

COLUMNS = [Column("Date", width=10), Column("What", width=11), Column("", share=1)]
EMPTY = ("Nothing dated yet: the timeline fills as you mark work done, hand things over, hold "
         "the exit interview and log contacts.")


def moment_cells(moment: Moment) -> list:
    """A moment's row: its day, its kind and what happened."""
    return [literal(moment.on.isoformat()), literal(moment.kind, "dim"), one_line(moment.text)]


class TimelineScreen(Screen):
    """One client's moments, newest first, read from the data file when it opens."""

    CSS_PATH = "timeline.tcss"
    HELP_TITLE = "A client's timeline"
    BINDINGS = [
        Binding("escape", "back", "Back", id="timeline.back", tooltip="Back to the clients"),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id
        self.moments: list[Moment] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="timeline-title")
        yield RowList(COLUMNS, self._row, id="timeline")
        yield Static(EMPTY, id="timeline-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        client = self.app.changes.client(self.client_id)
        self.moments = [] if client is None else timeline(client)
        name = client.name if client is not None else ""
        self.sub_title = f"Timeline: {len(self.moments)} dated"
        self.query_one("#timeline-title", Static).update(literal(name, "bold"))
        moments = self.query_one("#timeline", RowList)
        moments.show(list(range(len(self.moments))))
        moments.display = bool(self.moments)
        self.query_one("#timeline-empty").display = not self.moments
        moments.focus()

    def _row(self, index: int) -> list:
        return moment_cells(self.moments[index])

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_cursor_down(self) -> None:
        self.query_one("#timeline", RowList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#timeline", RowList).action_cursor_up()
