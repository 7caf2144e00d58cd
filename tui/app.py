"""The Sendoff app: wires the screens, the app-wide keys and the command palette."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from storage.errors import DataFileError, DataFileReadOnly, UnsavedChanges
from storage.rules.steps import Step
from storage.views.summary import ClientListing
from tui.changes import Changes
from tui.inbox_watch import InboxWatch
from tui.opening import Opening
from tui.screens.dashboard import DashboardScreen
from tui.text import visible
from tui.type_ahead import TypeAheadApp, asks
from tui.widgets.read_only_banner import ReadOnlyBanner

if TYPE_CHECKING:
    from textual.theme import Theme

    from storage.persistence.repository import Repository, Undoable
    from storage.views.index_file import ClientIndex

HERE = Path(__file__).parent


class SendoffApp(TypeAheadApp[None]):
    """Offboard clients from the keyboard; every change is saved the moment it is made."""

    TITLE = "Sendoff"
    CSS_PATH = [  # absolute, so that subclasses elsewhere (benchmarks, tests) find them too
        HERE / "app.tcss",
        # Textual loads a screen's own CSS_PATH when it is pushed, not for the first screen,
        # which is one of these two (with the dashboard's list):
        HERE / "screens" / "dashboard.tcss",
        HERE / "screens" / "file_problem.tcss",
        HERE / "widgets" / "row_list.tcss",
    ]
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit; everything is already saved"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Keys", id="app.help", tooltip="Show every key"),
        Binding("u,ctrl+z", "undo", "Undo", id="app.undo", tooltip="Undo the last change"),
        Binding("ctrl+y,U", "redo", "Redo", id="app.redo", show=False,
                tooltip="Make again what the last undo took back"),
        # Priority, so that it works in dialogs too (Textual gives a dialog only its own keys).
        Binding("ctrl+o", "edit_outside", "Editor", id="app.editor", priority=True,
                tooltip="In a long text field: write it in your own editor ($VISUAL, else "
                        "$EDITOR)"),
    ]

    class SaveFailed(Message):
        """The writer thread could not save; the change is still in memory."""

        def __init__(self, problem: DataFileError) -> None:
            super().__init__()
            self.problem = problem

    class Opened(Message):
        """Opening the data file in the background has finished, well or not."""

    def __init__(self, db_path: Path, *, preferences: Path | None = None) -> None:
        """``preferences``: the file that keeps the theme the user picks between runs (None:
        none is read or kept, as in tests)."""
        super().__init__()
        self.db_path = Path(db_path)
        self.preferences = preferences
        self._preferences_problem: str | None = None  # told once the app is on screen
        if preferences is not None:
            from tui.preferences import saved_theme

            theme, self._preferences_problem = saved_theme(preferences, self.available_themes)
            if theme is not None:
                self.theme = theme
        self._opening: Opening[Repository] | None = None
        self._index: ClientIndex | None = None  # the rows to show until the file is open
        self.unsaved: DataFileError | None = None  # set when changes could not be saved on exit
        self.read_only: DataFileReadOnly | None = None  # why the file is open to read only
        self.changes = Changes(self, lambda: self.repo)  # how screens read and change the file
        self._client_left: int | None = None  # whose step screen was left last

    def get_default_screen(self) -> Screen:
        """The dashboard, drawn from the index file while the data file is opened behind it.

        Without an index made from the file as it is, the file is opened first (slower).
        """
        from storage.views.index_file import read_index

        # What is loaded by now (Textual, Sendoff) lives as long as the app: frozen, it is no
        # longer traversed by the garbage collector, whose first full collection would otherwise
        # fall in the first frame (about 25 ms).
        gc.freeze()
        self._opening = Opening(self._open_repository, lambda: self.post_message(self.Opened()))
        index = read_index(self.db_path)
        if index is not None and index.complete:
            self._index = index  # the file is opened once the dashboard is ready
            return DashboardScreen()
        try:
            self._opening.result()
        except DataFileError as problem:
            from tui.screens.file_problem import FileProblemScreen

            return FileProblemScreen(problem)
        return DashboardScreen()

    def _open_repository(self) -> Repository:
        # A large file is many objects that live as long as the session: the garbage collector
        # would stall the screen traversing them as they are made, and again at every later
        # full collection (100-180 ms at a thousand clients). So it is held off while they are
        # made, then told to leave them be; garbage left before would be kept for ever.
        from storage.persistence.repository import Repository

        gc.collect()
        gc.disable()
        try:
            try:
                return Repository(self.db_path, background=True,
                                  on_write_error=lambda problem: self.post_message(
                                      self.SaveFailed(problem)))
            except DataFileReadOnly as problem:  # shown in a banner; changes are refused
                self.read_only = problem
                return Repository(self.db_path, writable=False, why_read_only=problem.reason)
        finally:
            gc.freeze()
            gc.enable()

    @on(DashboardScreen.Ready)
    def _open_behind_the_dashboard(self) -> None:
        """The dashboard answers keys: now open the data file, which would have delayed it.

        A key that needs the file sooner opens it at once (see repo)."""
        if self._index is not None:
            self._opening.start()

    @property
    def repo(self) -> Repository | None:
        """The open data file, opening it or waiting for it to be open if need be; None when it
        could not be opened (the problem is on screen)."""
        if self._opening is None:
            return None
        try:
            return self._opening.result()
        except (DataFileError, CancelledError):
            return None

    @property
    def is_open(self) -> bool:
        """Whether the data file is open now (never waits)."""
        return self._opening is not None and self._opening.ready

    @property
    def listing(self) -> ClientListing:
        """Where the dashboard reads its rows: the data file once open, the index until then."""
        if self.is_open or self._index is None:
            return self.repo
        return self._index

    def on_sendoff_app_opened(self) -> None:
        if self._index is None:
            return  # opened before the first screen: nothing to catch up on
        problem = self._opening.failure
        if isinstance(problem, DataFileError):
            from tui.screens.file_problem import FileProblemScreen

            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.push_screen(FileProblemScreen(problem))  # which has no way back, only out
            return
        repo = self._opening.result()  # raises what went wrong, other than the file
        self.refresh_bindings()
        if self.read_only is not None:
            for banner in self.screen.query(ReadOnlyBanner).results(ReadOnlyBanner):
                banner.update_state()
        if repo.digest != self._index.digest and isinstance(self.screen, DashboardScreen):
            self.screen.reload()  # the file changed between reading the index and opening it

    def on_sendoff_app_save_failed(self, message: SaveFailed) -> None:
        self.notify(str(message.problem), title="Not saved", severity="error", timeout=20,
                    markup=False)

    def on_mount(self) -> None:
        # A closed terminal (SIGHUP) or a plain kill (SIGTERM) would end the process before the
        # writer thread saved the last change, and lose what is typed in a field: quit as `q`
        # does instead, which keeps both. Run by the event loop, between two of its callbacks.
        loop = asyncio.get_running_loop()
        self._signals = (signal.SIGHUP, signal.SIGTERM)
        for number in self._signals:
            loop.add_signal_handler(number, self.call_later, self.action_quit)
        if self.preferences is not None:  # from now on a new theme is the user's choice
            self.theme_changed_signal.subscribe(self, self._keep_theme)
        InboxWatch(self).start()
        if self._preferences_problem is not None:
            self.notify(self._preferences_problem, title="Preferences not read",
                        severity="warning", timeout=30, markup=False)

    def _keep_theme(self, theme: Theme) -> None:
        """Save the theme just picked (a few milliseconds: two flushes of a small file)."""
        from tui.preferences import keep_theme

        problem = keep_theme(self.preferences, theme.name)
        if problem is not None:
            self.notify(problem, title="Theme not kept", severity="warning", timeout=30,
                        markup=False)

    def on_unmount(self) -> None:
        gc.unfreeze()  # what is left is the collector's again (tests run many apps in a process)
        loop = asyncio.get_running_loop()
        for number in getattr(self, "_signals", ()):
            loop.remove_signal_handler(number)
        if self._opening is not None:
            self._opening.cancel()  # unless it is being opened: then wait for it, to close it
        repo = self.repo
        if repo is not None:
            try:
                repo.close()
            except DataFileError as problem:
                self.unsaved = problem

    def open_step(self, client_id: int, step: Step) -> None:
        """Show step ``step`` of the client (see `kept_screen`)."""
        from tui.screens.step import StepScreen  # imported when first needed: faster start
        from tui.screens.steps import STEP_SCREENS

        screen = self.kept_screen(f"step-{int(step)}", client_id, STEP_SCREENS[step])
        if screen is self.screen:
            return
        if isinstance(self.screen, StepScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_overview(self, client_id: int) -> None:
        """Show the client's overview (see `kept_screen`)."""
        from tui.screens.overview import OverviewScreen

        self.push_screen(self.kept_screen("overview", client_id, OverviewScreen))

    def kept_screen(self, name: str, client_id: int, make: Callable[[int], Screen]) -> Screen:
        """The screen kept as ``name``, showing the client: made the first time and kept
        (Textual keeps an installed screen when it is left), as showing another client on it
        costs a fraction of composing and styling a new one. While it is lower in the stack,
        a new one is made instead, and not kept."""
        if not self.is_screen_installed(name):
            screen = make(client_id)
            self.install_screen(screen, name)
            return screen
        screen = self.get_screen(name)
        if screen is not self.screen and screen in self.screen_stack:
            return make(client_id)
        screen.for_client(client_id)
        return screen

    def copy_text(self, text: str, what: str) -> None:
        """Copy ``text`` (``what`` it is, for the message) through the terminal, saying plainly
        when this terminal is known to drop it."""
        from tui.clipboard import copy_caveat

        self.copy_to_clipboard(text)
        caveat = copy_caveat()
        self.notify(f"Copied {what} to the clipboard." + (f" {caveat}" if caveat else ""),
                    severity="warning" if caveat else "information", markup=False,
                    timeout=10 if caveat else 3)

    def leave_client(self, client_id: int) -> None:
        """Back from a client's step to where they were opened: the agenda, its cursor where
        it was, or the clients, the cursor on them."""
        self._client_left = client_id
        self.pop_screen()
        if isinstance(self.screen, DashboardScreen):
            self.screen.reload(cursor_on=client_id)
        else:
            self.screen.reload()

    def show_dashboard(self) -> None:
        """Back to the clients, the cursor on the client last left (if still listed)."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, DashboardScreen):
            self.pop_screen()
        if isinstance(self.screen, DashboardScreen):
            self.screen.reload(cursor_on=self._client_left)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit_outside":
            from tui.external_editor import long_text_focused

            return long_text_focused(self)  # offered where a long text field has focus
        if action in ("undo", "redo") and (self._opening is None or self._opening.failure is not None
                                 or self.read_only is not None):
            return False  # the file could not be opened (it is in use or damaged), or is
            # open to read only: nothing to undo
        return True  # undo while the file opens behind the dashboard waits for it

    @asks
    async def action_undo(self) -> None:
        """Undo the last change; one that would take a client away (undoing their adding) asks
        first."""
        from tui.dialogs.confirm import ConfirmDialog

        coming = self.changes.next_undo()
        if coming is not None and coming.removes_client:
            name = visible(coming.what.removeprefix("add "))
            if not await self.ask(ConfirmDialog(
                    f"Undo adding {name}? That deletes {name} and everything recorded about them.",
                    "Press ctrl+y (or U) right after to bring them back.")):
                return
        self._after_a_step(self.changes.undo(), "Undone", coming)

    def action_redo(self) -> None:
        coming = self.changes.next_redo()
        self._after_a_step(self.changes.redo(), "Redone", coming)

    def _after_a_step(self, what: str | None, done: str, step: Undoable | None) -> None:
        """Show the file as an undo or redo left it, and say what the next undo will do."""
        if what is None:
            return
        from tui.screens.step import StepScreen

        if (step.removes_client and isinstance(self.screen, StepScreen)
                and self.screen.client_id == step.client_id):
            self.show_dashboard()  # the client shown is gone
        else:
            reload = getattr(self.screen, "reload", None)
            if reload is not None:
                reload()
        following = self.changes.next_undo()
        self.notify(f"{done}: {visible(what)}", markup=False,
                    title=f"Next undo: {visible(following.what)}" if following
                    else "Nothing left to undo")

    async def action_quit(self) -> None:
        """Quit, keeping what was typed in a field that was not left yet."""
        from tui.screens.step import StepScreen

        if isinstance(self.screen, StepScreen):
            self.screen.flush()
        self.exit()

    def action_edit_outside(self) -> None:
        from tui.external_editor import edit_focused

        edit_focused(self)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen is also a command in the palette, with its key."""
        from tui.palette import palette_commands

        return palette_commands(self, screen, super().get_system_commands(screen))


def run_app(db_path: Path, theme: str | None = None) -> int:
    """Run the app on ``db_path`` with the saved theme, or ``theme`` (``--theme``) or
    SENDOFF_THEME for this run alone; a theme with no such name ends it (2) before it opens."""
    from storage.persistence.preferences import preferences_path, theme_for_run
    from tui.preferences import unknown_theme

    app = SendoffApp(db_path, preferences=preferences_path())
    chosen = theme_for_run(theme, os.environ)
    if chosen is not None:
        problem = unknown_theme(*chosen, app.available_themes)
        if problem is not None:
            print(f"sendoff: {problem}", file=sys.stderr)
            return 2
        app.theme = chosen[0]  # before the app runs: not taken for the user's pick, not kept
    app.run()
    if app.unsaved is not None:
        problem = app.unsaved
        told = problem.told(running=False) if isinstance(problem, UnsavedChanges) else problem
        print(f"sendoff: your last changes could not be saved. {told}", file=sys.stderr)
        return 1
    return 0
