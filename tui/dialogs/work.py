"""The dialog of step 2: add or edit work still owed, or an extra."""

from __future__ import annotations

from typing import Any

from storage.records.fields import parse_date
from storage.records.work import WorkItem, WorkStatus
from tui.dialogs.form import FormDialog, FormField


def work_form(item: WorkItem, title: str) -> FormDialog[WorkItem]:
    """A dialog to add or edit ``item``; dismisses with a new, validated item (same id)."""
    fields = [
        FormField("title", "What is owed", value=item.title, placeholder="e.g. Fix the footer"),
        FormField("due", "Due", "date", value=item.due or "", hint="Optional"),
        FormField("status", "Status", "select", value=item.status,
                  options=[(status.value, status) for status in WorkStatus]),
        FormField("extra", "An unexpected extra, beyond the brief", "check", value=item.extra),
    ]

    def build(values: dict[str, Any]) -> WorkItem:
        made = WorkItem(title=values["title"], due=parse_date("due", values["due"]),
                        status=values["status"], extra=values["extra"], id=item.id)
        made.validate()
        return made

    return FormDialog(title, fields, build)
