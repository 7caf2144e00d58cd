"""Write a message: a template filled from the record, edited, then copied, saved to a file,
opened in the mail client, or marked as sent (a contact that keeps its text)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from storage.changes import in_touch
from storage.clock import today
from storage.errors import SendoffError, ValidationError
from storage.messages.fields import message_fields
from storage.messages.ready import CHASE_TEMPLATE
from storage.messages.templates import (
    Message,
    Template,
    TemplateProblem,
    fitting,
    ready_templates,
    render,
    templates,
)
from storage.outputs.destination import export_destination
from storage.outputs.mail import LONG_MAILTO, mailto_url, open_in_mail_client
from storage.persistence.replace_file import replace_file
from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.person import Person
from storage.rules.names import file_stem
from storage.rules.steps import Step
from storage.words import counted
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog, FormField
from tui.dialogs.in_touch import DEFAULT_CHANNEL, NOBODY_IN_PARTICULAR, contacted_message
from tui.external_editor import LONG_TEXT
from tui.text import literal, visible
from tui.type_ahead import asks
from tui.widgets.footer import Footer

REPLACE_QUESTION = "Replace the text you edited?"


class Sent(NamedTuple):
    """A message marked sent: the client as stored with its contact, and what to tell."""

    client: Client
    told: str


class MessageDialog(ModalScreen[Sent | None]):
    """Dismisses with the client as stored once the message is marked sent, else None. It saves
    before it closes, so that a save refused (the file open to read only, a full disk) leaves the
    message in the dialog, to copy or save."""

    CSS_PATH = "message.tcss"
    HELP_TITLE = "Writing a message"
    BINDINGS = [
        Binding("ctrl+b", "copy", "Copy", priority=True, id="message.copy",
                tooltip="Copy the message, its subject line first, to the clipboard"),
        Binding("ctrl+s", "save", "Save to file", priority=True, id="message.save",
                tooltip="Write the message to a text file"),
        Binding("ctrl+l", "mail", "Mail", priority=True, id="message.mail",
                tooltip="Open it in your mail client, addressed to the person it is to"),
        Binding("ctrl+t", "sent", "Sent", priority=True, id="message.sent",
                tooltip="Mark it as sent: a contact with them that keeps its text"),
        Binding("escape", "close", "Close", id="message.close",
                tooltip="Close; asks first when you edited the text and kept it nowhere"),
    ]

    def __init__(self, client: Client, step: Step | None, *, template: str | None = None,
                 person_id: str | None = None, follow_up_id: str | None = None,
                 folder: Path | None = None) -> None:
        """``step``: the templates that fit it come first (the first is chosen unless
        ``template`` names one); ``person_id``: whom it is to (else the main contact);
        ``follow_up_id``: the follow-up that marking it sent handles; ``folder``: the user's
        own templates (their config folder unless given)."""
        super().__init__()
        self.client = client
        self.step = step
        self.follow_up_id = follow_up_id
        self.problem = ""
        try:
            found = templates(folder)
        except TemplateProblem as problem:  # one of theirs cannot be read: the ready ones work
            found, self.problem = ready_templates(), str(problem)
        self.choices = fitting(found, step)
        self.template = found.get(template or "", self.choices[0])
        main = client.main_person
        self.person_id = person_id or (main.id if main else NOBODY_IN_PARTICULAR)
        self._written = Message("", "")  # as last filled in, to tell an edit from it
        self._kept = True  # copied, saved or mailed since the last edit

    def compose(self) -> ComposeResult:
        with Vertical(id="message"):
            yield Static(literal(f"Write to {self.client.name}"), id="message-title")
            with Horizontal(classes="message-row"):
                yield Label("Template", classes="message-label")
                yield Select([(self._label(template), template.name)
                              for template in self.choices],
                             value=self.template.name, allow_blank=False, compact=True,
                             id="message-template")
            with Horizontal(classes="message-row"):
                yield Label("To", classes="message-label")
                yield Select([("(nobody in particular)", NOBODY_IN_PARTICULAR),
                              *((literal(self._to(person)), person.id)
                                for person in self.client.people)],
                             value=self.person_id, allow_blank=False, compact=True,
                             id="message-to")
                yield Label("Channel", classes="message-label")
                yield Input(DEFAULT_CHANNEL, compact=True, id="message-channel")
            with Horizontal(classes="message-row"):
                yield Label("Subject", classes="message-label")
                yield Input(compact=True, id="message-subject")
            yield TextArea(id="message-body", classes=LONG_TEXT, soft_wrap=True)
            yield Static("", id="message-status")
        yield Footer()

    def _label(self, template: Template) -> str:
        fits = " (fits this step)" if self.step and template.step == self.step else ""
        own = "" if template.source == "ready" else " (yours)"
        return visible(template.name) + fits + own

    @staticmethod
    def _to(person: Person) -> str:
        reach = f" <{person.email}>" if person.email.strip() else ""
        return visible(person.known_as + reach) + (" (moved on)" if person.moved else "")

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#message-body", TextArea).focus()

    # What it says ---------------------------------------------------------------------------

    @property
    def person(self) -> Person | None:
        return self.client.person(self.person_id or None)

    def message(self) -> Message:
        """The message as it stands in the dialog, edits and all."""
        return Message(self.query_one("#message-subject", Input).value.strip(),
                       self.query_one("#message-body", TextArea).text)

    def _fill(self) -> None:
        """Fill in the chosen template for the chosen person; a template that cannot be filled
        says why, and leaves the text empty."""
        try:
            written = render(self.template, message_fields(self.client, self.person, today()))
            status, problem = self._said_of(self.template), self.problem
        except TemplateProblem as error:
            written, status, problem = Message("", ""), "", str(error)
        self._written = written
        self._kept = True
        self.query_one("#message-subject", Input).value = written.subject
        self.query_one("#message-body", TextArea).text = written.body
        shown = self.query_one("#message-status", Static)
        shown.update(literal(problem or status))
        shown.set_class(bool(problem), "-problem")

    def _said_of(self, template: Template) -> str:
        where = "a ready template" if template.source == "ready" else f"from {template.source}"
        email = self.person.email.strip() if self.person else ""
        return f"{template.name}: {where}." + ("" if email else
                                               " No email recorded: the mail client will ask.")

    def _edited(self) -> bool:
        return self.message() != Message(self._written.subject.strip(), self._written.body)

    @on(Input.Changed, "#message-subject")
    @on(TextArea.Changed, "#message-body")
    def _typed(self) -> None:
        self._kept = not self._edited()

    @on(Input.Submitted, "#message-subject")
    def _to_body(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#message-body", TextArea).focus()

    @on(Select.Changed, "#message-template")
    @on(Select.Changed, "#message-to")
    @asks
    async def _chosen(self, event: Select.Changed) -> None:
        chosen = {template.name: template for template in self.choices}
        template = chosen.get(self.query_one("#message-template", Select).value, self.template)
        person_id = self.query_one("#message-to", Select).value
        if (template, person_id) == (self.template, self.person_id):
            return
        if self._edited() and not await self.app.ask(ConfirmDialog(
                REPLACE_QUESTION, f"Enter fills in {template.name} afresh; escape keeps it.")):
            with self.prevent(Select.Changed):
                event.select.value = (self.template.name if event.select.id == "message-template"
                                      else self.person_id)
            return
        self.template, self.person_id = template, person_id
        self._fill()

    # What it does ---------------------------------------------------------------------------

    def _ready(self) -> Message | None:
        """The message, or None (and why) when there is nothing to send."""
        message = self.message()
        if not (message.subject or message.body.strip()):
            self.notify("The message is empty: choose a template, or write it.",
                        severity="warning")
            return None
        return message

    def action_copy(self) -> None:
        if (message := self._ready()) is not None:
            self.app.copy_text(message.text, "the message")
            self._kept = True

    @asks
    async def action_save(self) -> None:
        if (message := self._ready()) is None:
            return
        suggested = Path.cwd() / f"{file_stem(self.client.name)}-{self.template.name}.txt"
        data_file = self.app.db_path

        def build(values: dict[str, Any]) -> Path:
            if not values["path"].strip():
                raise ValidationError("path", "the file to write the message to is required")
            try:
                return export_destination(values["path"].strip(), data_file, "message")
            except SendoffError as problem:
                raise ValidationError("path", str(problem)) from None

        path = await self.app.ask(FormDialog("Save the message to a file", [
            FormField("path", "File", value=str(suggested),
                      hint="Written private to you (0600); ~ is your home folder")], build))
        if path is None:
            return
        replace = path.exists()
        if replace and not await self.app.ask(ConfirmDialog(
                f"Replace {path}?", "Enter replaces the file there now; escape keeps it.")):
            return
        try:
            replace_file(path, message.text.encode("utf-8"), mode=0o600, overwrite=replace)
        except OSError as error:
            self.notify(f"Could not write {path}: {error.strerror or error}", title="Not saved",
                        severity="error", markup=False)
            return
        self._kept = True
        self.notify(f"Saved the message to {path.resolve()}.", markup=False)

    def action_mail(self) -> None:
        if (message := self._ready()) is None:
            return
        email = self.person.email.strip() if self.person else ""
        url = mailto_url(email, message.subject, message.body)
        self._kept = True
        self._open_mail(url, to=email)

    @work(thread=True, exclusive=True, group="mail")
    def _open_mail(self, url: str, to: str) -> None:
        """The opener may take seconds to start the mail client: off the UI thread."""
        try:
            open_in_mail_client(url)
        except SendoffError as problem:
            self.app.call_from_thread(self.notify, str(problem), title="Not opened",
                                      severity="error", timeout=10, markup=False)
            return
        said = f"Opened it in your mail client, to {to}." if to else (
            "Opened it in your mail client; no email is recorded, so say whom it is to there.")
        if len(url) > LONG_MAILTO:
            said += " Some mail clients cut a message this long: if it arrives short, copy it."
        self.app.call_from_thread(self.notify, said, markup=False)

    def action_sent(self) -> None:
        if (message := self._ready()) is None:
            return
        channel = self.query_one("#message-channel", Input).value.strip()
        try:
            changed = self.app.changes.attempt(
                self.client.id, partial(in_touch.message_sent,
                                        asks_again=self.template.name == CHASE_TEMPLATE),
                today(), channel, message.text, self.person_id or None, self.follow_up_id)
        except ValidationError as error:
            self.notify(error.message, title="Not marked sent", severity="error", markup=False)
            self.query_one("#message-channel", Input).focus()
            return
        saved = self.app.changes.save(changed)
        if saved is None:
            return  # told why; the message stays here
        contact = saved.contacts[-1]
        self.dismiss(Sent(saved, contacted_message(saved, contact.follow_up_id, contact)
                          if contact.follow_up_id else sent_text(saved, contact)))

    @asks
    async def action_close(self) -> None:
        if self._kept or await self.app.ask(ConfirmDialog(
                "Close without keeping the message?",
                "You edited it and did not copy, save or send it. Enter closes it.")):
            self.dismiss(None)


def sent_text(client: Client, contact: Contact) -> str:
    """What marking a message sent did (``contact``, the one it logged), in a sentence."""
    person = client.person(contact.person_id)
    said = (f"Logged the message as sent on {contact.on}"
            + (f" to {visible(person.known_as)}" if person else "")
            + f" by {visible(contact.channel)}.")
    if contact.forwarded:
        said += f" Forwarded {counted(len(contact.forwarded), 'item')}."
    return said
