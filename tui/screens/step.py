"""What every step screen shares: the client's tabs, keys 1-5, back, and saving."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.screen import Screen

from storage.changes import clients
from storage.rules.steps import Step
from tui.dialogs.message import MessageDialog
from tui.type_ahead import asks
from tui.widgets.footer import Footer
from tui.widgets.read_only_banner import ReadOnlyBanner
from tui.widgets.row_list import RowList
from tui.widgets.step_tabs import StepTabs

if TYPE_CHECKING:
    from storage.records.client import Client
    from tui.changes import Change, Changed, FieldErrors


WIDGET_CSS = [Path(__file__).parents[1] / "widgets" / name
              for name in ("step_tabs.tcss", "field_row.tcss")]


class StepScreen(Screen):
    """A screen for one step of one client. Subclasses compose the body and show the client."""

    STEP: ClassVar[Step]
    HELP_TITLE = "Every step of a client"
    HELP_WIDGETS: ClassVar[tuple[type, ...]] = ()  # the widgets with keys of their own, for `?`
    BINDINGS = [
        # The Footer shows "1-5 Steps" once; the tabs above name each step beside its digit.
        Binding("1", "go_step(1)", "Steps", key_display="1-5", id="step.1",
                tooltip="Go to step 1-5 of this client"),
        Binding("2", "go_step(2)", "Step 2: finish outstanding work", show=False, id="step.2"),
        Binding("3", "go_step(3)", "Step 3: hand over documentation", show=False, id="step.3"),
        Binding("4", "go_step(4)", "Step 4: exit interview", show=False, id="step.4"),
        Binding("5", "go_step(5)", "Step 5: stay in touch", show=False, id="step.5"),
        # `e` edits the focused item of a list, so the client's own details are `E`.
        Binding("E", "edit_details", "Details", id="step.details",
                tooltip="Edit the client's details: their person, email, phone and notes"),
        Binding("W", "write_message", "Write", id="step.write",
                tooltip="Write a message from a template that fits this step: copy it, save "
                        "it, mail it, or mark it sent"),
        Binding("escape", "back", "Back", id="step.back",
                tooltip="Back to where the client was opened: the agenda or the list of clients"),
    ]

    def __init__(self, client_id: int) -> None:
        super().__init__()
        # The widgets' styles come first, as the screen's own may refine them. Loaded with the
        # first step screen: the app would parse them before its first frame.
        self.css_path = [*WIDGET_CSS, *self.css_path]
        self.client_id = client_id
        self.client: Client = self.app.changes.client(client_id)
        self.sub_title = f"{int(self.STEP)} {self.STEP.title}"

    def compose(self) -> ComposeResult:
        yield ReadOnlyBanner()
        yield StepTabs(id="tabs")
        yield from self.compose_step()
        yield Footer()

    def compose_step(self) -> ComposeResult:
        raise NotImplementedError

    def for_client(self, client_id: int) -> None:
        """Show ``client_id`` on this screen, kept from an earlier opening, as a new one would
        show them: read afresh, every list on its first row, scrolled to the top, the focus
        where it starts."""
        self.client_id = client_id
        self.set_focus(None)
        self.reload()
        for rows in self.query(RowList).results(RowList):
            rows.move_cursor(0)
        for scrolled in self.query(ScrollableContainer).results(ScrollableContainer):
            scrolled.scroll_home(animate=False)
        self.focus_at_start()

    def focus_at_start(self) -> None:
        """Where the focus starts; by default none, so that AUTO_FOCUS chooses as it resumes."""

    def on_mount(self) -> None:
        self.focus_at_start()
        self.reload()
        # List cells carry theme colours as Rich styles: make them again in the new theme.
        self.app.theme_changed_signal.subscribe(self, lambda _: self.show(self.client))

    def reload(self) -> None:
        """Read the client afresh from storage and show it."""
        self.show(self.app.changes.client(self.client_id))

    def show(self, client: Client) -> None:
        self.client = client
        self.query_one(StepTabs).show(client, self.STEP)
        self.show_client(client)

    def show_client(self, client: Client) -> None:
        raise NotImplementedError

    def change(self, change: Change, *args: Any, what: str | None = None) -> Client | None:
        """Apply the named ``change`` to this client through the app and show the client as
        stored; None when it was refused (the app said why)."""
        return self._shown(self.app.changes.apply(self.client_id, change, *args, what=what))

    def store(self, changed: Changed, *, what: str | None = None,
              form: FieldErrors | None = None) -> Client | None:
        """Save a change already applied (by a dialog or the form) and show the result.

        When the write fails the screen keeps what was typed, so nothing is lost on screen."""
        return self._shown(self.app.changes.save(changed, what=what, form=form))

    def _shown(self, saved: Client | None) -> Client | None:
        if saved is not None:
            self.show(saved)  # as stored: validated, and a copy of its own
        return saved

    def refresh_bindings_when(self, state: object) -> None:
        """Refresh the Footer's keys only when ``state``, what enables them, has changed:
        rebuilding the Footer on every change cost a frame."""
        if state != getattr(self, "_bindings_state", None):
            self._bindings_state = state
            self.refresh_bindings()

    def flush(self) -> None:
        """Save anything typed but not yet saved; the app calls it before quitting."""

    def action_go_step(self, number: int) -> None:
        self.app.open_step(self.client_id, Step(number))

    @asks
    async def action_edit_details(self) -> None:
        from tui.dialogs.client_form import client_form

        edited = await self.app.ask(client_form(self.app.changes.client(self.client_id),
                                                clash=self.app.changes.name_clash,
                                                referrer=self.app.changes.client_named))
        if edited is not None:
            self.change(clients.set_details, edited)

    def message_dialog(self) -> MessageDialog:
        """The message to write from this step: its templates first."""
        return MessageDialog(self.app.changes.client(self.client_id), self.STEP)

    @asks
    async def action_write_message(self) -> None:
        self.flush()  # the message is written from what was typed too
        sent = await self.app.ask(self.message_dialog())
        if sent is not None:
            self.show(sent.client)
            self.notify(sent.told, markup=False)

    def action_back(self) -> None:
        self.app.leave_client(self.client_id)
