"""A person at a client: who we dealt with, how to reach them, and where they went next."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Self

from storage.errors import ValidationError
from storage.records.fields import date_from_json, known_days, new_id, text


@dataclass
class Person:
    """A contact person. ``moved_to`` and ``moved_on`` say that they left for another company
    (and since when): a former client's people changing jobs is how new work often begins."""

    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    birthday: date | None = None
    notes: str = ""
    moved_to: str = ""
    moved_on: date | None = None
    id: str = field(default_factory=new_id)

    @property
    def moved(self) -> bool:
        return bool(self.moved_to.strip() or self.moved_on)

    @property
    def known_as(self) -> str:
        """How to name them in a list: their name, else how to reach them."""
        return self.name.strip() or self.email.strip() or self.phone.strip() or "(no name)"

    def validate(self) -> None:
        self.name = self.name.strip()
        if not (self.name or self.email.strip() or self.phone.strip() or self.birthday):
            raise ValidationError("name", "The person's name cannot be empty")
        if self.email and ("@" not in self.email or " " in self.email.strip()):
            raise ValidationError("email", f"{self.email!r} is not an email address")

    def to_dict(self) -> dict[str, Any]:
        stored = {"id": self.id, "name": self.name}
        for name in ("role", "email", "phone", "notes", "moved_to"):
            if value := getattr(self, name):
                stored[name] = value
        return stored | known_days(birthday=self.birthday, moved_on=self.moved_on)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        person = cls(
            name=text("name", data.get("name")),
            role=text("role", data.get("role")),
            email=text("email", data.get("email")),
            phone=text("phone", data.get("phone")),
            birthday=date_from_json("birthday", data.get("birthday")),
            notes=text("notes", data.get("notes")),
            moved_to=text("moved_to", data.get("moved_to")),
            moved_on=date_from_json("moved_on", data.get("moved_on")),
            id=text("id", data.get("id")) or new_id(),
        )
        person.validate()
        return person
