"""Being in touch with a former client: each contact, and what to forward at the next one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Self

from storage.errors import ValidationError
from storage.records.fields import (
    date_to_json,
    new_id,
    parse_date,
    person_reference,
    require_text,
    text,
)


@dataclass
class Contact:
    """One time we were in touch with the former client."""

    on: date
    channel: str
    note: str = ""
    follow_up_id: str | None = None
    person_id: str | None = None  # whom we were in touch with, when it was one of their people
    forwarded: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "on": date_to_json(self.on),
            "channel": self.channel,
            "note": self.note,
            "follow_up_id": self.follow_up_id,
            "forwarded": list(self.forwarded),
        } | ({"person_id": self.person_id} if self.person_id else {})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        forwarded = data.get("forwarded") or []
        if not isinstance(forwarded, list):
            raise ValidationError("forwarded", "should be a list of the items forwarded")
        follow_up_id = data.get("follow_up_id")
        if follow_up_id is not None and not isinstance(follow_up_id, str):
            raise ValidationError("follow_up_id", f"should name a follow-up, not {follow_up_id!r}")
        contact = cls(
            on=parse_date("on", data.get("on"), required=True),
            channel=text("channel", data.get("channel")),
            note=text("note", data.get("note")),
            follow_up_id=follow_up_id or None,
            person_id=person_reference("person_id", data.get("person_id")),
            forwarded=list(forwarded),
            id=text("id", data.get("id")) or new_id(),
        )
        contact.validate()
        return contact

    def validate(self) -> None:
        if not isinstance(self.on, date):
            raise ValidationError("on", "the day of the contact is required (YYYY-MM-DD)")
        require_text("channel", self.channel, "How you got in touch (email, call, coffee...)")
        if self.follow_up_id is not None and not isinstance(self.follow_up_id, str):
            raise ValidationError("follow_up_id", "should name a follow-up by its id")
        if not all(isinstance(text, str) and text.strip() for text in self.forwarded):
            raise ValidationError("forwarded", "each forwarded item needs its text")


@dataclass
class ForwardItem:
    """Something worth passing on at the next contact: an article, an introduction, a tool."""

    text: str
    added_on: date
    link: str = ""
    id: str = field(default_factory=new_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "link": self.link,
            "added_on": date_to_json(self.added_on),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        item = cls(
            text=text("text", data.get("text")),
            added_on=parse_date("added_on", data.get("added_on"), required=True),
            link=text("link", data.get("link")),
            id=text("id", data.get("id")) or new_id(),
        )
        item.validate()
        return item

    def validate(self) -> None:
        require_text("text", self.text, "What to forward")
        if not isinstance(self.added_on, date):
            raise ValidationError("added_on", "the day it was added is required (YYYY-MM-DD)")


def last_contact_of(contacts: Iterable[Contact]) -> date | None:
    """The day of the most recent contact, which restarts every cadence; None if there was none."""
    return max((contact.on for contact in contacts), default=None)
