"""One piece of work for a client, from the first day to the goodbye: steps 1 to 4."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Self

from storage.errors import ValidationError
from storage.records.contract import Contract
from storage.records.fields import (
    date_from_json,
    enum_value,
    known_days,
    new_id,
    record,
    records,
    text,
    within,
)
from storage.records.handover import HandoverItem, ProjectKind
from storage.records.interview import ExitInterview
from storage.records.work import WorkItem


@dataclass
class Engagement:
    """An engagement: its contract and notice, the work to finish, the handover and the exit
    interview. ``ended`` is set when it is over; a client's newest open one is their current."""

    title: str = ""
    started: date | None = None
    ended: date | None = None
    project_kind: ProjectKind | None = None
    contract: Contract = field(default_factory=Contract)
    work: list[WorkItem] = field(default_factory=list)
    handover: list[HandoverItem] = field(default_factory=list)
    interview: ExitInterview = field(default_factory=ExitInterview)
    id: str = field(default_factory=new_id)

    @property
    def is_open(self) -> bool:
        return self.ended is None

    @property
    def first_day(self) -> date | None:
        """The day it began: as recorded, else the contract's start."""
        return self.started or self.contract.start

    def name(self, place: int) -> str:
        """Its title, else its place among the client's engagements (from 1)."""
        return self.title.strip() or f"Engagement {place}"

    def label(self, place: int) -> str:
        """How the engagement is named where nothing else says when it began."""
        if self.title.strip() or not self.first_day:
            return self.name(place)
        return f"{self.name(place)} from {self.first_day.isoformat()}"

    def validate(self, *, placed: bool = False) -> None:
        """Check every part; see `storage.records.client.Client.validate` for ``placed``."""
        if self.started and self.ended and self.ended < self.started:
            raise ValidationError("ended", f"it ended ({self.ended.isoformat()}) before it "
                                           f"started ({self.started.isoformat()})")
        if not placed:
            for part in (self.contract, self.interview, *self.work, *self.handover):
                part.validate()
            return
        within("contract", self.contract.validate)
        within("interview", self.interview.validate)
        for name in ("work", "handover"):
            for place, item in enumerate(getattr(self, name)):
                within(f"{name}[{place}]", item.validate)

    def to_dict(self) -> dict[str, Any]:
        stored: dict[str, Any] = {"id": self.id}
        if self.title:
            stored["title"] = self.title
        stored |= known_days(started=self.started, ended=self.ended)
        if self.project_kind:
            stored["project_kind"] = self.project_kind.value
        return stored | {
            "contract": self.contract.to_dict(),
            "work": [item.to_dict() for item in self.work],
            "handover": [item.to_dict() for item in self.handover],
            "interview": self.interview.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        kind = data.get("project_kind")
        engagement = cls(
            title=text("title", data.get("title")),
            started=date_from_json("started", data.get("started")),
            ended=date_from_json("ended", data.get("ended")),
            project_kind=enum_value("project_kind", ProjectKind, kind) if kind else None,
            contract=within("contract", lambda: Contract.from_dict(
                record("contract", data.get("contract")))),
            work=records("work", data.get("work"), WorkItem.from_dict),
            handover=records("handover", data.get("handover"), HandoverItem.from_dict),
            interview=within("interview", lambda: ExitInterview.from_dict(
                record("interview", data.get("interview")))),
            id=text("id", data.get("id")) or new_id(),
        )
        engagement.validate(placed=True)
        return engagement
