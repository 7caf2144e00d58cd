"""Step 3: hand over every asset the client needs, recorded by where it lives."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from storage.clock import today
from storage.errors import ValidationError
from storage.outputs.manifest import manifest_file_name, write_manifest
from storage.persistence.paths import is_sendoff_file
from storage.records.client import Client
from storage.records.fields import parse_date
from storage.records.handover import (
    AssetKind,
    HandoverItem,
    HandoverStatus,
    ProjectKind,
    preset_items,
)
from storage.rules.steps import Step
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog, FormField
from tui.screens.step import StepScreen
from tui.text import literal, visible
from tui.theme import theme_style
from tui.type_ahead import asks
from tui.widgets.checklist import Checklist

EMPTY_HINT = "Nothing to hand over yet — press a to add an item, or p for the usual ones."
LOCATION_HINT = ("Where it lives, e.g. GitHub acme/site or 1Password vault 'Acme' — "
                 "never the password itself")
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


def _release_fields(item: HandoverItem, reason: FormField) -> list[FormField]:
    """Why an item is withheld, and when it will be released."""
    return [
        reason,
        FormField("release_condition", "Released when", value=item.release_condition,
                  placeholder="e.g. design files once the final invoice is paid"),
        FormField("release_on", "Released on", "date", value=item.release_on or "",
                  hint="Optional"),
    ]


def _item_from(item: HandoverItem, values: dict[str, Any], **changes: Any) -> HandoverItem:
    """``item`` (same id) with the release fields as typed and ``changes``, validated."""
    made = replace(item, withheld_reason=values["withheld_reason"].strip(),
                   release_condition=values["release_condition"].strip(),
                   release_on=parse_date("release_on", values["release_on"]), **changes)
    made.validate()
    return made


def handover_form(item: HandoverItem, title: str,
                  error: ValidationError | None = None) -> FormDialog[HandoverItem]:
    """A dialog to add or edit ``item`` (showing ``error`` at once, if given); dismisses with
    a new, validated item with the same id."""
    fields = [
        FormField("what", "What", value=item.what, placeholder="e.g. Source code repository"),
        FormField("kind", "Kind", "select", value=item.kind,
                  options=[(kind.value, kind) for kind in AssetKind]),
        FormField("location", "Where it is", value=item.location, hint=LOCATION_HINT),
        FormField("status", "Status", "select", value=item.status,
                  options=[(status.value, status) for status in HandoverStatus]),
        *_release_fields(item, FormField("withheld_reason", "Why it is withheld",
                                         value=item.withheld_reason,
                                         hint="Only for a withheld item")),
    ]

    def build(values: dict[str, Any]) -> HandoverItem:
        return _item_from(item, values, what=values["what"], kind=values["kind"],
                          location=values["location"].strip(), status=values["status"])

    return FormDialog(title, fields, build, error=error)


def withhold_form(item: HandoverItem) -> FormDialog[HandoverItem]:
    """Ask why ``item`` is withheld and when it will be released."""
    fields = _release_fields(item, FormField("withheld_reason", "Why it is withheld",
                                             value=item.withheld_reason,
                                             placeholder="e.g. the final invoice is still open"))

    def build(values: dict[str, Any]) -> HandoverItem:
        return _item_from(item, values, status=HandoverStatus.WITHHELD)

    return FormDialog(f"Withhold {item.what}", fields, build)


def project_kind_form() -> FormDialog[ProjectKind]:
    """Ask what kind of project this was, to choose its presets."""
    fields = [FormField("kind", "Kind of project", "select", value=ProjectKind.WEBSITE,
                        options=[(kind.value, kind) for kind in ProjectKind],
                        hint="Stored on the client; chooses the ready-made handover items")]
    return FormDialog("What kind of project was it?", fields, lambda values: values["kind"])


def export_form(client: Client, data_file: Path) -> FormDialog[Path]:
    """Ask where to write the manifest: a file in a folder that exists, not the data file."""
    fields = [FormField("path", "Write the manifest to",
                        value=str(Path.cwd() / manifest_file_name(client)),
                        hint="A Markdown file the client can read, check and sign")]

    def build(values: dict[str, Any]) -> Path:
        text = values["path"].strip()
        if not text:
            raise ValidationError("path", "say which file to write")
        path = Path(text).expanduser().absolute()
        if path.is_dir():
            raise ValidationError("path", f"{path} is a folder; add a file name")
        if not path.parent.is_dir():
            raise ValidationError("path", f"there is no folder {path.parent}")
        if path.resolve() == data_file.resolve():
            raise ValidationError("path", "that is Sendoff's data file; choose another name")
        if is_sendoff_file(path, data_file):
            raise ValidationError("path", "that is one of Sendoff's own files, kept beside "
                                          "the data file; choose another name")
        return path

    return FormDialog("Export the handover manifest", fields, build)


class HandoverList(Vertical):
    """The list, and the keys of this step.

    The keys live here rather than on the screen because the Footer lists bindings from the
    focused list outwards: here they come before the step keys 1-5 and still fit at 80 columns.
    """

    HELP_TITLE = "In the handover list"
    BINDINGS = [
        Binding("p", "screen.presets", "Presets", id="handover.presets",
                tooltip="Add the usual items for this kind of project"),
        Binding("w", "screen.withhold", "Withhold", id="handover.withhold",
                tooltip="Withhold the item for now: say why and until when"),
        Binding("m", "screen.export", "Manifest", id="handover.export",
                tooltip="Export the handover manifest as Markdown for the client"),
    ]


class HandoverScreen(StepScreen):
    """Everything to hand over, where it lives, and what is withheld until when."""

    STEP = Step.HANDOVER
    CSS_PATH = "handover.tcss"

    def compose_step(self) -> ComposeResult:
        yield Static(id="summary")
        with HandoverList():
            yield Static(EMPTY_HINT, id="handover-empty", classes="empty-hint", markup=False)
            yield Checklist(("", "What", "Kind", "Location", "Withheld until"), id="handover")

    def on_mount(self) -> None:
        self.checklist.border_title = "To hand over"
        self.app.theme_changed_signal.subscribe(self, lambda _: self.show_client(self.client))

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
        if action == "withhold" and self.checklist.current_id is None:
            return None  # shown, but greyed out: there is nothing to withhold
        return True

    def _store(self, client: Client, what: str, item_id: str | None = None) -> bool:
        """Save ``client``; a ValidationError is shown, never stored."""
        try:
            saved = self.save(client, what)
        except ValidationError as error:
            self.notify(error.message, title="Not saved", severity="error", markup=False)
            return False
        if saved and item_id is not None:
            self.checklist.select(item_id)
        return saved

    @on(Checklist.Toggle, "#handover")
    def _toggle(self, event: Checklist.Toggle) -> None:
        client = self.app.repo.client(self.client_id)
        item = client.find(client.handover, event.item_id)
        item.status = item.toggled()
        try:
            item.validate()
        except ValidationError as error:
            self.notify(error.message, title="Not handed over yet", markup=False)
            self._edit(item, f"Hand over {item.what}", "hand over", error)
            return
        verb = "hand over" if item.status is HandoverStatus.HANDED_OVER else "untick"
        self._store(client, f"{verb} {item.what}")

    @on(Checklist.Add, "#handover")
    def _add(self) -> None:
        self._edit(HandoverItem(what=""), "Add something to hand over", "add")

    @on(Checklist.Edit, "#handover")
    def _edit_current(self, event: Checklist.Edit) -> None:
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
        client = self.app.repo.client(self.client_id)
        ids = [existing.id for existing in client.handover]
        if changed.id in ids:
            client.handover[ids.index(changed.id)] = changed
        else:
            client.handover.append(changed)
        self._store(client, f"{verb} {changed.what}", changed.id)

    @on(Checklist.Delete, "#handover")
    def _delete(self, event: Checklist.Delete) -> None:
        client = self.app.repo.client(self.client_id)
        item = client.find(client.handover, event.item_id)
        client.handover.remove(item)
        if self._store(client, f"delete {item.what}"):
            self.notify(f"Deleted “{visible(item.what)}”. Press u to undo.", markup=False)

    @asks
    async def action_withhold(self) -> None:
        item_id = self.checklist.current_id
        if item_id is None:
            return
        item = self.client.find(self.client.handover, item_id)
        changed = await self.app.ask(withhold_form(item))
        if changed is not None:
            self._put(changed, "withhold")

    @asks
    async def action_presets(self) -> None:
        client = self.app.repo.client(self.client_id)
        choosing = client.project_kind is None
        if choosing:
            client.project_kind = await self.app.ask(project_kind_form())
            if client.project_kind is None:
                return
        kind = client.project_kind.value
        added = preset_items(client.project_kind, client.handover)
        client.handover.extend(added)
        first = added[0].id if added else None
        if (added or choosing) and not self._store(client, f"add the {kind} presets", first):
            return
        if added:
            self.notify(f"Added {len(added)} items usual for {kind}; fill in where each lives.")
        else:
            self.notify(f"All presets for {kind} are already on the list.")

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
