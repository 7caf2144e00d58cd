"""The dialogs of step 5, shared with the agenda: follow-ups, contacts, what to forward.

The dialogs that change a client (contacted, snooze, log) apply their change to a fresh copy
through the app's changes, so a ValidationError lands at its field and nothing is stored
until the dialog closes with a valid client.
"""

from __future__ import annotations

import inspect
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Select

from storage.changes import in_touch
from storage.clock import today
from storage.errors import ValidationError
from storage.records.client import Client
from storage.records.contact import Contact, ForwardItem
from storage.records.fields import parse_date, parse_whole_number
from storage.records.follow_up import FollowUp, FollowUpKind
from storage.rules.recurrence.parser import normalise_rule
from storage.rules.recurrence.presets import PRESETS
from tui.changes import Changed
from tui.dialogs.form import FormDialog, FormField
from tui.text import visible

if TYPE_CHECKING:
    from tui.changes import Changes

CADENCE = "cadence"  # the preset select's key for "every N days after we last spoke"
PRESET_LABELS = {
    "birthday": "Yearly on their birthday",
    "industry-news": "Quarterly industry news",
    "custom": "Custom rule (RRULE)",
}
PRESET_CHOICES = [
    *((PRESET_LABELS.get(key, name), key) for key, (name, _) in PRESETS.items() if key != "custom"),
    ("Every N days after we last spoke", CADENCE),
    (PRESET_LABELS["custom"], "custom"),
]
# Fields of the add dialog that only one choice of preset needs.
ONLY_FOR = {"person_id": {"birthday"}, "birthday": {"birthday"}, "rule": {"custom"},
            "cadence_days": {CADENCE}}
RULE_EXAMPLE = "FREQ=MONTHLY;INTERVAL=2;COUNT=6"
DEFAULT_CHANNEL = "email"
CHANNEL_HINT = "email, call, coffee, LinkedIn…"


def queue_text(client: Client) -> str:
    items = [item.text for item in client.forward_queue]
    if not items:
        return "Nothing is queued to forward."
    return f"Also sends the forward queue: {'; '.join(items)}"


class FollowUpForm(FormDialog):
    """The add dialog: only the fields the chosen preset needs are shown."""

    CSS_PATH = Path(inspect.getfile(FormDialog)).with_name("form.tcss")  # relative to its module
    # It opens in the preset select, where enter opens the menu: show how to save from there.
    BINDINGS = [Binding("ctrl+s", "submit", "Save", priority=True, id="dialog.save_from_any_field",
                        tooltip="Save and close, whichever field has focus")]

    def on_mount(self) -> None:
        self._show_fields(self.query_one("#field-preset", Select).value)

    @on(Select.Changed, "#field-preset")
    def _preset_changed(self, event: Select.Changed) -> None:
        self._show_fields(event.value)

    def _show_fields(self, preset: object) -> None:
        for name, presets in ONLY_FOR.items():
            if not self.query(f"#field-{name}"):
                continue  # a client with nobody recorded is asked no "whose"
            for widget in self._field_widgets(name):
                widget.display = preset in presets

    def _field_widgets(self, name: str) -> list[Widget]:
        """The editor of field ``name`` with its label and hint (its siblings in the form)."""
        editor = self.query_one(f"#field-{name}")
        siblings = list(editor.parent.children)
        index = siblings.index(editor)
        found = [editor]
        if index > 0 and siblings[index - 1].has_class("field-label"):
            found.append(siblings[index - 1])
        if index + 1 < len(siblings) and siblings[index + 1].has_class("field-hint"):
            found.append(siblings[index + 1])
        return found


def add_follow_up_form(client: Client) -> FormDialog[tuple[FollowUp, date | None]]:
    """Ask for a new follow-up; dismisses with it and the birthday typed (for that preset)."""
    fields = [
        FormField("preset", "How often", "select", value="twice-a-year", options=PRESET_CHOICES),
        FormField("label", "Label", placeholder="Leave empty to use the preset's name"),
        FormField("start", "Starting", "date", value=today().isoformat(),
                  hint="The first date; monthly ones repeat on its day of the month"),
        *([FormField("person_id", "Whose birthday", "select",
                     value=client.main_person.id if client.main_person else client.people[0].id,
                     options=[(person.known_as, person.id) for person in client.people])]
          if client.people else []),
        FormField("birthday", "Their birthday", "date", value=client.birthday or "",
                  hint="Saved on the person; leave empty to use the one they have"),
        FormField("rule", "Recurrence rule (RRULE)", placeholder=RULE_EXAMPLE,
                  hint=f"For example {RULE_EXAMPLE}: every 2 months, 6 times"),
        FormField("cadence_days", "Every how many days after you last spoke", "number",
                  value="30"),
        FormField("grace_days", "Grace days", "number", value="14",
                  hint="How long after its date it stays due before turning stale"),
    ]

    def build(values: dict[str, Any]) -> tuple[FollowUp, date | None]:
        preset, label = values["preset"], values["label"].strip()
        start = parse_date("start", values["start"], required=True)
        grace = parse_whole_number("grace_days", values["grace_days"], unit="days")
        birthday = None
        if preset == CADENCE:
            days = parse_whole_number("cadence_days", values["cadence_days"], unit="days")
            made = FollowUp.from_cadence(label or f"Every {days} days", days, start)
        elif preset == "custom":
            made = FollowUp.from_rule(label or PRESETS["custom"][0], values["rule"], start)
        else:
            person = client.person(values.get("person_id"))
            if preset == "birthday":
                birthday = parse_date("birthday", values["birthday"]) or (
                    person.birthday if person else None)
            made = FollowUp.from_preset(preset, start, birthday=birthday, label=label)
            made.person_id = person.id if person and preset == "birthday" else None
        made.grace_days = grace
        made.validate()
        return made, birthday

    return FollowUpForm("Add a follow-up", fields, build)


