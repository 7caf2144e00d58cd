"""Step 5: stay in touch for years — follow-ups that go from fresh to due to stale, the contacts
that answer them, and what to forward next time (its dialogs: `tui.dialogs.in_touch`)."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from storage.changes import in_touch
from storage.clock import today
from storage.messages.ready import for_follow_up
from storage.records.client import Client
from storage.records.contact import Contact, ForwardItem
from storage.records.follow_up import FollowUp, FollowUpKind
from storage.rules.schedule import Freshness
from storage.rules.steps import Step
from tui.dialogs.form import FormDialog
from tui.dialogs.in_touch import (
    add_follow_up_form,
    contacted_form,
    contacted_message,
    edit_contact_form,
    edit_follow_up_form,
    forward_form,
    log_contact_form,
    snooze_form,
)
from tui.dialogs.message import MessageDialog
from tui.screens.step import StepScreen
from tui.text import literal, one_line, visible
from tui.theme import freshness_style
from tui.type_ahead import asks
from tui.widgets.checklist import Checklist
from tui.widgets.follow_up_cells import freshness_cell, next_dates, then_text
from tui.widgets.row_list import Column, RowList

# The label gives way, so that the dates stay whole at 80 columns.
FOLLOW_UP_COLUMNS = (Column("Follow-up", share=1), Column("State"), Column("Next"),
                     Column("Then"))
# From this terminal width on, the follow-ups list also says how each repeats (narrower, the line
# under the list says it for the highlighted one).
WIDE = 110
REPEATS = Column("Repeats", share=1)
CONTACT_COLUMNS = (Column("Date"), Column("Channel", share=1), Column("Note", share=3),
                   Column("Forwarded", share=2))
FORWARD_COLUMNS = (Column("To forward", share=3), Column("Link", share=2), Column("Added"))
LIST_KINDS = {"follow-ups": FollowUp, "contacts": Contact, "forward": ForwardItem}
EMPTY_HINTS = {
    "follow-ups": "No follow-ups yet — press a to add one: twice a year, their birthday, "
                  "every quarter, or every N days after you last spoke.",
    "contacts": "No contacts logged yet — press l whenever you get in touch.",
    "forward": "Nothing to forward yet — press f to keep an article, an introduction or a tool "
               "for the next time you write.",
}


class InTouchList(Checklist):
    """A Checklist without ticking: space falls through to "contacted today" (see InTouchLists)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "toggle"


