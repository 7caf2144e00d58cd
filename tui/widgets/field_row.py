"""A labelled editor with room for the message that explains a bad value, right below it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from tui.text import literal


class FieldRow(Vertical):
    """Wraps one editor (its id must be ``field-<name>``) with a label and an error line."""

    def __init__(self, name: str, label: str, editor: Widget, *, hint: str = "") -> None:
        super().__init__(id=f"row-{name}", classes="field-row")
        self.field_name = name
        self.label = label
        self.editor = editor
        self.hint = hint

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        yield self.editor
        if self.hint:
            yield Static(literal(self.hint), classes="field-hint")
        yield Static("", classes="field-error")

    def show_error(self, message: str) -> None:
        error = self.query_one(".field-error", Static)
        error.update(literal(message))
        error.display = True
        self.add_class("-invalid")

    def clear_error(self) -> None:
        error = self.query_one(".field-error", Static)
        error.update("")
        error.display = False
        self.remove_class("-invalid")

    def on_mount(self) -> None:
        self.clear_error()