def edit_follow_up_form(follow_up: FollowUp) -> FormDialog[FollowUp]:
    """Edit the label and grace days, and the rule or the days of a custom one."""
    custom_rule = follow_up.kind is FollowUpKind.RULE and follow_up.preset == "custom"
    fields = [
        FormField("label", "Label", value=follow_up.label),
        FormField("grace_days", "Grace days", "number", value=str(follow_up.grace_days),
                  hint="How long after its date it stays due before turning stale"),
    ]
    if custom_rule:
        fields.append(FormField("rule", "Recurrence rule (RRULE)", value=follow_up.rule,
                                hint=f"For example {RULE_EXAMPLE}"))
    if follow_up.kind is FollowUpKind.CADENCE:
        fields.append(FormField("cadence_days", "Every how many days after you last spoke",
                                "number", value=str(follow_up.cadence_days)))

    def build(values: dict[str, Any]) -> FollowUp:
        made = FollowUp.from_dict(follow_up.to_dict())
        made.label = values["label"].strip()
        made.grace_days = parse_whole_number("grace_days", values["grace_days"], unit="days")
        if custom_rule:
            made.rule = normalise_rule(values["rule"])
        if follow_up.kind is FollowUpKind.CADENCE:
            made.cadence_days = parse_whole_number("cadence_days", values["cadence_days"],
                                                   unit="days")
        made.validate()
        return made

    return FormDialog(f"Edit {follow_up.label}", fields, build)


def contacted_form(changes: Changes, client_id: int,
                   follow_up_id: str) -> FormDialog[Changed] | None:
    """"Contacted today" about a follow-up: dismisses with the client, its next date handled
    and the contact logged (sending the forward queue), not saved yet. None when the
    follow-up has ended."""
    client = changes.client(client_id)
    follow_up = client.find(client.follow_ups, follow_up_id)
    handles = follow_up.next_due(last_contact=client.last_contact)
    if handles is None:
        return None
    fields = [
        FormField("channel", "How you got in touch", value=DEFAULT_CHANNEL,
                  placeholder=CHANNEL_HINT),
        *with_whom(client, follow_up.person_id),
        FormField("note", "Note", "long", placeholder="What you talked about",
                  hint=queue_text(client)),
    ]

    def build(values: dict[str, Any]) -> Changed:
        return changes.attempt(client_id, in_touch.contacted, follow_up_id, today(),
                               values["channel"].strip(), values["note"].strip(),
                               values.get("person_id") or None)

    title = f"Contacted {client.name} today about {follow_up.label} (handles {handles})"
    return FormDialog(title, fields, build)


def snooze_form(changes: Changes, client_id: int, follow_up_id: str,
                occurrence: date | None = None) -> FormDialog[Changed] | None:
    """Move one date (the next due unless ``occurrence``) later; None when nothing is left."""
    client = changes.client(client_id)
    follow_up = client.find(client.follow_ups, follow_up_id)
    occurrence = occurrence or follow_up.next_due(last_contact=client.last_contact)
    if occurrence is None:
        return None
    # A week after the date, or after today for an overdue one (an earlier day would be overdue).
    fields = [FormField("to", f"Move {occurrence} to", "date",
                        value=(max(occurrence, today()) + timedelta(days=7)).isoformat(),
                        hint="A later day; the rest of the series stays as it is")]

    def build(values: dict[str, Any]) -> Changed:
        to = parse_date("to", values["to"], required=True)
        changed = changes.attempt(client_id, in_touch.snooze, follow_up_id, occurrence, to)
        snoozed = changed.client.find(changed.client.follow_ups, follow_up_id)
        told = (f"Moved “{visible(snoozed.label)}” of {visible(client.name)} from {occurrence} "
                f"to {to}. {jumped_text(snoozed, occurrence, to)}")
        return Changed(changed.client, changed.what, told.rstrip())

    return FormDialog(f"Snooze {follow_up.label} for {client.name}", fields, build)


