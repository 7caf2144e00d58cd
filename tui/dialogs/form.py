"""A small form in a dialog. The caller's ``build`` turns the values into a record; a
ValidationError it raises is shown at the field it names and the dialog stays open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from storage.errors import ValidationError
from tui.dialogs.confirm import ConfirmDialog
from tui.external_editor import LONG_TEXT
from tui.text import literal
from tui.widgets.footer import Footer
from tui.widgets.tick_box import TickBox

T = TypeVar("T")
FieldKind = Literal["text", "long", "date", "number", "select", "check"]
"""A "long" field is free text that the editor key hands to the user's editor."""
DISCARD_QUESTION = "Discard your changes?"


@dataclass(frozen=True)
class FormField:
    """One field of a form; ``name`` matches the field a ValidationError names."""

    name: str
    label: str
    kind: FieldKind = "text"
    value: Any = ""
    options: Sequence[tuple[str, Any]] = ()
    placeholder: str = ""
    hint: str = ""


def _placeholder(field: FormField) -> str:
    if field.placeholder:
        return field.placeholder
    return "YYYY-MM-DD" if field.kind == "date" else ""


class FormDialog(ModalScreen[T | None], Generic[T]):
    """Enter saves (when every field is valid). Escape closes it, and asks first when
    something was typed: nothing typed is thrown away without a word."""

    CSS_PATH = Path(__file__).with_name("form.tcss")  # also for subclasses elsewhere
    HELP_TITLE = "In a dialog"
    BINDINGS = [
        Binding("enter", "submit", "Save", id="dialog.save", tooltip="Save and close"),
        Binding("ctrl+s", "submit", "Save", priority=True, id="dialog.save_any",
                tooltip="Save and close, even while a list of choices has focus"),
        Binding("escape", "cancel", "Close", id="dialog.cancel",
                tooltip="Close without saving; asks first when you typed something"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        build: Callable[[dict[str, Any]], T],
        *,
        error: ValidationError | None = None,
    ) -> None:
        """``error``, when given, is shown at its field as the dialog opens."""
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.build = build
        self.opening_error = error
        self.values_at_opening: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        # The whole form scrolls, so that it scrolls to the focused field however short the
        # terminal (a scrolling part inside it grew past the screen); its title and the
        # form's own error are docked, so they stay in sight.
        with VerticalScroll(id="form"):
            yield Static(literal(self.form_title), id="form-title")
            with Vertical(id="form-fields"):
                for field in self.fields:
                    if field.kind != "check":
                        yield Label(field.label, classes="field-label")
                    yield self._editor(field)
                    if field.hint:
                        yield Static(literal(field.hint), classes="field-hint")
                    yield Static("", id=f"error-{field.name}", classes="field-error")
            yield Static("", id="error-form", classes="field-error")
        yield Footer()

    def _editor(self, field: FormField) -> Widget:
        widget_id = f"field-{field.name}"
        if field.kind == "select":
            return Select(
                [(literal(label), value) for label, value in field.options],  # user text too
                value=field.value if field.value is not None else Select.NULL,
                allow_blank=False,
                id=widget_id,
            )
        if field.kind == "check":
            return TickBox(field.label, value=bool(field.value), id=widget_id)
        value = "" if field.value is None else str(field.value)
        if field.kind == "long" and "\n" in value:
            # Text of several lines (a message kept as a contact's note) keeps them, to read and
            # to edit; ctrl+s saves from it, as enter makes a new line there.
            return TextArea(value, id=widget_id, classes=LONG_TEXT, soft_wrap=True)
        return Input(
            value,
            placeholder=_placeholder(field),
            type="integer" if field.kind == "number" else "text",
            id=widget_id,
            classes=LONG_TEXT if field.kind == "long" else "",
        )

    def values(self) -> dict[str, Any]:
        """The form's current values: text as typed, selects and checkboxes as chosen."""
        found: dict[str, Any] = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.name}")
            found[field.name] = widget.text if isinstance(widget, TextArea) else widget.value
        return found

    def show_error(self, field_name: str, message: str) -> None:
        known = any(field.name == field_name for field in self.fields)
        target = self.query_one(f"#error-{field_name if known else 'form'}", Static)
        target.update(literal(message))
        target.display = True
        if known:
            self.query_one(f"#field-{field_name}").focus()

    def show_field_error(self, error: ValidationError) -> bool:
        """Show ``error`` at its field, or under the form when no field has its name."""
        self.show_error(error.field, error.message)
        return True

    def _clear_errors(self) -> None:
        for error in self.query(".field-error").results(Static):
            error.update("")
            error.display = False

    def on_mount(self) -> None:
        self._clear_errors()
        self.values_at_opening = self.values()
        self.query_one(f"#field-{self.fields[0].name}").focus()
        if self.opening_error is not None:
            self.show_error(self.opening_error.field, self.opening_error.message)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        self._clear_errors()
        try:
            result = self.build(self.values())
        except ValidationError as error:
            self.app.changes.report(error, form=self)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        if self.values() == self.values_at_opening:
            self.dismiss(None)
            return
        self.app.push_screen(
            ConfirmDialog(DISCARD_QUESTION, "Enter discards them; escape goes back to the form."),
            callback=lambda discard: self.dismiss(None) if discard else None,
        )
