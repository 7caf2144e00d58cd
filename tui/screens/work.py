"""Step 2: finish the outstanding work, and give a few unexpected extras."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from storage.changes import work
from storage.clock import today
from storage.records.client import Client
from storage.records.work import WorkItem, WorkStatus
from storage.rules.steps import Step
from storage.views.work_order import in_working_order
from tui.dialogs.work import work_form
from tui.screens.step import StepScreen
from tui.text import literal, visible
from tui.theme import theme_style
from tui.type_ahead import asks
from tui.widgets.checklist import Checklist
from tui.widgets.row_list import Column

# The status says again what the mark shows: it makes way first at narrow widths.
COLUMNS = (Column(""), Column("Title", share=1), Column("Due"),
           Column("Status", optional=True))
EMPTY_HINTS = {
    "work": "No work listed yet — press a to add what is still owed.",
    "extras": "No extras yet — press a here to add a small thing beyond the brief.",
}


class WorkLists(Vertical):
    """Both lists, and the keys of this step.

    The keys live here rather than on the screen because the Footer lists bindings from the
    focused list outwards: here they come before the step keys 1-5.
    """

    HELP_TITLE = "In the work lists"
    BINDINGS = [
        Binding("x", "screen.drop", "Drop", id="work.drop",
                tooltip="Mark the item dropped (no longer owed), or reopen it"),
    ]


class WorkScreen(StepScreen):
    """What is still owed and the extras; every change is saved at once."""

    STEP = Step.WORK
    CSS_PATH = "work.tcss"
    HELP_WIDGETS = (WorkLists, Checklist)

    def compose_step(self) -> ComposeResult:
        yield Static(id="summary")
        with WorkLists():
            yield Static(EMPTY_HINTS["work"], id="work-empty", classes="empty-hint", markup=False)
            yield Checklist(COLUMNS, id="work")
            yield Static("Small things beyond the brief that leave a lasting good impression",
                         id="extras-hint", markup=False)
            yield Static(EMPTY_HINTS["extras"], id="extras-empty", classes="empty-hint",
                         markup=False)
            yield Checklist(COLUMNS, id="extras")

    def on_mount(self) -> None:
        self.query_one("#work", Checklist).border_title = "Outstanding work"
        self.query_one("#extras", Checklist).border_title = "Unexpected extras"

    def show_client(self, client: Client) -> None:
        day = today()
        for list_id, extra in (("work", False), ("extras", True)):
            items = in_working_order(item for item in client.work if item.extra is extra)
            self.query_one(f"#{list_id}", Checklist).set_rows(
                [(item.id, self._cells(item, day)) for item in items]
            )
            self.query_one(f"#{list_id}-empty").display = not items
        work = self.query_one("#work", Checklist)
        work.styles.max_height = work.virtual_size.height + work.styles.gutter.height
        self.query_one("#summary", Static).update(self._summary(client, day), layout=False)
        self.refresh_bindings_when(tuple(any(item.extra is extra for item in client.work)
                                         for extra in (False, True)))

    def _cells(self, item: WorkItem, day: date) -> list[Text]:
        dropped = item.status is WorkStatus.DROPPED
        mark = {
            WorkStatus.OPEN: Text("☐"),
            WorkStatus.DONE: Text("☑", style=theme_style(self.app, "text-success", "bold")),
            WorkStatus.DROPPED: Text("✗", style="dim"),
        }[item.status]
        if item.overdue(day):
            due = Text(f"{item.due} overdue", style=theme_style(self.app, "text-error", "bold"))
        else:
            due = Text(str(item.due or "—"), style="" if item.due else "dim")
        return [mark, literal(item.title, "dim strike" if dropped else ""), due,
                Text(item.status.value)]

    def _summary(self, client: Client, day: date) -> Text:
        if not client.work:
            return Text("Nothing listed yet")
        active = [item for item in client.work if item.status is not WorkStatus.DROPPED]
        done = sum(item.status is WorkStatus.DONE for item in active)
        overdue = sum(item.overdue(day) for item in active)
        extras = sum(item.extra for item in active)
        summary = Text(f"{done} of {len(active)} done · ")
        summary.append(f"{overdue} overdue",
                       style=theme_style(self.app, "text-error", "bold") if overdue else "")
        summary.append(f" · {extras} extra{'' if extras == 1 else 's'}")
        if len(active) < len(client.work):
            summary.append(f" · {len(client.work) - len(active)} dropped")
        return summary

    def _checklist(self, item: WorkItem) -> Checklist:
        return self.query_one("#extras" if item.extra else "#work", Checklist)

    @on(Checklist.Toggled, "#work, #extras")
    def _toggle(self, event: Checklist.Toggled) -> None:
        self.change(work.tick, event.item_id)

    @property
    def _current_id(self) -> str | None:
        """The item under the cursor of the focused list."""
        focused = self.focused
        return focused.current_key if isinstance(focused, Checklist) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "drop" and self._current_id is None:
            return None  # shown, but greyed out: there is nothing to drop
        return True

    def action_drop(self) -> None:
        if self._current_id is None:
            return
        self.change(work.drop, self._current_id)

    @on(Checklist.AddRequested, "#work, #extras")
    def _add(self, event: Checklist.AddRequested) -> None:
        extra = event.checklist.id == "extras"
        title = "Add an unexpected extra" if extra else "Add work still owed"
        self._edit(WorkItem(title="", extra=extra), title)

    @on(Checklist.EditRequested, "#work, #extras")
    def _edit_current(self, event: Checklist.EditRequested) -> None:
        item = self.client.find(self.client.work, event.item_id)
        self._edit(item, f"Edit {item.title}")

    @asks
    async def _edit(self, item: WorkItem, title: str) -> None:
        changed = await self.app.ask(work_form(item, title))
        if changed is None:
            return
        saved = self.change(work.put, changed)
        if saved is not None:
            checklist = self._checklist(changed)
            checklist.move_to(changed.id)
            checklist.focus()

    @on(Checklist.DeleteRequested, "#work, #extras")
    def _delete(self, event: Checklist.DeleteRequested) -> None:
        item = self.client.find(self.client.work, event.item_id)
        if self.change(work.delete, event.item_id) is not None:
            self.notify(f"Deleted “{visible(item.title)}”. Press u to undo.", markup=False)