def jumped_text(follow_up: FollowUp, occurrence: date, to: date) -> str:
    """What a snooze of ``occurrence`` to ``to`` reordered, in a sentence ("2026-04-20 now comes
    first."), or "" when it jumped over no date of the series. A cadence has no later dates."""
    if follow_up.kind is FollowUpKind.CADENCE:
        return ""
    jumped = [day.isoformat() for day in follow_up.occurrences(occurrence, to, last_contact=None)
              if occurrence < day < to]
    if not jumped:
        return ""
    if len(jumped) == 1:
        return f"{jumped[0]} now comes first."
    return f"{', '.join(jumped[:-1])} and {jumped[-1]} now come first."


NOBODY_IN_PARTICULAR = ""


def with_whom(client: Client, person_id: str | None, *,
              main_first: bool = True) -> list[FormField]:
    """The field saying which of their people the contact was with (``person_id``, else the
    main contact unless not ``main_first``, to begin with); none for a client with nobody
    recorded."""
    if not client.people:
        return []
    main = client.main_person if main_first else None
    chosen = person_id or (main.id if main else NOBODY_IN_PARTICULAR)
    options = [("(nobody in particular)", NOBODY_IN_PARTICULAR),
               *((person.known_as, person.id) for person in client.people)]
    return [FormField("person_id", "With", "select", value=chosen, options=options)]


def log_contact_form(changes: Changes, client_id: int) -> FormDialog[Changed]:
    """Log a contact not tied to a follow-up; dismisses with the client, the contact added."""
    client = changes.client(client_id)
    count = len(client.forward_queue)
    queued = f"{count} item{'' if count == 1 else 's'}" if count else "nothing queued"
    fields = [
        FormField("on", "When", "date", value=today().isoformat()),
        FormField("channel", "How you got in touch", value=DEFAULT_CHANNEL,
                  placeholder=CHANNEL_HINT),
        *with_whom(client, None),
        FormField("note", "Note", "long", placeholder="What you talked about"),
        FormField("forward", f"Send the forward queue with it ({queued})", "check", value=True),
    ]

    def build(values: dict[str, Any]) -> Changed:
        on = parse_date("on", values["on"], required=True)
        if on > today():
            raise ValidationError("on", "a contact cannot be in the future")
        return changes.attempt(client_id, in_touch.logged, on, values["channel"].strip(),
                               values["note"].strip(), values["forward"],
                               values.get("person_id") or None)

    return FormDialog(f"Log a contact with {client.name}", fields, build)


def edit_contact_form(client: Client, contact: Contact) -> FormDialog[Contact]:
    """Edit a contact of ``client``: when, how, with whom (as logged), and its note."""
    fields = [
        FormField("on", "When", "date", value=contact.on.isoformat()),
        FormField("channel", "How you got in touch", value=contact.channel,
                  placeholder=CHANNEL_HINT),
        *with_whom(client, contact.person_id, main_first=False),
        FormField("note", "Note", "long", value=contact.note),
    ]

    def build(values: dict[str, Any]) -> Contact:
        made = Contact.from_dict(contact.to_dict())
        made.on = parse_date("on", values["on"], required=True)
        if made.on > today():
            raise ValidationError("on", "a contact cannot be in the future")
        made.channel = values["channel"].strip()
        made.person_id = values.get("person_id", contact.person_id) or None
        made.note = values["note"].strip()
        made.validate()
        return made

    return FormDialog(f"Edit the contact of {contact.on}", fields, build)


def forward_form(item: ForwardItem | None = None) -> FormDialog[ForwardItem]:
    editing = item or ForwardItem(text="", added_on=today())
    fields = [
        FormField("text", "What to forward", value=editing.text,
                  placeholder="e.g. The article on accessibility audits"),
        FormField("link", "Link", value=editing.link, hint="Optional"),
    ]

    def build(values: dict[str, Any]) -> ForwardItem:
        made = ForwardItem(text=values["text"].strip(), added_on=editing.added_on,
                           link=values["link"].strip(), id=editing.id)
        made.validate()
        return made

    title = "Edit what to forward" if item else "Forward at the next contact"
    return FormDialog(title, fields, build)


def contacted_message(client: Client, follow_up_id: str, contact: Contact) -> str:
    """What "contacted today" did, in a sentence: the next date, and what was forwarded."""
    follow_up = client.find(client.follow_ups, follow_up_id)
    following = follow_up.next_due(last_contact=client.last_contact)
    message = f"Marked “{visible(follow_up.label)}” done"
    message += f"; next {following}." if following else "; it has no dates left."
    if contact.forwarded:
        count = len(contact.forwarded)
        message += f" Forwarded {count} item{'' if count == 1 else 's'}."
    return message
