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
    known_days,
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
    done_on: date | None = None  # the day it was marked done (None: not done, or not known)

    def validate(self) -> None:
        self.title = require_text("title", self.title, "the title")

    def overdue(self, today: date) -> bool:
        return self.status is WorkStatus.OPEN and self.due is not None and self.due < today

    def set_status(self, status: WorkStatus, today: date) -> None:
        """Change the status, keeping the day it was done: ``today`` when it becomes done,
        none while it is not."""
        if status is WorkStatus.DONE and self.status is not WorkStatus.DONE:
            self.done_on = today
        elif status is not WorkStatus.DONE:
            self.done_on = None
        self.status = status

    def dated_from(self, before: WorkItem | None, today: date) -> None:
        """Give this new version of ``before`` (None: a new item), its status as chosen, the
        day it was done: kept from ``before`` while done, else as `set_status` says."""
        status = self.status
        self.status = before.status if before else WorkStatus.OPEN
        self.done_on = before.done_on if before else None
        self.set_status(status, today)

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
            **known_days(done_on=self.done_on),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        return cls(
            id=text("id", data.get("id")) or new_id(),
            title=text("title", data.get("title")),
            due=date_from_json("due", data.get("due")),
            status=enum_value("status", WorkStatus, data.get("status", "open")),
            extra=flag("extra", data.get("extra")),
            done_on=date_from_json("done_on", data.get("done_on")),
        )
