"""Step 5: stay in touch for years — follow-ups that go from fresh to due to stale, the contacts
that answer them, and what to forward next time.

The dialogs here are shared with the agenda: each ``build`` applies its change to a fresh copy
of the client through `storage.keeping_in_touch`, so a ValidationError lands at its field and
nothing is stored until the dialog closes with a valid client.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import DataTable, Select, Static

from storage import keeping_in_touch
from storage.clock import today
from storage.errors import ValidationError
from storage.records.client import Client
from storage.records.contact import Contact, ForwardItem
from storage.records.fields import parse_date
from storage.records.follow_up import FollowUp, FollowUpKind
from storage.rules.recurrence.parser import normalise_rule
from storage.rules.recurrence.presets import PRESETS
from storage.rules.schedule import Freshness
from storage.rules.steps import Step
from tui.dialogs.form import FormDialog, FormField
from tui.screens.step import StepScreen
from tui.text import literal, visible
from tui.theme import theme_style
from tui.type_ahead import asks
from tui.widgets.checklist import Checklist

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
ONLY_FOR = {"birthday": {"birthday"}, "rule": {"custom"}, "cadence_days": {CADENCE}}
RULE_EXAMPLE = "FREQ=MONTHLY;INTERVAL=2;COUNT=6"
DEFAULT_CHANNEL = "email"
CHANNEL_HINT = "email, call, coffee, LinkedIn…"

FRESHNESS_LOOK = {
    # state: (glyph, theme variable or None, extra style)
    Freshness.FRESH: ("●", "text-success", ""),
    Freshness.DUE: ("●", "text-warning", "bold"),
    Freshness.STALE: ("●", "text-error", "bold"),
    Freshness.ENDED: ("○", None, "dim"),
}
FOLLOW_UP_COLUMNS = ("Follow-up", "State", "Next", "Then")
# From this terminal width on, the follow-ups list also says how each repeats (narrower, the line
# under the list says it for the highlighted one).
WIDE = 110
LIST_ATTRIBUTES = {"follow-ups": "follow_ups", "contacts": "contacts", "forward": "forward_queue"}
EMPTY_HINTS = {
    "follow-ups": "No follow-ups yet — press a to add one: twice a year, their birthday, "
                  "every quarter, or every N days after you last spoke.",
    "contacts": "No contacts logged yet — press l whenever you get in touch.",
    "forward": "Nothing to forward yet — press f to keep an article, an introduction or a tool "
               "for the next time you write.",
}


def freshness_style(app: Any, state: Freshness) -> Style:
    _, variable, extra = FRESHNESS_LOOK[state]
    return theme_style(app, variable, extra) if variable else Style.parse(extra)


def freshness_cell(app: Any, state: Freshness) -> Text:
    """The state in its colour: green fresh, yellow due, red stale, dim ended."""
    glyph = FRESHNESS_LOOK[state][0]
    return Text(f"{glyph} {state.value}", style=freshness_style(app, state))


def short(text: str, width: int, style: str = "") -> Text:
    """``text`` shown literally, cut to ``width`` cells with an ellipsis."""
    cell = literal(" ".join(text.split()), style)
    cell.truncate(width, overflow="ellipsis")
    return cell


def next_dates(follow_up: FollowUp, last_contact: date | None, count: int = 3) -> list[date]:
    """The next ``count`` dates still to handle (the first may be overdue); one for a cadence."""
    first = follow_up.next_due(last_contact=last_contact)
    dates = [first] if first else []
    while dates and len(dates) < count and follow_up.kind is FollowUpKind.RULE:
        following = follow_up.next_after(dates[-1], last_contact=last_contact)
        if following is None:
            break
        dates.append(following)
    return dates


def then_text(follow_up: FollowUp, dates: list[date]) -> str:
    if follow_up.kind is FollowUpKind.CADENCE:
        return f"then {follow_up.cadence_days} days after the next contact"
    return ", ".join(day.isoformat() for day in dates[1:]) or "—"


def whole_days(field: str, text: str, what: str) -> int:
    """A number of days typed in ``field``; the range is checked by the follow-up itself."""
    value = (text or "").strip()
    if not value:
        raise ValidationError(field, f"{what} is needed, in days (for example 30)")
    try:
        return int(value)
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a whole number of days") from None


def queue_text(client: Client) -> str:
    items = [item.text for item in client.forward_queue]
    if not items:
        return "Nothing is queued to forward."
    return f"Also sends the forward queue: {'; '.join(items)}"


# -- dialogs ---------------------------------------------------------------------------------------


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
        FormField("birthday", "Their birthday", "date", value=client.birthday or "",
                  hint="Saved on the client"),
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
        grace = whole_days("grace_days", values["grace_days"], "The grace period")
        birthday = None
        if preset == CADENCE:
            days = whole_days("cadence_days", values["cadence_days"], "The number of days")
            made = FollowUp.from_cadence(label or f"Every {days} days", days, start)
        elif preset == "custom":
            made = FollowUp.from_rule(label or PRESETS["custom"][0], values["rule"], start)
        else:
            if preset == "birthday":
                birthday = parse_date("birthday", values["birthday"])
            made = FollowUp.from_preset(preset, start, birthday=birthday, label=label)
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
        made.grace_days = whole_days("grace_days", values["grace_days"], "The grace period")
        if custom_rule:
            made.rule = normalise_rule(values["rule"])
        if follow_up.kind is FollowUpKind.CADENCE:
            made.cadence_days = whole_days("cadence_days", values["cadence_days"],
                                           "The number of days")
        made.validate()
        return made

    return FormDialog(f"Edit {follow_up.label}", fields, build)


def contacted_form(load: Callable[[], Client], follow_up_id: str) -> FormDialog[Client] | None:
    """"Contacted today" about a follow-up: dismisses with the client, its next date handled
    and the contact logged (sending the forward queue). None when the follow-up has ended."""
    client = load()
    follow_up = client.find(client.follow_ups, follow_up_id)
    handles = follow_up.next_due(last_contact=client.last_contact)
    if handles is None:
        return None
    fields = [
        FormField("channel", "How you got in touch", value=DEFAULT_CHANNEL,
                  placeholder=CHANNEL_HINT),
        FormField("note", "Note", placeholder="What you talked about", hint=queue_text(client)),
    ]

    def build(values: dict[str, Any]) -> Client:
        fresh = load()
        keeping_in_touch.mark_done(fresh, follow_up_id, today(), values["channel"].strip(),
                                   values["note"].strip())
        return fresh

    title = f"Contacted {client.name} today about {follow_up.label} (handles {handles})"
    return FormDialog(title, fields, build)


def snooze_form(load: Callable[[], Client], follow_up_id: str,
                occurrence: date | None = None) -> FormDialog[Client] | None:
    """Move one date (the next due unless ``occurrence``) later; None when nothing is left."""
    client = load()
    follow_up = client.find(client.follow_ups, follow_up_id)
    occurrence = occurrence or follow_up.next_due(last_contact=client.last_contact)
    if occurrence is None:
        return None
    # A week after the date, or after today for an overdue one (an earlier day would be overdue).
    fields = [FormField("to", f"Move {occurrence} to", "date",
                        value=(max(occurrence, today()) + timedelta(days=7)).isoformat(),
                        hint="A later day; the rest of the series stays as it is")]

    def build(values: dict[str, Any]) -> Client:
        fresh = load()
        to = parse_date("to", values["to"], required=True)
        keeping_in_touch.snooze(fresh, follow_up_id, occurrence, to)
        return fresh

    return FormDialog(f"Snooze {follow_up.label} for {client.name}", fields, build)


def log_contact_form(load: Callable[[], Client]) -> FormDialog[Client]:
    """Log a contact not tied to a follow-up; dismisses with the client, the contact added."""
    client = load()
    count = len(client.forward_queue)
    queued = f"{count} item{'' if count == 1 else 's'}" if count else "nothing queued"
    fields = [
        FormField("on", "When", "date", value=today().isoformat()),
        FormField("channel", "How you got in touch", value=DEFAULT_CHANNEL,
                  placeholder=CHANNEL_HINT),
        FormField("note", "Note", placeholder="What you talked about"),
        FormField("forward", f"Send the forward queue with it ({queued})", "check", value=True),
    ]

    def build(values: dict[str, Any]) -> Client:
        on = parse_date("on", values["on"], required=True)
        if on > today():
            raise ValidationError("on", "a contact cannot be in the future")
        fresh = load()
        keeping_in_touch.log_contact(fresh, on, values["channel"].strip(), values["note"].strip(),
                                     forward=values["forward"])
        return fresh

    return FormDialog(f"Log a contact with {client.name}", fields, build)


def edit_contact_form(contact: Contact) -> FormDialog[Contact]:
    fields = [
        FormField("on", "When", "date", value=contact.on.isoformat()),
        FormField("channel", "How you got in touch", value=contact.channel,
                  placeholder=CHANNEL_HINT),
        FormField("note", "Note", value=contact.note),
    ]

    def build(values: dict[str, Any]) -> Contact:
        made = Contact.from_dict(contact.to_dict())
        made.on = parse_date("on", values["on"], required=True)
        if made.on > today():
            raise ValidationError("on", "a contact cannot be in the future")
        made.channel = values["channel"].strip()
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


# -- the screen -----------------------------------------------------------------------------------


class InTouchList(Checklist):
    """A Checklist without ticking: space falls through to "contacted today" (see InTouchLists)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "toggle"


