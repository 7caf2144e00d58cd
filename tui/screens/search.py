"""Search everything written about the clients, archived ones too (see
`storage.views.search`), opened with `/` on the list of clients: a line for each place a word
was found, with where it is and the text there, each word in bold."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Static
from textual.worker import get_current_worker

from storage.views.search import Hit, Reason, query_words
from storage.words import counted
from tui.text import literal, one_line
from tui.widgets.footer import Footer
from tui.widgets.row_list import Column, RowList

COLUMNS = [Column("Found in", share=2), Column("What it says", share=3)]
PROMPT = ("Type the words to find. Every client is searched, archived ones too: names, people, "
          "emails, notes, contact notes, exit interview answers, handover items, the forward "
          "queue and more. A client is found when it holds every word.")

# A line of the list: the id of the client found, and the place of the words in their hit
# (None on the line that names the client, above those places).
Line = tuple[int | None, int | None]


class SearchScreen(Screen):
    """The words typed at the top, the places they were found below; each search runs in a
    worker thread, so that typing never waits for a large book."""

    CSS_PATH = "search.tcss"
    HELP_TITLE = "Search"
    BINDINGS = [
        Binding("enter", "open_client", "Open", id="search.open", priority=True,
                tooltip="Open the overview of the client found"),
        Binding("escape", "back", "Back", id="search.back", tooltip="Back to the clients"),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
    ]
    AUTO_FOCUS = "#search"

    class Searched(Message):
        """What a search found (in the worker's thread), for the words it searched."""

        def __init__(self, query: str, hits: list[Hit]) -> None:
            super().__init__()
            self.query = query
            self.hits = hits

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[Line, tuple[Hit, Reason | None]] = {}  # each line's client, place
        self.shown_for: str | None = None  # the words the list shows the hits of
        self._open_when_found = False  # enter came before the hits of the words typed
        self.sub_title = "Search"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search every client, archived ones too…", id="search")
        yield RowList(COLUMNS, self._row, selectable=lambda line: line[1] is not None,
                      id="found")
        yield Static(PROMPT, id="found-nothing", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    @property
    def typed(self) -> str:
        """The words typed now, which the list must show the hits of."""
        return self.query_one("#search", Input).value

    @on(Input.Changed, "#search")
    def reload(self) -> None:
        """Search again for the words typed: they changed, or a change may have made what
        they find another (back from a client, an undo)."""
        self._search(self.typed)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        """Search in a thread of its own; the next words typed cancel it (exclusive), and then
        what it found is not shown."""
        hits = self.app.changes.search(query)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Searched(query, hits))

    def on_search_screen_searched(self, message: Searched) -> None:
        if message.query != self.typed:
            return  # typed on since: the search for what is typed now is coming
        found_list = self.query_one("#found", RowList)
        again = message.query == self.shown_for  # the same words: the cursor stays on its line
        self.shown_for = message.query
        self.found = {}
        for hit in message.hits:
            self.found[hit.client_id, None] = (hit, None)
            self.found.update(((hit.client_id, place), (hit, reason))
                              for place, reason in enumerate(hit.reasons))
        found_list.show(list(self.found), keep=found_list.current_key if again else None)
        if not again:
            found_list.move_cursor(0)
        found_list.display = bool(self.found)
        nothing = self.query_one("#found-nothing", Static)
        nothing.display = not self.found
        words = query_words(message.query)
        nothing.update(Text.assemble("No client, archived ones included, holds every word of “",
                                     literal(message.query.strip()), "”.") if words else PROMPT)
        self.sub_title = (f"Search: {counted(len(message.hits), 'client')} found" if words
                          else "Search")
        if self._open_when_found:
            self._open_when_found = False
            self.action_open_client()

    def _row(self, line: Line) -> list[Text]:
        hit, reason = self.found[line]
        style = "dim italic" if hit.archived else ""
        if reason is None:
            name = literal(hit.name, f"bold {style}".rstrip())
            if hit.archived:
                name.append(" (archived)")
            return [name, Text("")]  # the name runs on into the empty cell
        where = one_line(reason.where, style or "dim")
        where.pad_left(2)  # under the client's name
        return [where, _marked(reason, style)]

    def action_open_client(self) -> None:
        """Open the overview of the client under the cursor, as enter does on the clients;
        pressed before the hits of the words typed are in, once they are."""
        if self.typed != self.shown_for:
            self._open_when_found = True
            return
        line = self.query_one("#found", RowList).current_key
        if line is None:
            return
        self.app.open_overview(line[0])

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_cursor_down(self) -> None:
        self.query_one("#found", RowList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#found", RowList).action_cursor_up()


def _marked(reason: Reason, style: str) -> Text:
    """The text found, literally, the words of the query in it in bold."""
    text = Text(style=style)
    shown = 0
    for start, end in reason.marks:
        text.append_text(literal(reason.text[shown:start]))
        text.append_text(literal(reason.text[start:end], "bold"))
        shown = end
    text.append_text(literal(reason.text[shown:]))
    return text
