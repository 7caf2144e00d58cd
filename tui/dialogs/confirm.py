"""A yes/no question: enter confirms, escape cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.text import literal
from tui.widgets.footer import Footer


class ConfirmDialog(ModalScreen[bool]):
    """Ask before something that cannot be taken back lightly."""

    CSS_PATH = "confirm.tcss"
    HELP_TITLE = "When asked to confirm"
    BINDINGS = [
        Binding("enter", "confirm", "Confirm", id="dialog.confirm", tooltip="Yes, do it"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="No, go back"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(self.question, "bold"), classes="question")
            if self.detail:
                yield Static(literal(self.detail))
        yield Footer()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
