"""Referrals: who sent a client our way, and whom they sent on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Self

from storage.errors import ValidationError
from storage.records.fields import client_number, enum_value, new_id, parse_date, require_text, text


class ReferralStatus(StrEnum):
    INTRODUCED = "introduced"
    BECAME_CLIENT = "became a client"
    CAME_TO_NOTHING = "came to nothing"


@dataclass
class Referral:
    """A referral this client gave: to whom, when, what came of it. ``client_id`` links the
    client it became, once it became one; ``worth`` is a note of what it was worth."""

    to: str
    on: date
    status: ReferralStatus = ReferralStatus.INTRODUCED
    client_id: int | None = None
    worth: str = ""
    id: str = field(default_factory=new_id)

    def validate(self) -> None:
        self.to = require_text("to", self.to, "Whom they referred")
        if not isinstance(self.on, date):
            raise ValidationError("on", "the day of the referral is required (YYYY-MM-DD)")
        self.status = enum_value("status", ReferralStatus, self.status)
        client_number("client_id", self.client_id)

    def to_dict(self) -> dict[str, Any]:
        stored: dict[str, Any] = {"id": self.id, "to": self.to, "on": self.on.isoformat(),
                                  "status": ReferralStatus(self.status).value}
        if self.client_id is not None:
            stored["client_id"] = self.client_id
        if self.worth:
            stored["worth"] = self.worth
        return stored

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        referral = cls(
            to=text("to", data.get("to")),
            on=parse_date("on", data.get("on"), required=True),
            status=enum_value("status", ReferralStatus, data.get("status", "introduced")),
            client_id=data.get("client_id"),
            worth=text("worth", data.get("worth")),
            id=text("id", data.get("id")) or new_id(),
        )
        referral.validate()
        return referral


@dataclass
class ReferredBy:
    """Who referred this client: a client in the book (``client_id``) or someone named."""

    name: str = ""
    client_id: int | None = None

    def __bool__(self) -> bool:
        return bool(self.name or self.client_id)

    def validate(self) -> None:
        client_number("client_id", self.client_id)

    def to_dict(self) -> dict[str, Any]:
        stored: dict[str, Any] = {"name": self.name}
        if self.client_id is not None:
            stored["client_id"] = self.client_id
        return stored

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        referred_by = cls(name=text("name", data.get("name")), client_id=data.get("client_id"))
        referred_by.validate()
        return referred_by