class InTouchLists(VerticalScroll, can_focus=False):
    """The three lists, and the keys of this step.

    The keys live here rather than on the screen because the Footer lists bindings from the
    focused list outwards: here they come before the step keys 1-5.
    """

    HELP_TITLE = "Stay in touch"
    BINDINGS = [
        Binding("c,space", "screen.contacted", "Contacted", id="in_touch.contacted",
                tooltip="Contacted today: mark the follow-up's next date done and log the contact"),
        Binding("s", "screen.snooze", "Snooze", id="in_touch.snooze",
                tooltip="Move the follow-up's next date to a later day"),
        Binding("l", "screen.log", "Log", id="in_touch.log",
                tooltip="Log a contact; it sends the forward queue and restarts cadences"),
        Binding("f", "screen.forward", "Forward", id="in_touch.forward",
                tooltip="Add something to forward at the next contact"),
        # The focused list handles these (see Checklist); listed here so the help shows them.
        Binding("a", "screen.in_list('add')", "Add", show=False,
                tooltip="Add to the list: a follow-up, a contact, something to forward"),
        Binding("e", "screen.in_list('edit')", "Edit", show=False, tooltip="Edit the item"),
        Binding("d", "screen.in_list('delete')", "Delete", show=False,
                tooltip="Delete the item (u undoes)"),
    ]


