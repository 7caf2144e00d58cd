"""Step 4, the exit interview: what the client thought, and a testimonial to carry forward."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from storage.changes import interview as interview_changes
from storage.records.client import Client
from storage.records.fields import parse_date
from storage.records.interview import (
    ExitInterview,
    InterviewChannel,
    TestimonialStatus,
    TestimonialUse,
)
from storage.rules.progress import step_progress
from storage.rules.steps import Step
from tui.dialogs.confirm import ConfirmDialog
from tui.external_editor import LONG_TEXT
from tui.screens.form_step import FormStepScreen, form_date_input
from tui.text import literal
from tui.type_ahead import asks
from tui.widgets.field_row import FieldRow
from tui.widgets.step_todo import StepTodo
from tui.widgets.tick_box import TickBox

CHANNEL_CHOICES = [("Not decided", InterviewChannel.UNSET)] + [
    (channel.value.capitalize(), channel) for channel in InterviewChannel if channel.value
]
STATUS_CHOICES = [(status.value.capitalize(), status) for status in TestimonialStatus]
USE_BOXES = {
    TestimonialUse.WEBSITE: "use-website",
    TestimonialUse.LINKEDIN: "use-linkedin",
    TestimonialUse.ANONYMISED: "use-anonymised",
}
FEEDBACK = {
    "liked": "What did they like?",
    "disliked": "What did they dislike?",
    "improve": "What would they improve?",
}
BEFORE_INTERVIEW = (Step.STAND, Step.WORK, Step.HANDOVER)
OPEN_ITEMS_SHOWN = 2
ALL_READY = "✓ Steps 1–3 are done: you are ready for the interview"
FieldDone = Input.Submitted | Input.Blurred | Select.Changed | Checkbox.Changed

USE_FIELD = {box_id: "testimonial_use" for box_id in USE_BOXES.values()}


def _field_name(widget_id: str | None) -> str:
    """The interview's field a widget edits, by its id."""
    return USE_FIELD.get(widget_id or "", (widget_id or "").removeprefix("field-"))


def readiness_line(client: Client, step: Step) -> tuple[str, bool]:
    """One step before the interview: a tick, or what is still open in it."""
    progress = step_progress(client, step)
    if progress.complete:
        return f"✓ {int(step)} {step.short_title}", True
    items = progress.open_items
    shown = "; ".join(items[:OPEN_ITEMS_SHOWN])
    more = len(items) - OPEN_ITEMS_SHOWN
    if more > 0:
        shown += f" and {more} more"
    return f"○ {int(step)} {step.short_title}: {shown}", False