class InTouchLists(VerticalScroll, can_focus=False):
    """The three lists, and the keys of this step.

    The keys live here rather than on the screen because the Footer lists bindings from the
    focused list outwards: here they come before the step keys 1-5.
    """

    HELP_TITLE = "In the follow-ups, the contact log and the forward queue"
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
    HELP_WIDGETS = (InTouchLists,)  # its lists' keys are listed there too
    _wide_columns: bool | None = None  # whether the follow-ups list has its "Repeats" column

    def compose_step(self) -> ComposeResult:
        yield Static(id="summary")
        with InTouchLists(id="lists"):
            yield InTouchList(FOLLOW_UP_COLUMNS, id="follow-ups")
            yield Static(EMPTY_HINTS["follow-ups"], id="follow-ups-empty", classes="empty-hint",
                         markup=False)
            yield Static(id="follow-up-detail")
            yield InTouchList(CONTACT_COLUMNS, id="contacts")
            yield Static(EMPTY_HINTS["contacts"], id="contacts-empty", classes="empty-hint",
                         markup=False)
            yield InTouchList(FORWARD_COLUMNS, id="forward")
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

    def _follow_up_columns(self) -> list[Column] | None:
        """The "Repeats" column only when it fits beside the dates; None: as they are."""
        if self._wide_columns == self._is_wide:
            return None
        self._wide_columns = self._is_wide
        return [*FOLLOW_UP_COLUMNS, *((REPEATS,) if self._is_wide else ())]

    def _list(self, list_id: str) -> InTouchList:
        return self.query_one(f"#{list_id}", InTouchList)

    # Showing -------------------------------------------------------------------------------

    def show_client(self, client: Client) -> None:
        day, last = today(), client.last_contact
        self._list("follow-ups").set_rows(
            [(item.id, self._follow_up_cells(item, day, last)) for item in client.follow_ups],
            columns=self._follow_up_columns())
        self._list("contacts").set_rows(
            [(contact.id, self._contact_cells(client, contact))
             for contact in newest_first(client)])
        self._list("forward").set_rows(
            [(item.id, [one_line(item.text), one_line(item.link, "dim"),
                        Text(item.added_on.isoformat(), style="dim")])
             for item in client.forward_queue])
        for list_id, items in (("follow-ups", client.follow_ups), ("contacts", client.contacts),
                               ("forward", client.forward_queue)):
            self.query_one(f"#{list_id}-empty").display = not items
        self.query_one("#summary", Static).update(self._summary(client, day))
        self._show_detail()
        self.refresh_bindings()

    def _follow_up_cells(self, item: FollowUp, day: date, last: date | None) -> list[Text]:
        state = item.state(day, last_contact=last)
        dates = next_dates(item, last)
        first = Text(dates[0].isoformat(), style=freshness_style(self.app, state)) if dates \
            else Text("—", style="dim")
        then = Text(then_text(item, dates), style="dim") if dates else Text("")
        cells = [one_line(item.label), freshness_cell(self.app, state), first, then]
        return cells + [Text(item.describe(), style="dim")] if self._is_wide else cells

    def _contact_cells(self, client: Client, contact: Contact) -> list[Text]:
        note = Text()
        about = next((f.label for f in client.follow_ups if f.id == contact.follow_up_id), None)
        if about:
            note.append_text(literal(about, "italic"))
            note.append(" · " if contact.note else "", style="dim")
        note.append_text(one_line(contact.note))
        forwarded = one_line("; ".join(contact.forwarded)) if contact.forwarded \
            else Text("—", style="dim")
        channel = one_line(contact.channel)
        person = client.person(contact.person_id)
        if person is not None:
            channel.append_text(one_line(f" with {person.known_as}", "dim"))
        return [Text(contact.on.isoformat()), channel, note, forwarded]

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

    @on(RowList.Moved, "#follow-ups")
    def _show_detail(self) -> None:
        """The highlighted follow-up in full: how it repeats, its dates and its grace window."""
        detail = self.query_one("#follow-up-detail", Static)
        item_id = self._list("follow-ups").current_key
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
            return None if follow_ups.current_key is None else True
        return True

    def action_in_list(self, action: str) -> None:
        """Only reached when no list has focus: act in the follow-ups."""
        getattr(self._list("follow-ups"), f"action_{action}")()

    def _stored(self, saved: Client | None, select: tuple[str, str] | None = None) -> bool:
        """Whether the change was stored; if so, select the item it made or changed."""
        if saved is not None and select is not None:
            list_id, item_id = select
            self._list(list_id).move_to(item_id)
            self._list(list_id).focus()
        return saved is not None

    def message_dialog(self) -> MessageDialog:
        """About the follow-up under the cursor, when the follow-ups have focus: its template
        and person, and marking it sent handles its date."""
        client = self.app.changes.client(self.client_id)
        follow_ups = self._list("follow-ups")
        follow_up = next((item for item in client.follow_ups if item.id == follow_ups.current_key
                          and self.focused is follow_ups), None)
        if follow_up is None:
            return super().message_dialog()
        return MessageDialog(client, self.STEP, template=for_follow_up(follow_up.preset),
                             person_id=follow_up.person_id, follow_up_id=follow_up.id)

    @asks
    async def action_contacted(self) -> None:
        item_id = self._list("follow-ups").current_key
        if item_id is None:
            return
        item = self.client.find(self.client.follow_ups, item_id)
        dialog = contacted_form(self.app.changes, self.client_id, item_id)
        if dialog is None:
            self.notify(f"“{visible(item.label)}” has ended. Press l to log a contact anyway.",
                        markup=False)
            return
        changed = await self.app.ask(dialog)
        if changed is None:
            return
        contact = changed.client.contacts[-1]
        if self._stored(self.store(changed), ("follow-ups", item_id)):
            self.notify(contacted_message(changed.client, item_id, contact), markup=False)

    @asks
    async def action_snooze(self) -> None:
        item_id = self._list("follow-ups").current_key
        if item_id is None:
            return
        item = self.client.find(self.client.follow_ups, item_id)
        dialog = snooze_form(self.app.changes, self.client_id, item_id)
        if dialog is None:
            self.notify(f"“{visible(item.label)}” has ended: no date to snooze.", markup=False)
            return
        changed = await self.app.ask(dialog)
        if changed is None or not self._stored(self.store(changed), ("follow-ups", item_id)):
            return
        self.notify(changed.told, markup=False)

    @asks
    async def action_log(self) -> None:
        changed = await self.app.ask(log_contact_form(self.app.changes, self.client_id))
        if changed is None:
            return
        contact = changed.client.contacts[-1]
        if self._stored(self.store(changed), ("contacts", contact.id)):
            sent = len(contact.forwarded)
            self.notify(f"Logged the contact{f' and forwarded {sent}' if sent else ''}.",
                        markup=False)

    @asks
    async def action_forward(self) -> None:
        item = await self.app.ask(forward_form())
        if item is not None:
            self._stored(self.change(in_touch.queue_forward, item), ("forward", item.id))

    @on(Checklist.AddRequested, "#follow-ups")
    def _add_follow_up(self) -> None:
        self._add_follow_up_dialog()

    @asks
    async def _add_follow_up_dialog(self) -> None:
        result = await self.app.ask(add_follow_up_form(self.client))
        if result is None:
            return
        follow_up, birthday = result
        saved = self.change(in_touch.add_follow_up, follow_up, birthday)
        if self._stored(saved, ("follow-ups", follow_up.id)):
            due = follow_up.next_due(last_contact=saved.last_contact)
            self.notify(f"Added “{visible(follow_up.label)}”; first date {due}.", markup=False)

    @on(Checklist.AddRequested, "#contacts")
    def _add_contact(self) -> None:
        self.action_log()

    @on(Checklist.AddRequested, "#forward")
    def _add_forward(self) -> None:
        self.action_forward()

    @on(Checklist.EditRequested, "#follow-ups, #contacts, #forward")
    def _edit(self, event: Checklist.EditRequested) -> None:
        form = {"follow-ups": edit_follow_up_form,
                "contacts": lambda contact: edit_contact_form(self.client, contact),
                "forward": forward_form}[event.checklist.id]
        kept = getattr(self.client, in_touch.LISTS[LIST_KINDS[event.checklist.id]])
        self._edit_dialog(form(self.client.find(kept, event.item_id)), event.checklist.id)

    @asks
    async def _edit_dialog(self, dialog: FormDialog, list_id: str) -> None:
        changed = await self.app.ask(dialog)
        if changed is not None:
            self._stored(self.change(in_touch.edit, changed), (list_id, changed.id))

    @on(Checklist.DeleteRequested, "#follow-ups, #contacts, #forward")
    def _delete(self, event: Checklist.DeleteRequested) -> None:
        kind = LIST_KINDS[event.checklist.id]
        item = self.client.find(getattr(self.client, in_touch.LISTS[kind]), event.item_id)
        if self.change(in_touch.delete, kind, event.item_id) is not None:
            self.notify(f"Deleted {visible(in_touch.describe(item))}. Press u to undo.",
                        markup=False)


def newest_first(client: Client) -> list[Contact]:
    """The contact log, newest first; contacts on the same day by when they were logged."""
    logged = list(enumerate(client.contacts))
    return [contact for _, contact in sorted(logged, key=lambda pair: (pair[1].on, pair[0]),
                                             reverse=True)]