class InTouchScreen(StepScreen):
    """Follow-ups, the contact log and the forward queue; every change is saved at once."""

    STEP = Step.KEEP_IN_TOUCH
    CSS_PATH = "in_touch.tcss"
    _wide_columns: bool | None = None  # whether the follow-ups list has its "Repeats" column

    def compose_step(self) -> ComposeResult:
        yield Static(id="summary")
        with InTouchLists(id="lists"):
            yield InTouchList(FOLLOW_UP_COLUMNS, id="follow-ups")
            yield Static(EMPTY_HINTS["follow-ups"], id="follow-ups-empty", classes="empty-hint",
                         markup=False)
            yield Static(id="follow-up-detail")
            yield InTouchList(("Date", "Channel", "Note", "Forwarded"), id="contacts")
            yield Static(EMPTY_HINTS["contacts"], id="contacts-empty", classes="empty-hint",
                         markup=False)
            yield InTouchList(("To forward", "Link", "Added"), id="forward")
            yield Static(EMPTY_HINTS["forward"], id="forward-empty", classes="empty-hint",
                         markup=False)

    def on_mount(self) -> None:
        self._list("follow-ups").border_title = "Follow-ups"
        self._list("contacts").border_title = "Contact log · newest first"
        forward = self._list("forward")
        forward.border_title = "Forward at the next contact"
        forward.border_subtitle = "sent with your next contact (c or l)"

    def on_resize(self) -> None:
        if self._wide_columns is not None and self._wide_columns != self._is_wide:
            self.show_client(self.client)

    @property
    def _is_wide(self) -> bool:
        return self.app.size.width >= WIDE

    def _set_follow_up_columns(self) -> None:
        """Add the "Repeats" column only when it fits beside the dates."""
        table = self._list("follow-ups")
        if self._wide_columns == self._is_wide:
            return
        self._wide_columns = self._is_wide
        table.set_columns([*FOLLOW_UP_COLUMNS, *(("Repeats",) if self._is_wide else ())])

    def _list(self, list_id: str) -> InTouchList:
        return self.query_one(f"#{list_id}", InTouchList)

    # Showing -------------------------------------------------------------------------------

    def show_client(self, client: Client) -> None:
        day, last = today(), client.last_contact
        self._set_follow_up_columns()
        label_width = self._label_width(client.follow_ups, last)
        self._list("follow-ups").set_rows(
            [(item.id, self._follow_up_cells(item, day, last, label_width))
             for item in client.follow_ups])
        self._list("contacts").set_rows(
            [(contact.id, self._contact_cells(client, contact))
             for contact in newest_first(client)])
        text_width, link_width = self._widths(fixed=14, share=60)
        self._list("forward").set_rows(
            [(item.id, [short(item.text, text_width), short(item.link, link_width, "dim"),
                        Text(item.added_on.isoformat(), style="dim")])
             for item in client.forward_queue])
        for list_id, items in (("follow-ups", client.follow_ups), ("contacts", client.contacts),
                               ("forward", client.forward_queue)):
            self.query_one(f"#{list_id}-empty").display = not items
        self.query_one("#summary", Static).update(self._summary(client, day))
        self._show_detail()
        self.refresh_bindings()

    def _label_width(self, follow_ups: list[FollowUp], last: date | None) -> int:
        """The widest label that keeps the dates on screen at 80 columns (wide: up to 40)."""
        if self._is_wide:
            return 40
        then = max((len(then_text(item, next_dates(item, last))) for item in follow_ups), default=0)
        # State, Next and Then with their padding; the label's padding, the list's border and
        # the body's scrollbar.
        return max(12, self.app.size.width - (9 + 12 + then + 2) - 2 - 2 - 2)

    def _follow_up_cells(self, item: FollowUp, day: date, last: date | None,
                         label_width: int) -> list[Text]:
        state = item.state(day, last_contact=last)
        dates = next_dates(item, last)
        first = Text(dates[0].isoformat(), style=freshness_style(self.app, state)) if dates \
            else Text("—", style="dim")
        then = Text(then_text(item, dates), style="dim") if dates else Text("")
        cells = [short(item.label, label_width), freshness_cell(self.app, state),
                 first, then]
        return cells + [Text(item.describe(), style="dim")] if self._is_wide else cells

    def _widths(self, fixed: int, share: int) -> tuple[int, int]:
        """Widths for a list's two free-text columns: ``share`` percent of what is left to the
        first, so rows fit the terminal without scrolling sideways."""
        free = max(36, self.app.size.width - 10 - fixed)
        first = free * share // 100
        return first, free - first

    def _contact_cells(self, client: Client, contact: Contact) -> list[Text]:
        note_width, forwarded_width = self._widths(fixed=28, share=55)
        note = Text()
        about = next((f.label for f in client.follow_ups if f.id == contact.follow_up_id), None)
        if about:
            note.append_text(literal(about, "italic"))
            note.append(" · " if contact.note else "", style="dim")
        note.append_text(literal(" ".join(contact.note.split())))
        note.truncate(note_width, overflow="ellipsis")
        forwarded = short("; ".join(contact.forwarded), forwarded_width) if contact.forwarded \
            else Text("—", style="dim")
        return [Text(contact.on.isoformat()), short(contact.channel, 16), note, forwarded]

    def _summary(self, client: Client, day: date) -> Text:
        last = client.last_contact
        summary = Text()
        if last is None:
            summary.append("No contact logged yet")
        else:
            ago = (day - last).days
            when = "today" if ago == 0 else f"{ago} day{'' if ago == 1 else 's'} ago"
            summary.append(f"Last contact {last} ({when})")
        states = [item.state(day, last_contact=last) for item in client.follow_ups]
        for state in (Freshness.STALE, Freshness.DUE):
            if count := states.count(state):
                summary.append(" · ")
                summary.append(f"{count} {state.value}", style=freshness_style(self.app, state))
        queued = len(client.forward_queue)
        if queued:
            summary.append(f" · {queued} to forward")
        return summary

    @on(DataTable.RowHighlighted, "#follow-ups")
    def _show_detail(self) -> None:
        """The highlighted follow-up in full: how it repeats, its dates and its grace window."""
        detail = self.query_one("#follow-up-detail", Static)
        item_id = self._list("follow-ups").current_id
        item = next((f for f in self.client.follow_ups if f.id == item_id), None)
        if item is None:
            detail.display = False
            return
        last = self.client.last_contact
        dates = next_dates(item, last)
        text = literal(item.label, "bold")
        text.append(f": {item.describe()}.")
        window = item.due_window(last_contact=last)
        if window is None:
            text.append(" It has ended: no dates left.")
        else:
            late = (today() - dates[0]).days
            text.append(f" Overdue since {dates[0]}" if late > 0 else f" Next {dates[0]}")
            following = then_text(item, dates)
            text.append(f", {following}." if item.kind is FollowUpKind.CADENCE
                        else f", then {following}." if len(dates) > 1 else ".")
            if today() > window[1]:
                text.append(f" Stale since {window[1] + timedelta(days=1)}"
                            f" ({item.grace_days} days' grace).")
            else:
                text.append(f" Stale after {window[1]} ({item.grace_days} days' grace).")
        detail.update(text)
        detail.display = True

    # Keys ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("contacted", "snooze"):
            follow_ups = self.query("#follow-ups").first() if self.is_mounted else None
            if follow_ups is None or self.focused is not follow_ups:
                return False  # about a follow-up: only offered in the follow-ups list
            return None if follow_ups.current_id is None else True
        return True

    def action_in_list(self, action: str) -> None:
        """Only reached when no list has focus: act in the follow-ups."""
        getattr(self._list("follow-ups"), f"action_{action}")()

    def _load(self) -> Client:
        return self.app.repo.client(self.client_id)

    def _store(self, client: Client, what: str, select: tuple[str, str] | None = None) -> bool:
        """Save ``client``; a ValidationError is shown, never stored."""
        try:
            saved = self.save(client, what)
        except ValidationError as error:
            self.reload()
            self.notify(error.message, title="Not saved", severity="error", markup=False)
            return False
        if saved and select is not None:
            list_id, item_id = select
            self._list(list_id).select(item_id)
            self._list(list_id).focus()
        return saved

    @asks
    async def action_contacted(self) -> None:
        item_id = self._list("follow-ups").current_id
        if item_id is None:
            return
        item = self.client.find(self.client.follow_ups, item_id)
        dialog = contacted_form(self._load, item_id)
        if dialog is None:
            self.notify(f"“{visible(item.label)}” has ended. Press l to log a contact anyway.",
                        markup=False)
            return
        client = await self.app.ask(dialog)
        if client is None:
            return
        contact = client.contacts[-1]
        if self._store(client, f"contacted about {item.label}", ("follow-ups", item_id)):
            self.notify(contacted_message(client, item_id, contact), markup=False)

    @asks
    async def action_snooze(self) -> None:
        item_id = self._list("follow-ups").current_id
        if item_id is None:
            return
        item = self.client.find(self.client.follow_ups, item_id)
        dialog = snooze_form(self._load, item_id)
        if dialog is None:
            self.notify(f"“{visible(item.label)}” has ended: no date to snooze.", markup=False)
            return
        client = await self.app.ask(dialog)
        if client is not None:
            self._store(client, f"snooze {item.label}", ("follow-ups", item_id))

    @asks
    async def action_log(self) -> None:
        client = await self.app.ask(log_contact_form(self._load))
        if client is None:
            return
        contact = client.contacts[-1]
        if self._store(client, f"log a contact on {contact.on}", ("contacts", contact.id)):
            sent = len(contact.forwarded)
            self.notify(f"Logged the contact{f' and forwarded {sent}' if sent else ''}.",
                        markup=False)

    @asks
    async def action_forward(self) -> None:
        item = await self.app.ask(forward_form())
        if item is None:
            return
        client = self._load()
        client.forward_queue.append(item)
        self._store(client, f"queue {item.text} to forward", ("forward", item.id))

    @on(Checklist.Add, "#follow-ups")
    def _add_follow_up(self) -> None:
        self._add_follow_up_dialog()

    @asks
    async def _add_follow_up_dialog(self) -> None:
        result = await self.app.ask(add_follow_up_form(self._load()))
        if result is None:
            return
        follow_up, birthday = result
        client = self._load()
        client.follow_ups.append(follow_up)
        if birthday is not None:
            client.birthday = birthday
        if self._store(client, f"add the follow-up {follow_up.label}",
                       ("follow-ups", follow_up.id)):
            due = follow_up.next_due(last_contact=client.last_contact)
            self.notify(f"Added “{visible(follow_up.label)}”; first date {due}.", markup=False)

    @on(Checklist.Add, "#contacts")
    def _add_contact(self) -> None:
        self.action_log()

    @on(Checklist.Add, "#forward")
    def _add_forward(self) -> None:
        self.action_forward()

    @on(Checklist.Edit, "#follow-ups, #contacts, #forward")
    def _edit(self, event: Checklist.Edit) -> None:
        attribute = LIST_ATTRIBUTES[event.checklist.id]
        form = {"follow-ups": edit_follow_up_form, "contacts": edit_contact_form,
                "forward": forward_form}[event.checklist.id]
        item = self.client.find(getattr(self.client, attribute), event.item_id)
        self._edit_dialog(attribute, form(item), event.checklist.id)

    @asks
    async def _edit_dialog(self, attribute: str, dialog: FormDialog, list_id: str) -> None:
        changed = await self.app.ask(dialog)
        if changed is not None:
            self._replace(attribute, changed, f"edit {describe_item(changed)}", list_id)

    def _replace(self, attribute: str, changed: Any, what: str, list_id: str) -> None:
        client = self._load()
        items = getattr(client, attribute)
        items[items.index(client.find(items, changed.id))] = changed
        self._store(client, what, (list_id, changed.id))

    @on(Checklist.Delete, "#follow-ups, #contacts, #forward")
    def _delete(self, event: Checklist.Delete) -> None:
        attribute = LIST_ATTRIBUTES[event.checklist.id]
        client = self._load()
        items = getattr(client, attribute)
        item = client.find(items, event.item_id)
        items.remove(item)
        if self._store(client, f"delete {describe_item(item)}"):
            self.notify(f"Deleted {visible(describe_item(item))}. Press u to undo.", markup=False)


def describe_item(item: FollowUp | Contact | ForwardItem) -> str:
    """How undo and notifications name an item of one of the three lists."""
    if isinstance(item, Contact):
        return f"the contact of {item.on}"
    return f"“{item.label}”" if isinstance(item, FollowUp) else f"“{item.text}”"


def newest_first(client: Client) -> list[Contact]:
    """The contact log, newest first; contacts on the same day by when they were logged."""
    logged = list(enumerate(client.contacts))
    return [contact for _, contact in sorted(logged, key=lambda pair: (pair[1].on, pair[0]),
                                             reverse=True)]


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
