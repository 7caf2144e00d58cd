"""The Sendoff app: wires the screens, the app-wide keys and the command palette."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from storage.client import Client
from storage.errors import DataFileError
from storage.repository import Repository
from storage.steps import Step
from tui.bindings import own_bindings
from tui.screens.dashboard import DashboardScreen
from tui.screens.file_problem import FileProblemScreen
from tui.screens.help import HelpScreen
from tui.screens.step import StepScreen
from tui.text import visible

HERE = Path(__file__).parent


class SendoffApp(App[None]):
    """Offboard clients from the keyboard; every change is saved the moment it is made."""

    TITLE = "Sendoff"
    CSS_PATH = [  # absolute, so that subclasses elsewhere (benchmarks, tests) find them too
        HERE / "app.tcss",
        # Textual loads a screen's own CSS_PATH when it is pushed, not for the first screen,
        # which is one of these two:
        HERE / "screens" / "dashboard.tcss",
        HERE / "screens" / "file_problem.tcss",
        HERE / "widgets" / "step_tabs.tcss",
        HERE / "widgets" / "checklist.tcss",
        HERE / "widgets" / "field_row.tcss",
    ]
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit; everything is already saved"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Keys", id="app.help", tooltip="Show every key"),
        Binding("u,ctrl+z", "undo", "Undo", id="app.undo", tooltip="Undo the last change"),
    ]

    class SaveFailed(Message):
        """The writer thread could not save; the change is still in memory."""

        def __init__(self, problem: DataFileError) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.repo: Repository | None = None
        self.unsaved: DataFileError | None = None  # set when changes could not be saved on exit

    def get_default_screen(self) -> Screen:
        try:
            self.repo = Repository(self.db_path, background=True,
                                   on_write_error=lambda problem: self.post_message(
                                       self.SaveFailed(problem)))
        except DataFileError as problem:
            return FileProblemScreen(problem)
        return DashboardScreen()

    def on_sendoff_app_save_failed(self, message: SaveFailed) -> None:
        self.notify(f"{message.problem} It is saved with your next change, or when you quit.",
                    title="Not saved", severity="error", timeout=15, markup=False)

    def on_mount(self) -> None:
        # A closed terminal (SIGHUP) or a plain kill (SIGTERM) would end the process before the
        # writer thread saved the last change: save it first, then quit normally.
        self._previous_handlers = {
            number: signal.signal(number, self._save_and_quit)
            for number in (signal.SIGHUP, signal.SIGTERM)
        }

    def _save_and_quit(self, number: int, frame: object) -> None:
        if self.repo is not None:
            with contextlib.suppress(DataFileError):
                self.repo.flush()
        self.exit()

    def on_unmount(self) -> None:
        for number, handler in getattr(self, "_previous_handlers", {}).items():
            signal.signal(number, handler)
        if self.repo is not None:
            try:
                self.repo.close()
            except DataFileError as problem:
                self.unsaved = problem

    def save_client(self, client: Client, what: str) -> bool:
        """Store ``client``; a file problem is shown, a ValidationError goes to the caller."""
        try:
            self.repo.save_client(client, what=what)
        except DataFileError as problem:
            self.notify(str(problem), title="Not saved", severity="error", timeout=12,
                        markup=False)
            return False
        return True

    def open_step(self, client_id: int, step: Step) -> None:
        from tui.screens.steps import STEP_SCREENS  # imported when first needed: faster start

        screen = STEP_SCREENS[step](client_id)
        if isinstance(self.screen, StepScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_dashboard(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, DashboardScreen):
            self.pop_screen()
        if isinstance(self.screen, DashboardScreen):
            self.screen.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo" and self.repo is None:
            return False  # no file is open (it is in use or damaged): nothing to undo
        return True

    def action_undo(self) -> None:
        if self.repo is None:
            return
        try:
            what = self.repo.undo()
        except DataFileError as problem:
            self.notify(str(problem), title="Not undone", severity="error", timeout=12,
                        markup=False)
            return
        if what is None:
            self.notify("Nothing to undo.")
            return
        reload = getattr(self.screen, "reload", None)
        if reload is not None:
            reload()
        self.notify(f"Undone: {visible(what)}", markup=False)

    async def action_quit(self) -> None:
        """Quit, keeping what was typed in a field that was not left yet."""
        if isinstance(self.screen, StepScreen):
            self.screen.flush()
        self.exit()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen is also a command in the palette."""
        yield from super().get_system_commands(screen)
        nodes = screen.focused.ancestors_with_self if screen.focused else [screen, self]
        seen: set[str] = set()
        for node in nodes:
            for binding in own_bindings(type(node)):
                if not binding.description or binding.description in seen:
                    continue
                namespace, name, params = parse_action(binding.action)
                target = {"app": self, "screen": screen}.get(namespace, node)
                if target.check_action(name, params) is False:
                    continue
                seen.add(binding.description)
                yield SystemCommand(
                    binding.description,
                    binding.tooltip or binding.description,
                    partial(node.run_action, binding.action),
                )


def run_app(db_path: Path) -> int:
    app = SendoffApp(db_path)
    app.run()
    if app.unsaved is not None:
        print(f"sendoff: your last changes could not be saved: {app.unsaved}", file=sys.stderr)
        return 1
    return 0
