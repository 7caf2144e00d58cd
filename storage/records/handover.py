"""Hand over documentation: every asset the client needs to carry on, and where it lives."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Self

from storage.errors import ValidationError
from storage.records.fields import (
    date_from_json,
    date_to_json,
    enum_value,
    known_days,
    new_id,
    require_text,
    text,
)


class AssetKind(StrEnum):
    DOCUMENT = "document"
    SOURCE_CODE = "source code"
    DESIGN = "design files"
    ACCOUNT = "account access"
    DATA = "data"
    OTHER = "other"


class HandoverStatus(StrEnum):
    PENDING = "pending"
    HANDED_OVER = "handed over"
    WITHHELD = "withheld"


class ProjectKind(StrEnum):
    WEBSITE = "website"
    SOFTWARE = "software"
    DESIGN = "design & branding"
    CONTENT = "writing & content"
    MARKETING = "marketing"
    CONSULTING = "consulting"


PRESETS: dict[ProjectKind, tuple[tuple[str, AssetKind], ...]] = {
    ProjectKind.WEBSITE: (
        ("Site map", AssetKind.DOCUMENT),
        ("Source code repository", AssetKind.SOURCE_CODE),
        ("Design files", AssetKind.DESIGN),
        ("Hosting account access", AssetKind.ACCOUNT),
        ("Domain registrar access", AssetKind.ACCOUNT),
        ("CMS admin access", AssetKind.ACCOUNT),
        ("Analytics access", AssetKind.ACCOUNT),
        ("Deployment and backup notes", AssetKind.DOCUMENT),
    ),
    ProjectKind.SOFTWARE: (
        ("Source code repository", AssetKind.SOURCE_CODE),
        ("Architecture overview", AssetKind.DOCUMENT),
        ("Build and release instructions", AssetKind.DOCUMENT),
        ("Cloud and CI account access", AssetKind.ACCOUNT),
        ("Third-party API keys (where they are stored)", AssetKind.ACCOUNT),
        ("Open issues and known bugs", AssetKind.DOCUMENT),
        ("Database export", AssetKind.DATA),
    ),
    ProjectKind.DESIGN: (
        ("Source design files", AssetKind.DESIGN),
        ("Exported assets", AssetKind.DESIGN),
        ("Brand guidelines", AssetKind.DOCUMENT),
        ("Font and image licences", AssetKind.DOCUMENT),
    ),
    ProjectKind.CONTENT: (
        ("Published pieces and drafts", AssetKind.DOCUMENT),
        ("Editorial calendar", AssetKind.DOCUMENT),
        ("Style guide", AssetKind.DOCUMENT),
        ("Image rights", AssetKind.DOCUMENT),
    ),
    ProjectKind.MARKETING: (
        ("Ad account access", AssetKind.ACCOUNT),
        ("Campaign reports", AssetKind.DATA),
        ("Audience lists", AssetKind.DATA),
        ("Social media account access", AssetKind.ACCOUNT),
    ),
    ProjectKind.CONSULTING: (
        ("Final report", AssetKind.DOCUMENT),
        ("Working notes and data", AssetKind.DATA),
        ("Meeting minutes", AssetKind.DOCUMENT),
    ),
}

_SECRET_LABEL = re.compile(r"\b(pass(word|wd)?|pwd|secret|token|api[_ -]?key|pin)\s*[:=]", re.I)
_SECRET_RUN = re.compile(r"(?=[A-Za-z0-9]*[A-Za-z])(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{16,}")


def looks_like_secret(text: str) -> bool:
    """Whether ``text`` seems to hold a password or key rather than where one is kept."""
    if _SECRET_LABEL.search(text):
        return True
    return any(
        _SECRET_RUN.fullmatch(run) for run in re.findall(r"[A-Za-z0-9]{16,}", text)
    )


@dataclass
class HandoverItem:
    """An asset to hand over. A credential is recorded by where it lives, never its value."""

    what: str
    kind: AssetKind = AssetKind.DOCUMENT
    location: str = ""
    status: HandoverStatus = HandoverStatus.PENDING
    withheld_reason: str = ""
    release_condition: str = ""
    release_on: date | None = None
    id: str = field(default_factory=new_id)
    handed_over_on: date | None = None  # the day it was marked handed over (None: not, or not known)
    released_on: date | None = None  # and, when it was withheld until then, released

    def validate(self) -> None:
        self.what = require_text("what", self.what, "what is handed over")
        for name in ("location", "what", "release_condition"):
            if looks_like_secret(getattr(self, name)):
                raise ValidationError(
                    name,
                    "this looks like a password or key; record where it lives "
                    "(e.g. 'shared 1Password vault \"Acme\"'), never the secret itself",
                )
        if self.status is HandoverStatus.WITHHELD and not self.withheld_reason.strip():
            raise ValidationError("withheld_reason", "say why this item is withheld")
        if self.status is HandoverStatus.HANDED_OVER and not self.location.strip():
            raise ValidationError(
                "location", "say where the client finds it before marking it handed over"
            )

    def set_status(self, status: HandoverStatus, today: date) -> None:
        """Change the status, keeping the day it was handed over (``today`` when it is now),
        and released when it was withheld until then; none while it is not handed over."""
        if status is HandoverStatus.HANDED_OVER and self.status is not HandoverStatus.HANDED_OVER:
            self.handed_over_on = today
            self.released_on = today if self.status is HandoverStatus.WITHHELD else None
        elif status is not HandoverStatus.HANDED_OVER:
            self.handed_over_on = self.released_on = None
        self.status = status

    def dated_from(self, before: HandoverItem | None, today: date) -> None:
        """Give this new version of ``before`` (None: a new item), its status as chosen, its
        dates: kept from ``before`` while handed over, else as `set_status` says."""
        status = self.status
        self.status = before.status if before else HandoverStatus.PENDING
        self.handed_over_on = before.handed_over_on if before else None
        self.released_on = before.released_on if before else None
        self.set_status(status, today)

    def toggled(self) -> HandoverStatus:
        """The status a checklist toggle moves to: pending <-> handed over."""
        if self.status is HandoverStatus.HANDED_OVER:
            return HandoverStatus.PENDING
        return HandoverStatus.HANDED_OVER

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "what": self.what,
            "kind": self.kind.value,
            "location": self.location,
            "status": self.status.value,
            "withheld_reason": self.withheld_reason,
            "release_condition": self.release_condition,
            "release_on": date_to_json(self.release_on),
            **known_days(handed_over_on=self.handed_over_on, released_on=self.released_on),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        return cls(
            id=text("id", data.get("id")) or new_id(),
            what=text("what", data.get("what")),
            kind=enum_value("kind", AssetKind, data.get("kind", "document")),
            location=text("location", data.get("location")),
            status=enum_value("status", HandoverStatus, data.get("status", "pending")),
            withheld_reason=text("withheld_reason", data.get("withheld_reason")),
            release_condition=text("release_condition", data.get("release_condition")),
            release_on=date_from_json("release_on", data.get("release_on")),
            handed_over_on=date_from_json("handed_over_on", data.get("handed_over_on")),
            released_on=date_from_json("released_on", data.get("released_on")),
        )


def preset_items(project: ProjectKind, existing: list[HandoverItem]) -> list[HandoverItem]:
    """The preset items for ``project`` not already on the list (matched by name)."""
    have = {item.what.casefold() for item in existing}
    return [
        HandoverItem(what=what, kind=kind)
        for what, kind in PRESETS[project]
        if what.casefold() not in have
    ]
