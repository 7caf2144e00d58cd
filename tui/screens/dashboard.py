"""Every client at a glance: progress through the five steps, notice, follow-ups."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from storage.changes import clients
from storage.clock import today
from storage.rules.steps import Step, stage_words
from storage.views.summary import (
    LOST_TOUCH_MONTHS,
    ClientListing,
    ClientSummary,
    ListOrder,
    out_of_touch_since,
)
from tui.text import literal
from tui.theme import freshness_style, theme_style
from tui.type_ahead import asks
from tui.widgets.footer import Footer
from tui.widgets.progress_segments import progress_strip
from tui.widgets.read_only_banner import ReadOnlyBanner
from tui.widgets.row_list import Column, RowList

if TYPE_CHECKING:
    from storage.records.client import Client

COLUMNS = [Column("Client", share=4), Column("Steps 1-5", width=14), Column("Stage", width=11),
           Column("Notice ends", width=11, optional=True), Column("Next follow-up", share=5),
           Column("Last contact", width=12, optional=True)]
NEEDS_A_CLIENT = {"open_client", "edit_client", "filter", "toggle_archived", "archive_client",
                  "unarchive_client", "delete_client", "open_step", "sort", "lost_touch",
                  "timeline", "search"}

WELCOME = (
    "Welcome to Sendoff.\n\n"
    "Saying goodbye to a client well takes five steps: know where you stand, finish the work, "
    "hand everything over, hold an exit interview, and stay in touch for years.\n\n"
    "Press n to add the client you are saying goodbye to.\n"
    "To look around first, quit (q) and run:  sendoff demo"
)


def _date(value) -> Text:
    return Text(value.isoformat() if value else "—", style="" if value else "dim")


class DashboardScreen(Screen):
    """The list of clients. Enter opens the selected client's overview."""

    HELP_TITLE = "The clients"
    BINDINGS = [
        Binding("n", "new_client", "New", id="dashboard.new", tooltip="Add a client"),
        Binding("enter", "open_client", "Open", id="dashboard.open",
                tooltip="Open the client: people, engagements, referrals, timeline"),
        Binding("e", "edit_client", "Edit", id="dashboard.edit", tooltip="Edit the client's details"),
        Binding("slash", "search", "Search", id="dashboard.search",
                tooltip="Search everything about every client, archived ones too"),
        Binding("f", "filter", "Filter", id="dashboard.filter", tooltip="Filter clients as you type"),
        Binding("h", "toggle_archived", "Archived", id="dashboard.archived",
                tooltip="Show or hide archived clients"),
        Binding("s", "sort", "Sort", id="dashboard.sort",
                tooltip="List by name, last contact, next follow-up or staleness, in turn"),
        Binding("l", "lost_touch", "Lost touch", id="dashboard.lost_touch",
                tooltip=f"Only the clients you lost touch with: no contact in "
                        f"{LOST_TOUCH_MONTHS} months, or no follow-up coming"),
        Binding("x", "archive_client", "Archive", id="dashboard.archive",
                tooltip="Hide the client and pause their follow-ups"),
        Binding("x", "unarchive_client", "Unarchive", id="dashboard.unarchive",
                tooltip="List the client again and resume their follow-ups"),
        Binding("d", "delete_client", "Delete", id="dashboard.delete", tooltip="Delete the client"),
        Binding("g", "agenda", "Agenda", id="dashboard.agenda", tooltip="What is due across all clients"),
        Binding("t", "timeline", "Timeline", id="dashboard.timeline",
                tooltip="Everything dated with the client, newest first"),
        Binding("o", "outcomes", "Outcomes", id="dashboard.outcomes", tooltip="What the goodbyes led to: testimonials, referrals, re-hires"),
        Binding("escape", "clear_filter", "Clear filter", id="dashboard.clear_filter",
                tooltip="Show every client again"),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("1", "open_step(1)", show=False),
        Binding("2", "open_step(2)", show=False),
        Binding("3", "open_step(3)", show=False),
        Binding("4", "open_step(4)", show=False),
        Binding("5", "open_step(5)", show=False),
    ]

    AUTO_FOCUS = "#clients"

    class Ready(Message):
        """The clients are on screen and keys are answered (start-up benchmarks wait for it)."""

    def __init__(self) -> None:
        super().__init__()
        self.show_archived = False
        self.order = ListOrder.NAME
        self.lost_touch_only = False
        self._empty = False  # as the Footer is first drawn: every key available
        self._listing: ClientListing | None = None  # where the rows listed now are read
        self._day = today()
        self.sub_title = "Clients"

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReadOnlyBanner()
        yield Input(placeholder="Filter clients (name, contact, industry)…", id="filter")
        yield RowList(COLUMNS, self._row, id="clients")
        yield Static(WELCOME, id="welcome", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.call_after_refresh(self.post_message, self.Ready())
        self.app.theme_changed_signal.subscribe(self, lambda _: self.reload())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter" and not (self.is_mounted
                                             and self.query_one("#filter", Input).value):
            return False  # offered only while a filter is typed
        if action in NEEDS_A_CLIENT and self._empty:
            return None  # shown greyed out until there is a client
        if action in ("archive_client", "unarchive_client"):  # the one that fits the client
            return (action == "unarchive_client") == self._current_is_archived()
        return True

    def _current_is_archived(self) -> bool:
        """Whether the client under the cursor is archived (read from their dashboard row)."""
        client_id = self.clients.current_key if self._listing is not None else None
        return client_id is not None and self._listing.summary(client_id, self._day).archived

    @property
    def clients(self) -> RowList:
        return self.query_one("#clients", RowList)

    def reload(self, *, cursor_on: int | None = None) -> None:
        """Show the clients that match the filter, reading the file's current state (a row is
        read when it comes on screen); the cursor stays where it was, or goes to client
        ``cursor_on`` if listed."""
        text = self.query_one("#filter", Input).value
        listing = self._listing = self.app.listing
        self._day = today()
        since = out_of_touch_since(self._day) if self.lost_touch_only else None
        ids = listing.client_ids(include_archived=self.show_archived, matching=text,
                                 order=self.order, out_of_touch_since=since)
        self.clients.show(ids, keep=self.clients.current_key if cursor_on is None else cursor_on)
        empty = self._empty = listing.is_empty()
        self.refresh_bindings()  # keys that need a client greyed out or back; x (un)archives
        self.query_one("#welcome").display = empty
        self.clients.display = not empty
        self.query_one("#filter").display = not empty
        archived = " (with archived)" if self.show_archived else ""
        lost = ", lost touch" if self.lost_touch_only else ""
        order = f", by {self.order}" if self.order is not ListOrder.NAME else ""
        self.sub_title = f"Clients{archived}: {len(ids)} shown{lost}{order}"

    def _row(self, client_id: int) -> list[Text]:
        return self._cells(self._listing.summary(client_id, self._day))

    def _cells(self, summary: ClientSummary) -> list[Text]:
        cells = self._active_cells(summary)
        if not summary.archived:
            return cells
        cells[4] = Text("archived · paused")  # its follow-ups
        return [Text.assemble(cell, style="dim italic") for cell in cells]

    def _active_cells(self, summary: ClientSummary) -> list[Text]:
        name = literal(summary.name)
        words = stage_words(summary.stage)
        stage = Text(words, style=theme_style(self.app, "success") if summary.stage in (
            None, Step.KEEP_IN_TOUCH) else "")
        follow = summary.next_follow_up
        if follow is None:
            next_cell = Text("—", style="dim")
        else:
            next_cell = Text(follow.on.isoformat(), style=freshness_style(self.app, follow.state))
            next_cell.append(" ")
            next_cell.append_text(literal(follow.label, "dim"))
        return [name, progress_strip(self.app, summary.steps), stage, _date(summary.notice_end),
                next_cell, _date(summary.last_contact)]

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.reload()
        self.refresh_bindings()  # escape clears a filter typed

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        """Enter on the filter opens the one client it leaves, else goes to the list."""
        self.clients.focus()
        if len(self.clients.keys) == 1:
            self.action_open_client()

    def action_clear_filter(self) -> None:
        """Escape, in the filter or on the list, shows every client again."""
        self.query_one("#filter", Input).value = ""
        self.clients.focus()

    @on(RowList.Moved, "#clients")
    def _moved(self) -> None:
        self.refresh_bindings()  # "x Archive" or "x Unarchive"

    @on(RowList.Selected, "#clients")
    def _row_selected(self) -> None:
        self.action_open_client()

    def action_agenda(self) -> None:
        from tui.screens.agenda import AgendaScreen  # imported when first needed: faster start

        self.app.push_screen(AgendaScreen())

    def action_timeline(self) -> None:
        from tui.screens.timeline import TimelineScreen  # imported when first needed

        client_id = self.clients.current_key
        if client_id is not None:
            self.app.push_screen(TimelineScreen(client_id))

    def action_outcomes(self) -> None:
        from tui.screens.outcome import OutcomeScreen  # imported when first needed

        self.app.push_screen(OutcomeScreen())

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen  # imported when first needed

        self.app.push_screen(SearchScreen())

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_cursor_down(self) -> None:
        self.clients.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.clients.action_cursor_up()

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.reload()

    def action_sort(self) -> None:
        """List by the next order: name, last contact, next follow-up, staleness, name..."""
        self.order = self.order.following()
        self.reload()

    def action_lost_touch(self) -> None:
        """Only the clients out of touch (see `storage.views.summary.lost_touch`), or all."""
        self.lost_touch_only = not self.lost_touch_only
        self.reload()

    def action_open_client(self) -> None:
        client_id = self.clients.current_key
        if client_id is not None:
            self.app.open_overview(client_id)

    def action_open_step(self, number: int) -> None:
        client_id = self.clients.current_key
        if client_id is not None:
            self.app.open_step(client_id, Step(number))

    def _current_client(self) -> Client | None:
        """The client under the cursor, read from the data file (waiting for it to be open)."""
        client_id = self.clients.current_key
        return None if client_id is None else self.app.changes.client(client_id)

    @asks
    async def action_new_client(self) -> None:
        from tui.dialogs.client_form import client_form  # imported when first needed

        client = await self.app.ask(client_form(clash=self.app.changes.name_clash,
                                                  referrer=self.app.changes.client_named))
        added = None if client is None else self.app.changes.add_client(client)
        if added is None:
            return
        self.query_one("#filter", Input).value = ""
        self.reload()
        self.clients.move_to(added.id)
        self.clients.focus()
        self.notify(f"Added {added.name}. Press enter to start with step 1.", markup=False)

    @asks
    async def action_edit_client(self) -> None:
        from tui.dialogs.client_form import client_form

        client = self._current_client()
        if client is None:
            return
        edited = await self.app.ask(client_form(client, clash=self.app.changes.name_clash,
                                                 referrer=self.app.changes.client_named))
        if edited is not None and self.app.changes.apply(edited.id, clients.set_details,
                                                         edited) is not None:
            self.reload()

    def action_unarchive_client(self) -> None:
        self.action_archive_client()

    def action_archive_client(self) -> None:
        client_id = self.clients.current_key
        saved = None if client_id is None else self.app.changes.apply(client_id, clients.archive)
        if saved is not None:
            self.reload()
            verb = "Archived" if saved.archived else "Unarchived"
            self.notify(f"{verb} {saved.name}.", markup=False)

    @asks
    async def action_delete_client(self) -> None:
        from tui.dialogs.confirm import ConfirmDialog

        client = self._current_client()
        if client is None:
            return
        sure = await self.app.ask(ConfirmDialog(
            f"Delete {client.name} and everything recorded about them?",
            "Press u right after to undo. To keep them out of sight instead, archive them (x).",
        ))
        if not sure or not self.app.changes.delete_client(client.id):
            return
        self.reload()
        self.notify(f"Deleted {client.name}. Press u to undo.", markup=False)
