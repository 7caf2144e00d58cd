"""Finish outstanding work: deliverables and the unexpected extras."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Self

from storage.records.fields import (
    date_from_json,
    date_to_json,
    enum_value,
    flag,
    new_id,
    require_text,
    text,
)


class WorkStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


@dataclass
class WorkItem:
    """A deliverable still owed, or an extra given to leave a lasting good impression."""

    title: str
    due: date | None = None
    status: WorkStatus = WorkStatus.OPEN
    extra: bool = False
    id: str = field(default_factory=new_id)

    def validate(self) -> None:
        self.title = require_text("title", self.title, "the title")

    def overdue(self, today: date) -> bool:
        return self.status is WorkStatus.OPEN and self.due is not None and self.due < today

    def toggled(self) -> WorkStatus:
        """The status a checklist toggle moves to: open <-> done (dropped reopens)."""
        return WorkStatus.OPEN if self.status is WorkStatus.DONE else WorkStatus.DONE

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "due": date_to_json(self.due),
            "status": self.status.value,
            "extra": self.extra,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        return cls(
            id=text("id", data.get("id")) or new_id(),
            title=text("title", data.get("title")),
            due=date_from_json("due", data.get("due")),
            status=enum_value("status", WorkStatus, data.get("status", "open")),
            extra=flag("extra", data.get("extra")),
        )
