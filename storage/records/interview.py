"""The exit interview: what the client liked, disliked, would improve, and the testimonial."""

from __future__ import annotations

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
    flag,
    known_days,
    text,
)


class InterviewChannel(StrEnum):
    UNSET = ""
    VIDEO = "video call"
    PHONE = "phone"
    IN_PERSON = "in person"
    EMAIL = "email"
    FORM = "written form"


class TestimonialStatus(StrEnum):
    __test__ = False  # not a pytest test class, despite the name

    NOT_ASKED = "not asked"
    ASKED = "asked"
    DRAFT_OFFERED = "draft offered"
    RECEIVED = "received"
    DECLINED = "declined"


AWAITED = (TestimonialStatus.ASKED, TestimonialStatus.DRAFT_OFFERED)  # asked, no answer yet


class TestimonialUse(StrEnum):
    __test__ = False

    WEBSITE = "website"
    LINKEDIN = "LinkedIn"
    ANONYMISED = "anonymised only"


@dataclass
class ExitInterview:
    """Step 4. ``held`` is set once the conversation actually took place."""

    on: date | None = None
    channel: InterviewChannel = InterviewChannel.UNSET
    held: bool = False
    liked: str = ""
    disliked: str = ""
    improve: str = ""
    testimonial_status: TestimonialStatus = TestimonialStatus.NOT_ASKED
    testimonial_text: str = ""
    testimonial_use: list[TestimonialUse] = field(default_factory=list)
    testimonial_received_on: date | None = None  # None: not received, or not known when
    testimonial_asked_on: date | None = None  # None: not asked, or not known when

    def validate(self) -> None:
        if self.testimonial_status is TestimonialStatus.RECEIVED and not self.testimonial_text.strip():
            raise ValidationError(
                "testimonial_text", "paste the testimonial you received before marking it received"
            )
        if TestimonialUse.ANONYMISED in self.testimonial_use and len(set(self.testimonial_use)) > 1:
            raise ValidationError(
                "testimonial_use",
                "'anonymised only' cannot be combined with a named use such as website or LinkedIn",
            )

    def dated_from(self, before: ExitInterview, today: date) -> None:
        """Give this new version of ``before`` the days the testimonial was asked for and
        received: each kept while it still is so, ``today`` when it is now, none while not."""
        if self.testimonial_status is TestimonialStatus.NOT_ASKED:
            self.testimonial_asked_on = None
        elif before.testimonial_status is TestimonialStatus.NOT_ASKED:
            self.testimonial_asked_on = today
        else:
            self.testimonial_asked_on = before.testimonial_asked_on
        if self.testimonial_status is not TestimonialStatus.RECEIVED:
            self.testimonial_received_on = None
        elif before.testimonial_status is TestimonialStatus.RECEIVED:
            self.testimonial_received_on = before.testimonial_received_on
        else:
            self.testimonial_received_on = today

    def to_dict(self) -> dict[str, Any]:
        return {
            "on": date_to_json(self.on),
            "channel": self.channel.value,
            "held": self.held,
            "liked": self.liked,
            "disliked": self.disliked,
            "improve": self.improve,
            "testimonial_status": self.testimonial_status.value,
            "testimonial_text": self.testimonial_text,
            "testimonial_use": [use.value for use in self.testimonial_use],
            **known_days(testimonial_received_on=self.testimonial_received_on,
                         testimonial_asked_on=self.testimonial_asked_on),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        uses = data.get("testimonial_use") or []
        if not isinstance(uses, list):
            raise ValidationError("testimonial_use", f"should be a list, not {uses!r}")
        return cls(
            on=date_from_json("on", data.get("on")),
            channel=enum_value("channel", InterviewChannel, data.get("channel", "")),
            held=flag("held", data.get("held")),
            liked=text("liked", data.get("liked")),
            disliked=text("disliked", data.get("disliked")),
            improve=text("improve", data.get("improve")),
            testimonial_status=enum_value(
                "testimonial_status", TestimonialStatus, data.get("testimonial_status", "not asked")
            ),
            testimonial_text=text("testimonial_text", data.get("testimonial_text")),
            testimonial_use=[enum_value("testimonial_use", TestimonialUse, use) for use in uses],
            testimonial_received_on=date_from_json("testimonial_received_on",
                                                   data.get("testimonial_received_on")),
            testimonial_asked_on=date_from_json("testimonial_asked_on",
                                                data.get("testimonial_asked_on")),
        )
