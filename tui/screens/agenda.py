"""The agenda: what is due across all clients, overdue first, then the coming 90 days: the
follow-ups and every other dated promise, each acted on with the key that fits its kind."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from storage.changes import handover, interview, work
from storage.clock import today
from storage.messages.ready import FOR_PROMISE, for_follow_up
from storage.rules.schedule import Freshness
from storage.rules.steps import Step
from storage.views.agenda import DueItem, Horizon, horizon
from storage.views.promises import PromiseKind
from tui.changes import Change, Changed
from tui.dialogs.in_touch import contacted_form, contacted_message, log_contact_form, snooze_form
from tui.dialogs.message import MessageDialog
from tui.preferences import chase_after
from tui.text import literal, visible
from tui.theme import theme_style
from tui.type_ahead import asks
from tui.widgets.follow_up_cells import freshness_cell, short
from tui.widgets.footer import Footer
from tui.widgets.read_only_banner import ReadOnlyBanner
from tui.widgets.row_list import Column, RowList

WITHIN_DAYS = 90
EMPTY = ("Nothing due in the next 90 days. Add follow-ups in step 5 of a client, or dates to "
         "its work, contract, handover and interview.")
NAME_WIDTH = 24  # longest client name or label shown in full
SECTION = "section:"  # row keys of the section headers, which the cursor skips
STATE_WIDTH = len("● stale")
FORWARD_WIDTH = len("9 to forward")  # the least "to forward" is given, names giving way
SHORTEST_NAME = 12  # names and labels give way down to this


# The step a row opens its client at (a follow-up's: step 5).
STEP_OF_KIND = {PromiseKind.WORK: Step.WORK, PromiseKind.RELEASE: Step.HANDOVER,
                PromiseKind.INTERVIEW: Step.INTERVIEW, PromiseKind.CHASE: Step.INTERVIEW,
                PromiseKind.LAST_DAY: Step.STAND, PromiseKind.NOTICE_END: Step.STAND}
# The keys that act on one kind of row only (the others on any row, or on a follow-up's).
KEY_OF_KIND = {"tick": PromiseKind.WORK, "release": PromiseKind.RELEASE,
               "held": PromiseKind.INTERVIEW}


def row_key(item: DueItem) -> str:
    return f"{item.client_id}:{item.kind}:{item.follow_up_id}:{item.on.isoformat()}"


def relative(on: date, day: date) -> str:
    """How far ``on`` is from today, in a few characters: "3d late", "today", "in 12d"."""
    days = (on - day).days
    if days < 0:
        return f"{-days}d late"
    return "today" if days == 0 else f"in {days}d"


def row_state(item: DueItem, day: date) -> Freshness:
    """A later date of a follow-up that is due now is itself still fresh."""
    return Freshness.FRESH if item.on > day else item.state


def forward_cell(to_forward: tuple[str, ...], width: int) -> Text:
    """ "to forward: …" in full when it fits, else how many items wait."""
    if not to_forward:
        return Text("")
    text = "to forward: " + "; ".join(to_forward)
    if len(text) <= width:
        return literal(text, "italic")
    if width < 24:
        return Text(f"{len(to_forward)} to forward", style="italic")
    return short(text, width, "italic")


class AgendaScreen(Screen):
    """Every follow-up date and dated promise of every client, in sections; act on a row
    without opening it. `current` is the row's `DueItem`: its ``kind``, ``client_id`` and
    ``follow_up_id`` (for a promise, the id of its item or engagement) say what it is about."""

    CSS_PATH = "agenda.tcss"
    HELP_TITLE = "The agenda"
    BINDINGS = [
        Binding("enter,o", "open", "Open", id="agenda.open",
                tooltip="Open the client at the step of the row (step 5 for a follow-up)"),
        Binding("c", "contacted", "Contacted", id="agenda.contacted",
                tooltip="Contacted today: mark the follow-up's next date done and log it"),
        Binding("s", "snooze", "Snooze", id="agenda.snooze",
                tooltip="Move this date to a later day"),
        Binding("l", "log", "Log", id="agenda.log",
                tooltip="Log a contact with this client (sends their forward queue)"),
        Binding("t", "tick", "Tick", id="agenda.tick",
                tooltip="Tick the work item of the row done (dated today)"),
        Binding("r", "release", "Release", id="agenda.release",
                tooltip="Release the withheld item of the row: hand it over today"),
        Binding("h", "held", "Held", id="agenda.held",
                tooltip="The exit interview of the row took place: mark it held"),
        Binding("W", "write", "Write", id="agenda.write",
                tooltip="Write the message the row asks for: the follow-up's, the testimonial "
                        "chase, the thank-you, what is left, the handover note"),
        Binding("escape", "back", "Clients", id="agenda.back",
                tooltip="Back to the list of clients"),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Agenda"
        self.items: dict[str, DueItem] = {}
        self._sections: dict[str, tuple[Horizon, int]] = {}  # header rows: section, dates in it
        self._day = today()
        self._forward = 0  # the width of "to forward"

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReadOnlyBanner()
        yield Static(id="agenda-summary")
        yield RowList([], self._row, selectable=lambda key: not key.startswith(SECTION),
                      id="agenda")
        yield Static(EMPTY, id="agenda-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _: self.reload())
        self.reload()
        self.table.focus()

    def on_resize(self) -> None:
        if self.items:  # "to forward" takes what the terminal's width leaves
            self.table.show(self.table.keys, keep=self.table.current_key,
                            columns=self._fitted_columns())

    @property
    def table(self) -> RowList:
        return self.query_one("#agenda", RowList)

    # Showing -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every client afresh and list what is due, keeping the cursor where it was."""
        day = self._day = today()
        found = self.app.changes.due(day, WITHIN_DAYS, chase_after(self.app.preferences))
        sections: dict[Horizon, list[DueItem]] = {}
        for item in found:
            sections.setdefault(horizon(item.on, day), []).append(item)
        self.items, self._sections, keys = {}, {}, []
        for part in Horizon:
            if part not in sections:
                continue
            keys.append(SECTION + part.name)
            self._sections[SECTION + part.name] = (part, len(sections[part]))
            for item in sections[part]:
                keys.append(row_key(item))
                self.items[keys[-1]] = item
        self.table.show(keys, keep=self.table.current_key, columns=self._fitted_columns())
        self.table.display = bool(found)
        self.query_one("#agenda-empty").display = not found
        self.query_one("#agenda-summary", Static).update(self._summary(sections, day))
        self.refresh_bindings()

    def _fitted_columns(self) -> list[Column]:
        """Columns for the dates listed, at the terminal's width."""
        columns = self._columns(list(self.items.values()), self._day)
        self._forward = self._forward_width(columns)
        return columns

    def _row(self, key: str) -> list[Text]:
        if key in self._sections:
            return self._header_cells(*self._sections[key])
        return self._cells(self.items[key], self._day, self._forward)

    def _header_cells(self, part: Horizon, count: int) -> list[Text]:
        style = theme_style(self.app, "text-error", "bold") if part is Horizon.OVERDUE else "bold"
        header = Text(part.value, style=style)
        header.append(f"  {count}", style="dim")
        return [header, Text(), Text(), Text(), Text()]

    def _cells(self, item: DueItem, day: date, forward_width: int) -> list[Text]:
        when = Text(item.on.isoformat(),
                    style=theme_style(self.app, "text-error") if item.overdue else "")
        when.append(f" {relative(item.on, day)}", style="dim")
        return [when, short(item.client, NAME_WIDTH, "bold"), short(item.what, NAME_WIDTH),
                freshness_cell(self.app, row_state(item, day)),
                forward_cell(item.to_forward, forward_width)]

    def _columns(self, items: list[DueItem], day: date) -> list[Column]:
        """Columns as wide as their widest text (names and labels up to NAME_WIDTH); "to
        forward" takes what the terminal's width leaves, so rows never scroll sideways."""
        headers = [f"{part.value}  {count}" for part, count in self._sections.values()]
        when = max([11 + len(relative(item.on, day)) for item in items]
                   + [len(header) for header in headers] + [len("When")])
        client = min(NAME_WIDTH, max([len(item.client) for item in items] + [len("Client")]))
        label = min(NAME_WIDTH, max([len(item.what) for item in items] + [len("What")]))
        missing = FORWARD_WIDTH - (self._room() - (when + client + label + STATE_WIDTH))
        while missing > 0 and max(client, label) > SHORTEST_NAME:
            if client >= label:
                client -= 1
            else:
                label -= 1
            missing -= 1
        return [Column("When", width=when), Column("Client", width=client),
                Column("What", width=label), Column("State", width=STATE_WIDTH),
                Column("To forward", share=1)]

    def _room(self) -> int:
        """The width of the list's five columns of text: the terminal's, less the list's
        border, margins and scrollbar and a cell of padding either side of each column."""
        return self.app.size.width - 6 - 2 * 5

    def _forward_width(self, columns: list[Column]) -> int:
        return self._room() - sum(column.width for column in columns)

    def _summary(self, sections: dict[Horizon, list[DueItem]], day: date) -> Text:
        """How many dates in each section, in one line: "3 overdue (2 stale) · 1 today · …"."""
        text = Text()
        for part, items in sections.items():
            if text:
                text.append(" · ")
            if part is Horizon.OVERDUE:
                text.append(f"{len(items)} overdue", style=theme_style(self.app, "text-error"))
                stale = sum(row_state(item, day) is Freshness.STALE for item in items)
                text.append(f" ({stale} stale)" if stale else "")
            elif part is Horizon.TODAY:
                text.append(f"{len(items)} today")
            else:
                text.append(f"{len(items)} in {part.value.removeprefix('Next ')}")
        return text

    # The cursor passes over the section headers (the list's `selectable`) -----------------

    @property
    def current_key(self) -> str | None:
        return self.table.current_key

    @property
    def current(self) -> DueItem | None:
        return self.items.get(self.current_key or "")

    @on(RowList.Moved, "#agenda")
    def _moved(self) -> None:
        self.refresh_bindings()

    def action_cursor_down(self) -> None:
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.table.action_cursor_up()

    # Keys ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.current
        if action in KEY_OF_KIND:  # shown only on a row of its kind
            return item is not None and item.kind == KEY_OF_KIND[action]
        if action in ("contacted", "snooze") and item is not None and not item.is_follow_up:
            return False  # a promise is kept with its own key, not marked done as a contact
        if action in ("open", "contacted", "snooze", "log") and item is None:
            return None  # shown, but greyed out: there is nothing to act on
        return True

    @on(RowList.Selected, "#agenda")
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        if (item := self.current) is not None:
            self.app.open_step(item.client_id, STEP_OF_KIND.get(item.kind, Step.KEEP_IN_TOUCH))

    def action_back(self) -> None:
        self.app.show_dashboard()

    def _store(self, changed: Changed, what: str) -> bool:
        """Save the change through the app and show the agenda afresh."""
        saved = self.app.changes.save(changed, what=what)
        self.reload()
        return saved is not None

    @asks
    async def action_contacted(self) -> None:
        if (item := self.current) is None:
            return
        dialog = contacted_form(self.app.changes, item.client_id, item.follow_up_id)
        if dialog is None:
            self.notify(f"“{visible(item.label)}” has ended.", markup=False)
            return
        changed = await self.app.ask(dialog)
        if changed is None:
            return
        client = changed.client
        contact = client.contacts[-1]
        if self._store(changed, f"contacted {client.name} about {item.label}"):
            self.notify(contacted_message(client, item.follow_up_id, contact), markup=False)

    @asks
    async def action_snooze(self) -> None:
        if (item := self.current) is None:
            return
        dialog = snooze_form(self.app.changes, item.client_id, item.follow_up_id, item.on)
        changed = await self.app.ask(dialog)
        if changed is not None and self._store(changed,
                                               f"snooze {item.label} of {item.client}"):
            self.notify(changed.told, markup=False)

    @asks
    async def action_log(self) -> None:
        if (item := self.current) is None:
            return
        changed = await self.app.ask(log_contact_form(self.app.changes, item.client_id))
        if changed is not None and self._store(changed,
                                               f"log a contact with {changed.client.name}"):
            self.notify(f"Logged a contact with {visible(changed.client.name)}.", markup=False)

    @asks
    async def action_write(self) -> None:
        if (item := self.current) is None:
            return
        client = self.app.changes.client(item.client_id)
        step = STEP_OF_KIND.get(item.kind, Step.KEEP_IN_TOUCH)
        if item.kind == PromiseKind.FOLLOW_UP:
            follow_up = client.find(client.follow_ups, item.follow_up_id)
            dialog = MessageDialog(client, step, template=for_follow_up(follow_up.preset),
                                   person_id=follow_up.person_id, follow_up_id=follow_up.id)
        else:  # marking it sent handles a thank-you's date; a promise is kept with its key
            dialog = MessageDialog(client, step, template=FOR_PROMISE.get(item.kind),
                                   follow_up_id=item.follow_up_id if item.is_follow_up else None)
        sent = await self.app.ask(dialog)
        if sent is not None:
            self.reload()
            self.notify(sent.told, markup=False)

    def _keep(self, kind: PromiseKind, told: str, change: Change, *args: object) -> None:
        """Apply ``change`` to the client of the row, when the row is of ``kind``, through the
        app's one door (which saves it, records the undo, reports a refusal); then tell
        ``told`` of the row's client."""
        item = self.current
        if item is None or item.kind != kind:
            return
        if self.app.changes.apply(item.client_id, change, *args) is not None:
            self.notify(f"{told} ({visible(item.client)}).", markup=False)
        self.reload()

    def action_tick(self) -> None:
        if (item := self.current) is not None:
            self._keep(PromiseKind.WORK, f"Ticked {visible(item.label.removeprefix('Due: '))}",
                       work.tick, item.follow_up_id)

    def action_release(self) -> None:
        if (item := self.current) is not None:
            self._keep(PromiseKind.RELEASE, "Released and handed over today", handover.release,
                       item.follow_up_id)

    def action_held(self) -> None:
        self._keep(PromiseKind.INTERVIEW, "The exit interview is marked held",
                   interview.mark_held)