class InterviewScreen(FormStepScreen):
    """The interview's date, answers and testimonial, saved as each field is left."""

    STEP = Step.INTERVIEW
    CSS_PATH = "interview.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("t", "draft", "Draft", id="interview.draft",
                tooltip="Write a testimonial draft for the client to edit and send back"),
        Binding("c", "copy", "Copy", id="interview.copy",
                tooltip="Copy the testimonial text to the clipboard"),
    ]
    FORM_SELECTOR = "#interview-form"

    def compose_step(self) -> ComposeResult:
        with Vertical(id="interview-body"):
            with Vertical(id="readiness") as readiness:
                readiness.border_title = "Where the interview stands"
                for step in BEFORE_INTERVIEW:
                    yield Static(id=f"ready-{int(step)}", classes="ready")
                yield StepTodo(id="todo")
            with VerticalScroll(id="interview-form"):
                with Horizontal(classes="pair"):
                    yield FieldRow("on", "Interview on",
                                   form_date_input("on"))
                    yield FieldRow("channel", "By",
                                   Select(CHANNEL_CHOICES, allow_blank=False, id="field-channel"))
                    yield FieldRow("held", "Done?", TickBox("held", id="field-held"))
                for name, question in FEEDBACK.items():
                    yield FieldRow(name, question, TextArea(id=f"field-{name}",
                                                                classes=f"answer {LONG_TEXT}"))
                yield FieldRow("testimonial_status", "Testimonial",
                               Select(STATUS_CHOICES, allow_blank=False,
                                      id="field-testimonial_status"))
                yield FieldRow("testimonial_text", "Its text",
                               TextArea(id="field-testimonial_text",
                                        classes=f"answer {LONG_TEXT}"),
                               hint="t drafts it for them to edit; c copies it")
                uses = [TickBox(use.value, id=box_id) for use, box_id in USE_BOXES.items()]
                yield FieldRow("testimonial_use", "They agree it may be used on",
                               Horizontal(*uses, id="field-testimonial_use"))

    # Showing -------------------------------------------------------------------------------

    def fill_form(self, client: Client) -> None:
        interview = client.interview
        with self.prevent(Input.Changed, Select.Changed, Checkbox.Changed, TextArea.Changed):
            on = interview.on.isoformat() if interview.on else ""
            self.query_one("#field-on", Input).value = on
            self.query_one("#field-channel", Select).value = interview.channel
            self.query_one("#field-held", Checkbox).value = interview.held
            self.query_one("#field-testimonial_status", Select).value = interview.testimonial_status
            for name in (*FEEDBACK, "testimonial_text"):
                area = self._area(name)
                if area.text != getattr(interview, name):
                    area.load_text(getattr(interview, name))
            for use, box_id in USE_BOXES.items():
                self.query_one(f"#{box_id}", Checkbox).value = use in interview.testimonial_use
        self._show_readiness(client)
        self._show_todo(client)

    def _show_readiness(self, client: Client) -> None:
        """Steps 1-3 line by line, folded into one line once they are all done."""
        lines = [readiness_line(client, step) for step in BEFORE_INTERVIEW]
        if all(done for _, done in lines):
            lines = [(ALL_READY, True)]
        for index, step in enumerate(BEFORE_INTERVIEW):
            widget = self.query_one(f"#ready-{int(step)}", Static)
            widget.display = index < len(lines)
            if widget.display:
                text, done = lines[index]
                widget.update(literal(text))
                widget.set_class(done, "-done")

    def _show_todo(self, client: Client) -> None:
        """What this step still needs, for ``client`` saved or as typed."""
        self.query_one("#todo", StepTodo).show(step_progress(client, Step.INTERVIEW))

    def _area(self, name: str) -> TextArea:
        return self.query_one(f"#field-{name}", TextArea)

    # Reading and saving ---------------------------------------------------------------------

    def change_from_form(self, client: Client, field: str) -> str:
        return interview_changes.set_interview(client, self.interview_from_form(), field)

    def interview_from_form(self) -> ExitInterview:
        """The interview as typed; raises ValidationError naming the field that cannot be read."""
        return ExitInterview(
            on=parse_date("on", self.query_one("#field-on", Input).value),
            channel=self.query_one("#field-channel", Select).value,
            held=self.query_one("#field-held", Checkbox).value,
            liked=self._area("liked").text.strip(),
            disliked=self._area("disliked").text.strip(),
            improve=self._area("improve").text.strip(),
            testimonial_status=self.query_one("#field-testimonial_status", Select).value,
            testimonial_text=self._area("testimonial_text").text.strip(),
            testimonial_use=[
                use for use, box_id in USE_BOXES.items()
                if self.query_one(f"#{box_id}", Checkbox).value
            ],
        )

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _preview(self) -> None:
        """What this step still needs follows the answers as they are typed, before saving."""
        self._show_todo(self.as_typed())

    @on(Input.Submitted)
    @on(Input.Blurred)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _field_done(self, event: FieldDone) -> None:
        self.commit(_field_name(event.control.id))

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """TextArea has no Submitted or Blurred message: its text is saved when focus leaves."""
        if isinstance(event.widget, TextArea):
            self.commit(_field_name(event.widget.id))

    # Testimonial ------------------------------------------------------------------------------

    @asks
    async def action_draft(self) -> None:
        if not self.commit():
            return  # another answer cannot be saved: a draft would be shown, never stored
        area = self._area("testimonial_text")
        if area.text.strip() and not await self.app.ask(ConfirmDialog(
            "Replace the testimonial text with a fresh draft?",
            "The text there now is replaced. Press u right after to get it back.",
        )):
            return
        if self.commit_change(interview_changes.draft):
            self.notify("Drafted a testimonial from the work done: edit it, then copy it with c.")

    def action_copy(self) -> None:
        text = self._area("testimonial_text").text.strip()
        if not text:
            self.notify("There is no testimonial yet; press t to draft one.", severity="warning")
            return
        self.app.copy_text(text, "the testimonial")
