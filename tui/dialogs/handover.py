"""The dialogs of step 3: an item to hand over, withholding one, the kind of project, which
of its usual items to add, and where to export the manifest."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from storage.errors import ValidationError
from storage.outputs.manifest import manifest_file_name
from storage.persistence.paths import is_sendoff_file
from storage.records.client import Client
from storage.records.fields import parse_date
from storage.records.handover import AssetKind, HandoverItem, HandoverStatus, ProjectKind
from tui.dialogs.form import FormDialog, FormField
from tui.text import literal
from tui.widgets.footer import Footer
from tui.widgets.tick_list import TickList

LOCATION_HINT = ("Where it lives, e.g. GitHub acme/site or 1Password vault 'Acme' — "
                 "never the password itself")


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


class PresetsDialog(ModalScreen[list[str] | None]):
    """The usual items of a kind of project not on the list yet, all ticked: space unticks
    the ones not needed, enter adds the ticked ones (their names), escape adds none."""

    CSS_PATH = "handover.tcss"
    HELP_TITLE = "Choosing the usual items to hand over (p on step 3)"
    HELP_WIDGETS = (TickList,)
    BINDINGS = [
        Binding("enter", "add", "Add", priority=True, id="presets.add",
                tooltip="Add the ticked items"),
        Binding("escape", "close", "Close", id="presets.close", tooltip="Add nothing"),
    ]

    def __init__(self, kind: ProjectKind, items: list[HandoverItem]) -> None:
        super().__init__()
        self.kind = kind
        self.items = items

    def compose(self) -> ComposeResult:
        with Vertical(id="presets"):
            yield Static(literal(f"Usual items for a {self.kind.value} project", "bold"),
                         id="presets-title")
            yield TickList("Item (kind)", [(item.what, f"{item.what} ({item.kind.value})")
                                           for item in self.items], id="presets-list")
            yield Static("space ticks or unticks the highlighted item", classes="hint")
        yield Footer()

    def action_add(self) -> None:
        self.dismiss(self.query_one(TickList).ticked)

    def action_close(self) -> None:
        self.dismiss(None)


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
