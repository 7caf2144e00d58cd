"""One client engagement: contact details and all five steps of saying goodbye."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Self

from storage.errors import ValidationError
from storage.records.contact import Contact, ForwardItem, last_contact_of
from storage.records.contract import Contract
from storage.records.fields import (
    date_from_json,
    date_to_json,
    enum_value,
    flag,
    record,
    records,
    require_text,
    text,
    within,
)
from storage.records.follow_up import FollowUp
from storage.records.handover import HandoverItem, ProjectKind
from storage.records.interview import ExitInterview
from storage.records.work import WorkItem


@dataclass
class Client:
    """A client engagement; ``id`` is its document id in the data file (None until added)."""

    name: str
    contact_person: str = ""
    email: str = ""
    phone: str = ""
    birthday: date | None = None
    industry: str = ""
    project_kind: ProjectKind | None = None
    notes: str = ""
    archived: bool = False
    contract: Contract = field(default_factory=Contract)
    work: list[WorkItem] = field(default_factory=list)
    handover: list[HandoverItem] = field(default_factory=list)
    interview: ExitInterview = field(default_factory=ExitInterview)
    follow_ups: list[FollowUp] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    forward_queue: list[ForwardItem] = field(default_factory=list)
    id: int | None = None

    def validate(self) -> None:
        """Check every field; raises ValidationError naming the first bad one."""
        self.name = require_text("name", self.name, "the client's name")
        if self.email and ("@" not in self.email or " " in self.email.strip()):
            raise ValidationError("email", f"{self.email!r} is not an email address")
        self.contract.validate()
        self.interview.validate()
        for item in (*self.work, *self.handover, *self.follow_ups, *self.contacts,
                     *self.forward_queue):
            item.validate()

    @property
    def last_contact(self) -> date | None:
        return last_contact_of(self.contacts)

    def find(self, items: list[Any], item_id: str) -> Any:
        """The item with ``item_id`` in one of this client's lists."""
        for item in items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "contact_person": self.contact_person,
            "email": self.email,
            "phone": self.phone,
            "birthday": date_to_json(self.birthday),
            "industry": self.industry,
            "project_kind": self.project_kind.value if self.project_kind else None,
            "notes": self.notes,
            "archived": self.archived,
            "contract": self.contract.to_dict(),
            "work": [item.to_dict() for item in self.work],
            "handover": [item.to_dict() for item in self.handover],
            "interview": self.interview.to_dict(),
            "follow_ups": [_follow_up_dict(item, self.last_contact) for item in self.follow_ups],
            "contacts": [item.to_dict() for item in self.contacts],
            "forward_queue": [item.to_dict() for item in self.forward_queue],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], client_id: int | None = None) -> Self:
        """The client ``data`` holds, every value checked: raises ValidationError naming the
        field (``work[2].due``) of the first that is not what Sendoff stores."""
        data = record("client", data)
        kind = data.get("project_kind")
        return cls(
            id=client_id,
            name=text("name", data.get("name")),
            contact_person=text("contact_person", data.get("contact_person")),
            email=text("email", data.get("email")),
            phone=text("phone", data.get("phone")),
            birthday=date_from_json("birthday", data.get("birthday")),
            industry=text("industry", data.get("industry")),
            project_kind=enum_value("project_kind", ProjectKind, kind) if kind else None,
            notes=text("notes", data.get("notes")),
            archived=flag("archived", data.get("archived")),
            contract=within("contract", lambda: Contract.from_dict(
                record("contract", data.get("contract")))),
            work=records("work", data.get("work"), WorkItem.from_dict),
            handover=records("handover", data.get("handover"), HandoverItem.from_dict),
            interview=within("interview", lambda: ExitInterview.from_dict(
                record("interview", data.get("interview")))),
            follow_ups=records("follow_ups", data.get("follow_ups"), FollowUp.from_dict),
            contacts=records("contacts", data.get("contacts"), Contact.from_dict),
            forward_queue=records("forward_queue", data.get("forward_queue"),
                                  ForwardItem.from_dict),
        )


def _follow_up_dict(follow_up: FollowUp, last_contact: date | None) -> dict[str, Any]:
    """The follow-up plus its coming dates, stored so that `sendoff due` need not evaluate
    rules: derived on every save, never read back into the model."""
    stored = follow_up.to_dict()
    frozen = tuple((name, tuple(value) if isinstance(value, list) else value)
                   for name, value in stored.items())
    next_on, latest, upcoming = _coming_dates(frozen, last_contact)
    return {**stored, "next_on": next_on, "latest": latest, "upcoming": list(upcoming)}


@lru_cache(maxsize=4096)
def _coming_dates(stored: tuple[tuple[str, Any], ...],
                  last_contact: date | None) -> tuple[str | None, str | None, tuple[str, ...]]:
    """A follow-up's next date, its latest acceptable date and its coming dates, remembered by
    all they depend on: evaluating the rules was half of saving a client, and a tick of a work
    item saves the client's unchanged follow-ups again."""
    follow_up = FollowUp.from_dict({name: list(value) if isinstance(value, tuple) else value
                                    for name, value in stored})
    window = follow_up.due_window(last_contact=last_contact)
    return (date_to_json(window[0]) if window else None,
            date_to_json(window[1]) if window else None,
            tuple(day.isoformat() for day in follow_up.upcoming(last_contact=last_contact)))
