"""A client at a glance, the screen `enter` opens on the list of clients: their people, every
engagement with its stage, the referrals given and received, and the timeline. From here the
steps of the current engagement open with `1`-`5`; a returning client starts a new engagement."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from storage.changes.engagements import end_engagement, start_engagement
from storage.changes.people import make_main_contact, put_person, remove_person
from storage.changes.referrals import (
    became_client,
    put_referral,
    referred_by_client,
    remove_referral,
    thank_for_referral,
)
from storage.clock import today
from storage.records.client import Client
from storage.records.referral import ReferralStatus, ReferredBy
from storage.rules.progress import progress
from storage.rules.steps import Step, stage, stage_words
from storage.views.timeline import Moment, timeline
from storage.words import counted
from tui.dialogs.message import MessageDialog
from tui.dialogs.relationship import engagement_form, person_form, referral_form
from tui.screens.timeline import COLUMNS as TIMELINE
from tui.screens.timeline import moment_cells
from tui.text import literal, one_line
from tui.type_ahead import asks
from tui.widgets.footer import Footer
from tui.widgets.read_only_banner import ReadOnlyBanner
from tui.widgets.row_list import Column, RowList

if TYPE_CHECKING:
    from tui.changes import Change

# In a narrow list the dates make way for the names.
PEOPLE = [Column("Person", share=3), Column("Reach them", share=2),
          Column("Role", width=14, optional=True)]
ENGAGEMENTS = [Column("Engagement", share=1), Column("Began", width=10, optional=True),
               Column("Stage", width=10)]
REFERRALS = [Column("Referred", share=1), Column("On", width=10, optional=True),
             Column("Outcome", width=15)]


class OverviewScreen(Screen):
    """One client: people, engagements, referrals and timeline, read when it opens and after
    every change made here."""

    CSS_PATH = "overview.tcss"
    HELP_TITLE = "A client at a glance"
    BINDINGS = [
        Binding("escape", "back", "Back", id="overview.back", tooltip="Back to the clients"),
        Binding("enter", "open_current", "Steps", id="overview.steps",
                tooltip="The current engagement, at the step where it stands (or press 1-5); "
                        "on a person or a referral, edit it"),
        Binding("n", "new_engagement", "New", id="overview.new_engagement",
                tooltip="They are back: start a new engagement, the earlier ones kept"),
        Binding("p", "add_person", "Person", id="overview.add_person",
                tooltip="Add a person at this client"),
        Binding("e", "edit_person", "Edit person", id="overview.edit_person",
                tooltip="Edit the person under the cursor"),
        Binding("m", "main_contact", "Main contact", id="overview.main_contact",
                tooltip="Make the person under the cursor the main contact"),
        Binding("d", "remove_person", "Remove person", id="overview.remove_person",
                tooltip="Remove the person under the cursor (their contacts keep their dates)"),
        Binding("x", "end_engagement", "End engagement", id="overview.end_engagement",
                tooltip="The current engagement is over today; you stay in touch"),
        Binding("r", "add_referral", "Referral", id="overview.add_referral",
                tooltip="Note someone this client referred to you"),
        Binding("b", "became_client", "Became a client", id="overview.became_client",
                tooltip="The referral under the cursor became a client: link them, then thank"),
        Binding("delete", "remove_referral", "Remove referral", id="overview.remove_referral",
                tooltip="Remove the referral under the cursor (in the referrals; u undoes it)"),
        Binding("W", "write_message", "Write", id="overview.write",
                tooltip="Write a message from a template that fits where they stand"),
        *(Binding(str(step.value), f"open_step({step.value})", show=False) for step in Step),
    ]

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id
        self.client: Client | None = None
        self.moments: list[Moment] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReadOnlyBanner()
        yield Static(id="overview-title")
        with Horizontal():
            with Vertical(id="overview-left"):
                yield RowList(PEOPLE, self._person_row, id="people",
                              empty="Nobody yet: p adds one")
                yield RowList(ENGAGEMENTS, self._engagement_row, id="engagements")
                yield RowList(REFERRALS, self._referral_row, id="referrals",
                              empty="None yet: r notes one")
            yield RowList(TIMELINE, self._moment_row, id="moments",
                          empty="Nothing dated yet: it fills in as you mark things done")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#engagements", RowList).focus()

    def for_client(self, client_id: int) -> None:
        """Show ``client_id`` here, kept from an earlier opening, as a new overview would."""
        self.client_id = client_id
        self.reload()
        for rows in self.query(RowList).results(RowList):
            rows.move_cursor(0)
        self.set_focus(self.query_one("#engagements", RowList))

    def reload(self) -> None:
        """Read the client again and show them."""
        self.client = self.app.changes.client(self.client_id)
        if self.client is None:
            return
        client = self.client
        self.moments = timeline(client)
        self.sub_title = ", ".join((counted(len(client.engagements), "engagement"),
                                    counted(len(client.people), "person", "people"),
                                    counted(len(client.referrals), "referral") + " given"))
        title = literal(client.name, "bold")
        if client.referred_by:
            title.append_text(literal(f"  referred by {self._referrer(client.referred_by)}",
                                      "italic"))
        self.query_one("#overview-title", Static).update(title)
        for list_id, keys in (("people", [person.id for person in client.people]),
                              ("engagements", list(range(len(client.engagements)))),
                              ("referrals", [referral.id for referral in client.referrals]),
                              ("moments", list(range(len(self.moments))))):
            rows = self.query_one(f"#{list_id}", RowList)
            rows.show(keys, keep=rows.current_key)

    def _referrer(self, referred_by: ReferredBy) -> str:
        if referred_by.client_id is not None:
            other = self.app.changes.client(referred_by.client_id)
            if other is not None:
                return other.name
        return referred_by.name

    # -- rows ----------------------------------------------------------------------------------

    def _person_row(self, person_id: str) -> list[Any]:
        client = self.client
        person = client.find(client.people, person_id)
        name = one_line(person.known_as, "bold" if person is client.main_person else "")
        if person is client.main_person:
            name.append(" (main)", "dim")
        if person.moved:
            reach = one_line(f"moved to {person.moved_to}" if person.moved_to.strip()
                             else "moved on", "italic")
        else:
            reach = one_line(", ".join(part for part in (person.email, person.phone) if part))
        return [name, reach, one_line(person.role)]

    def _engagement_row(self, place: int) -> list[Any]:
        client = self.client
        engagement = client.engagements[place]
        started = engagement.first_day.isoformat() if engagement.first_day else ""
        if engagement is client.current and engagement.is_open:
            where = stage_words(stage(progress(client)))
        else:
            where = f"ended {engagement.ended.year}" if engagement.ended else "ended"
        return [one_line(engagement.name(place + 1)), literal(started), literal(where)]

    def _referral_row(self, referral_id: str) -> list[Any]:
        referral = self.client.find(self.client.referrals, referral_id)
        return [one_line(referral.to), literal(referral.on.isoformat()),
                literal(referral.status.value)]

    def _moment_row(self, index: int) -> list[Any]:
        return moment_cells(self.moments[index])

    # -- keys ----------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.leave_client(self.client_id)

    def action_open_step(self, number: int) -> None:
        self.app.open_step(self.client_id, Step(number))

    @asks
    async def action_write_message(self) -> None:
        if self.client is None:
            return
        sent = await self.app.ask(MessageDialog(self.client, stage(progress(self.client))
                                                or Step.KEEP_IN_TOUCH))
        if sent is not None:
            self.reload()
            self.notify(sent.told, markup=False)

    def action_open_current(self) -> None:
        if self.focused is self.query_one("#people"):
            self.action_edit_person()
        elif self.focused is self.query_one("#referrals"):
            self._edit_referral()
        elif self.client is not None:
            self.action_open_step(stage(progress(self.client)) or Step.KEEP_IN_TOUCH)

    @asks
    async def action_new_engagement(self) -> None:
        engagement = await self.app.ask(engagement_form(today()))
        if engagement is not None and self.app.changes.apply(
                self.client_id, start_engagement, engagement, today()):
            self.reload()

    @asks
    async def action_add_person(self) -> None:
        person = await self.app.ask(person_form())
        if person is not None and self.app.changes.apply(self.client_id, put_person, person):
            self.reload()

    @on(RowList.Selected, "#people")
    def _person_clicked(self) -> None:
        self.action_edit_person()

    @asks
    async def action_edit_person(self) -> None:
        person_id = self.query_one("#people", RowList).current_key
        if self.client is None or person_id is None:
            return
        person = await self.app.ask(person_form(self.client.find(self.client.people, person_id)))
        if person is not None and self.app.changes.apply(self.client_id, put_person, person):
            self.reload()

    def action_main_contact(self) -> None:
        person_id = self.query_one("#people", RowList).current_key
        if person_id is not None and self.app.changes.apply(
                self.client_id, make_main_contact, person_id):
            self.reload()

    @asks
    async def action_remove_person(self) -> None:
        await self._remove("people", lambda person: f"Remove {person.known_as}?",
                           "Contacts with them keep their dates, not their name. Enter removes; "
                           "u undoes.", remove_person)

    async def _remove(self, list_id: str, question: Callable[[Any], str], detail: str,
                      change: Change) -> None:
        """Remove the item under the cursor of the client's list ``list_id`` (``people``,
        ``referrals``) with ``change``, once the user says yes to ``question`` about it."""
        from tui.dialogs.confirm import ConfirmDialog  # imported when first needed

        item_id = self.query_one(f"#{list_id}", RowList).current_key
        if self.client is None or item_id is None:
            return
        item = self.client.find(getattr(self.client, list_id), item_id)
        if await self.app.ask(ConfirmDialog(question(item), detail)):
            self.app.changes.apply(self.client_id, change, item_id)
            self.reload()

    @asks
    async def action_end_engagement(self) -> None:
        from tui.dialogs.confirm import ConfirmDialog  # imported when first needed

        if self.client is None or not self.client.current.is_open:
            self.notify("Every engagement has ended; n starts a new one.", markup=False)
            return
        if await self.app.ask(ConfirmDialog(
                f"End {self.client.current_name} today?",
                "It is kept with everything in it; staying in touch goes on.")):
            self.app.changes.apply(self.client_id, end_engagement, today())
            self.reload()

    @asks
    async def action_add_referral(self) -> None:
        referral = await self.app.ask(referral_form(today()))
        if referral is not None and self.app.changes.apply(self.client_id, put_referral,
                                                           referral):
            self.reload()

    @on(RowList.Selected, "#referrals")
    @asks
    async def _edit_referral(self) -> None:
        referral_id = self.query_one("#referrals", RowList).current_key
        if self.client is None or referral_id is None:
            return
        referral = await self.app.ask(referral_form(
            today(), self.client.find(self.client.referrals, referral_id)))
        if referral is not None and self.app.changes.apply(self.client_id, put_referral,
                                                           referral):
            self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove_referral":
            return self.is_mounted and self.focused is self.query_one("#referrals")
        return True

    @asks
    async def action_remove_referral(self) -> None:
        await self._remove("referrals", lambda referral: f"Remove the referral of {referral.to}?",
                           "Enter removes it; u undoes.", remove_referral)

    @asks
    async def action_became_client(self) -> None:
        """Link the referral to the client it became (added when the book has nobody of that
        name; either way referred by this one, unless they say who did), then offer to plan a
        thank-you."""
        referral_id = self.query_one("#referrals", RowList).current_key
        if self.client is None or referral_id is None:
            return
        referral = self.client.find(self.client.referrals, referral_id)
        if referral.status is ReferralStatus.BECAME_CLIENT:
            self.notify(f"{referral.to} is a client already.", markup=False)
            return
        known = self.app.changes.client_named(referral.to)
        if known is not None and not known.referred_by:
            self.app.changes.apply(known.id, referred_by_client, self.client_id)
        new = known or self.app.changes.add_client(
            Client.new(referral.to, referred_by=ReferredBy(client_id=self.client_id)))
        if new is None or not self.app.changes.apply(self.client_id, became_client,
                                                     referral_id, new.id):
            return
        self.reload()
        from tui.dialogs.confirm import ConfirmDialog  # imported when first needed

        if await self.app.ask(ConfirmDialog(
                f"Plan a thank-you to {self.client.name}?",
                f"A follow-up tomorrow to thank them for referring {referral.to}. "
                "Enter plans it; escape leaves it.")):
            self.app.changes.apply(self.client_id, thank_for_referral, referral_id, today())
            self.reload()
