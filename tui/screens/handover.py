"""Step 3: hand over every asset the client needs, recorded by where it lives."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from storage.changes import handover
from storage.clock import today
from storage.errors import ValidationError
from storage.outputs.manifest import write_manifest
from storage.records.client import Client
from storage.records.handover import HandoverItem, HandoverStatus, preset_items
from storage.rules.steps import Step
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.handover import (
    PresetsDialog,
    export_form,
    handover_form,
    project_kind_form,
    withhold_form,
)
from tui.screens.step import StepScreen
from tui.text import literal, visible
from tui.theme import theme_style
from tui.type_ahead import asks
from tui.widgets.checklist import Checklist
from tui.widgets.row_list import Column

# The kind is the lesser column: it makes way first at narrow widths.
COLUMNS = (Column(""), Column("What", share=3), Column("Kind", optional=True),
           Column("Location", share=2), Column("Withheld until", share=2))
EMPTY_HINT = "Nothing to hand over yet — press a to add an item, or p for the usual ones."
MARKS = {
    HandoverStatus.PENDING: ("☐", None),
    HandoverStatus.HANDED_OVER: ("☑", "text-success"),
    HandoverStatus.WITHHELD: ("⏸", "text-warning"),
}


def withheld_until(item: HandoverItem) -> str:
    """The release condition and date of a withheld item, as one short cell."""
    if item.status is not HandoverStatus.WITHHELD:
        return ""
    parts = [item.release_condition.strip(), item.release_on.isoformat() if item.release_on else ""]
    return " · ".join(part for part in parts if part) or "further notice"


class HandoverList(Vertical):
    """The list, and the keys of this step.

    The keys live here rather than on the screen because the Footer lists bindings from the
    focused list outwards: here they come before the step keys 1-5.
    """

    HELP_TITLE = "In the handover list"
    BINDINGS = [
        Binding("p", "screen.presets", "Presets", id="handover.presets",
                tooltip="Choose from the usual items for this kind of project"),
        Binding("w", "screen.withhold", "Withhold", id="handover.withhold",
                tooltip="Withhold the item for now: say why and until when"),
        Binding("m", "screen.export", "Manifest", id="handover.export",
                tooltip="Export the handover manifest as Markdown for the client"),
    ]


class HandoverScreen(StepScreen):
    """Everything to hand over, where it lives, and what is withheld until when."""

    STEP = Step.HANDOVER
    CSS_PATH = "handover.tcss"
    HELP_WIDGETS = (HandoverList, Checklist)

    def compose_step(self) -> ComposeResult:
        yield Static(id="summary")
        with HandoverList():
            yield Static(EMPTY_HINT, id="handover-empty", classes="empty-hint", markup=False)
            yield Checklist(COLUMNS, id="handover")

    def on_mount(self) -> None:
        self.checklist.border_title = "To hand over"

    @property
    def checklist(self) -> Checklist:
        return self.query_one("#handover", Checklist)

    def show_client(self, client: Client) -> None:
        self.checklist.set_rows([(item.id, self._cells(item)) for item in client.handover])
        self.query_one("#handover-empty").display = not client.handover
        self.query_one("#summary", Static).update(self._summary(client), layout=False)
        self.refresh_bindings_when(bool(client.handover))

    def _cells(self, item: HandoverItem) -> list[Text]:
        glyph, colour = MARKS[item.status]
        location = literal(item.location) if item.location.strip() else Text("—", style="dim")
        mark = Text(glyph, style=theme_style(self.app, colour, "bold") if colour else "")
        return [mark, literal(item.what),
                Text(item.kind.value), location, literal(withheld_until(item))]

    def _summary(self, client: Client) -> Text:
        kind = f"project: {client.project_kind.value if client.project_kind else 'not set'}"
        if not client.handover:
            return Text(f"Nothing listed yet · {kind}")
        count = Counter(item.status for item in client.handover)
        return Text(f"{count[HandoverStatus.HANDED_OVER]} of {len(client.handover)} handed over"
                    f" · {count[HandoverStatus.WITHHELD]} withheld"
                    f" · {count[HandoverStatus.PENDING]} pending · {kind}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "withhold" and self.checklist.current_key is None:
            return None  # shown, but greyed out: there is nothing to withhold
        return True

    @on(Checklist.Toggled, "#handover")
    def _toggle(self, event: Checklist.Toggled) -> None:
        try:
            changed = self.app.changes.attempt(self.client_id, handover.tick, event.item_id)
        except ValidationError as error:  # it cannot be handed over yet: ask for what it needs
            item = self.client.find(self.client.handover, event.item_id)
            self.notify(error.message, title="Not handed over yet", markup=False)
            self._edit(replace(item, status=item.toggled()), f"Hand over {item.what}",
                       "hand over", error)
            return
        self.store(changed)

    @on(Checklist.AddRequested, "#handover")
    def _add(self) -> None:
        self._edit(HandoverItem(what=""), "Add something to hand over", "add")

    @on(Checklist.EditRequested, "#handover")
    def _edit_current(self, event: Checklist.EditRequested) -> None:
        item = self.client.find(self.client.handover, event.item_id)
        self._edit(item, f"Edit {item.what}", "edit")

    @asks
    async def _edit(self, item: HandoverItem, title: str, verb: str,
                    error: ValidationError | None = None) -> None:
        changed = await self.app.ask(handover_form(item, title, error))
        if changed is not None:
            self._put(changed, verb)

    def _put(self, changed: HandoverItem, verb: str) -> None:
        """Store ``changed`` in place of the item with its id, or as a new one."""
        if self.change(handover.put, changed, verb) is not None:
            self.checklist.move_to(changed.id)

    @on(Checklist.DeleteRequested, "#handover")
    def _delete(self, event: Checklist.DeleteRequested) -> None:
        item = self.client.find(self.client.handover, event.item_id)
        if self.change(handover.delete, event.item_id) is not None:
            self.notify(f"Deleted “{visible(item.what)}”. Press u to undo.", markup=False)

    @asks
    async def action_withhold(self) -> None:
        item_id = self.checklist.current_key
        if item_id is None:
            return
        item = self.client.find(self.client.handover, item_id)
        changed = await self.app.ask(withhold_form(item))
        if changed is not None:
            self._put(changed, "withhold")

    @asks
    async def action_presets(self) -> None:
        kind = self.client.project_kind
        if kind is None:
            kind = await self.app.ask(project_kind_form())
            if kind is None:
                return
        missing = preset_items(kind, self.client.handover)
        if not missing:
            if self.client.project_kind is not kind:
                self.change(handover.add_presets, kind)  # the kind chosen, stored
            self.notify(f"All presets for {kind.value} are already on the list.")
            return
        chosen = await self.app.ask(PresetsDialog(kind, missing))
        if chosen is None:
            return
        if not chosen:
            self.notify("Nothing was added: no item was ticked.")
            return
        before = len(self.client.handover)
        saved = self.change(handover.add_presets, kind, chosen)
        if saved is None:
            return
        added = saved.handover[before:]
        self.checklist.move_to(added[0].id)
        self.notify(f"Added {len(added)} items usual for {kind.value}; "
                    "fill in where each lives.")

    @asks
    async def action_export(self) -> None:
        client = self.client
        path = await self.app.ask(export_form(client, self.app.db_path))
        if path is None:
            return
        overwrite = path.exists()
        if overwrite and not await self.app.ask(
            ConfirmDialog(f"Replace {path}?", "It already exists; the old file will be lost.")
        ):
            self.notify("Nothing was written.")
            return
        try:
            write_manifest(client, path, today(), overwrite=overwrite)
        except OSError as error:
            self.notify(f"Could not write {path}: {error.strerror or error}",
                        title="Not exported", severity="error", markup=False)
            return
        self.notify(f"Wrote the handover manifest to {path}", markup=False)
