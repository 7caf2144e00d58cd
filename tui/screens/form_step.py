"""A step edited as a form (steps 1 and 4): saved as each field is left, never half-valid."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.binding import Binding
from textual.widgets import Input

from storage.errors import ValidationError
from storage.records.client import Client
from tui.changes import Change
from tui.external_editor import LONG_TEXT, EditedInEditor
from tui.screens.step import StepScreen
from tui.widgets.field_row import FieldRow

ERROR_LAYOUT_DELAY = 0.05  # seconds: a wrapped message is laid out after the next refresh
DATE_CHARACTERS = r"[0-9-]*"
BACK_TO_CLIENTS = next(binding for binding in StepScreen.BINDINGS if binding.id == "step.back")


def form_text_input(field: str, **options: Any) -> Input:
    """A free-text field of a step form, which the editor key hands to the user's editor.
    Arriving in it leaves its text be (Textual would select it all): the field is saved as it
    is left, so one key typed on arrival, then escape, would have stored that key in place of
    the whole text."""
    return Input(id=f"field-{field}", select_on_focus=False, classes=LONG_TEXT, **options)


def form_date_input(field: str) -> Input:
    """A date field of a step form. Arriving selects the date, so a new one is typed over it,
    but only digits and dashes go in: a space can no longer replace the date, to be saved as
    an empty one when the field is left. Emptying it takes a deliberate delete."""
    return Input(placeholder="YYYY-MM-DD", max_length=10, restrict=DATE_CHARACTERS,
                 id=f"field-{field}")


class FormStepScreen(StepScreen):
    """Subclasses apply their form with ``change_from_form``; this saves it, shows a bad value
    at its field, and saves what was typed before leaving the screen or quitting."""

    FORM_SELECTOR: str  # the scrolling container of the fields
    BINDINGS = [
        # Escape leaves, keeping what is typed: the field first (it is saved), then the step.
        Binding("escape", "leave_field", "Leave field", id="form.leave_field",
                tooltip="Leave the field; what you typed in it is saved"),
        BACK_TO_CLIENTS,
    ]
    AUTO_FOCUS = ""  # on_mount focuses the form itself, so 1-5 and the step's keys work at once
    _filled = False  # until show_client fills the form, start-up change events must not save it
    _warned_unsaved = False

    def on_mount(self) -> None:
        self.query_one(self.FORM_SELECTOR).border_subtitle = (
            "tab: into the fields · esc: leave a field, keeping it")

    def focus_at_start(self) -> None:
        self.set_focus(self.query_one(self.FORM_SELECTOR), scroll_visible=False)

    def change_from_form(self, client: Client, field: str) -> str:
        """Apply this step as typed to ``client`` (``field`` the one that changed, if known)
        with its named change; raises ValidationError naming a bad field."""
        raise NotImplementedError

    def show_client(self, client: Client) -> None:
        self._warned_unsaved = False
        self.fill_form(client)
        self._clear_errors()
        self._filled = True

    def fill_form(self, client: Client) -> None:
        raise NotImplementedError

    def as_typed(self) -> Client:
        """The client with the form applied as typed when it would be stored so, else as
        stored: what a live result shows, never a value the save would refuse."""
        typed = self.client.for_a_new_part()  # the form replaces a whole part (the contract...)
        try:
            self.change_from_form(typed, "")
            typed.validate()  # as saving does
        except ValidationError:
            return self.client
        return typed

    def commit(self, field: str = "") -> bool:
        """Save the form if it changed; a bad value is shown at its field and nothing is stored."""
        return self.commit_change(self.change_from_form, field)

    def commit_change(self, change: Change, *args: Any) -> bool:
        """Save ``change`` unless it changes nothing; a bad value is shown at its field."""
        if not self._filled:
            return True
        try:
            changed = self.app.changes.attempt(self.client_id, change, *args)
        except ValidationError as error:
            self.app.changes.report(error, form=self)
            return False
        if changed.client.to_dict() == self.client.to_dict():
            self._clear_errors()
            return True
        return self.store(changed, form=self) is not None

    def flush(self) -> None:
        self.commit()

    @on(EditedInEditor)
    def _edited_in_editor(self, event: EditedInEditor) -> None:
        """Text written in the user's editor is saved as if typed and the field left."""
        self.commit((event.widget.id or "").removeprefix("field-"))

    def _clear_errors(self) -> None:
        for row in self.query("FieldRow.-invalid").results(FieldRow):
            row.clear_error()

    def show_field_error(self, error: ValidationError) -> bool:
        self._clear_errors()
        row = next(self.query(f"#row-{error.field}").results(FieldRow), None)
        if row is None:
            return False
        row.show_error(error.message)
        if not row.has_focus_within and row.editor.focusable:
            row.editor.focus()
        self.set_timer(ERROR_LAYOUT_DELAY, lambda: row.scroll_visible(animate=False))
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_field":
            return self._in_field()
        return super().check_action(action, parameters)

    def _in_field(self) -> bool:
        return self.focused is not None and self.focused is not self.query_one(self.FORM_SELECTOR)

    def action_leave_field(self) -> None:
        self.action_back()

    def action_back(self) -> None:
        """Escape in a field saves it and steps out of it; escape on the form leaves the step."""
        form = self.query_one(self.FORM_SELECTOR)
        in_field = self._in_field()
        saved = self.commit()
        if saved and in_field:
            self.set_focus(form, scroll_visible=False)
        elif saved or self._leave_anyway():
            super().action_back()

    def action_go_step(self, number: int) -> None:
        if self.commit() or self._leave_anyway():
            super().action_go_step(number)

    def _leave_anyway(self) -> bool:
        """A bad value holds the user back once, with the reason, not twice."""
        if self._warned_unsaved:
            return True
        self._warned_unsaved = True
        self.notify("Fix the value marked in red, or press the key again to leave without it.",
                    title="Not saved", severity="warning")
        return False
