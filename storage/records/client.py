"""A client: the relationship that outlives each engagement, its people, staying in touch
and the referrals it gave and came from."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache, partial
from typing import Any, Self

from storage.errors import ValidationError
from storage.records.contact import Contact, ForwardItem, last_contact_of
from storage.records.contract import Contract
from storage.records.engagement import Engagement
from storage.records.fields import (
    date_to_json,
    flag,
    person_reference,
    record,
    records,
    require_text,
    text,
    within,
)
from storage.records.follow_up import FollowUp
from storage.records.handover import HandoverItem, ProjectKind
from storage.records.interview import ExitInterview
from storage.records.person import Person
from storage.records.referral import Referral, ReferredBy
from storage.records.work import WorkItem


@dataclass
class Client:
    """A client: the relationship, over every engagement and every person there. ``id`` is its
    document id in the data file (None until added)."""

    name: str
    industry: str = ""
    notes: str = ""
    archived: bool = False
    people: list[Person] = field(default_factory=list)
    main_contact: str | None = None  # the id of the person who is the main contact
    engagements: list[Engagement] = field(default_factory=lambda: [Engagement()])
    follow_ups: list[FollowUp] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    forward_queue: list[ForwardItem] = field(default_factory=list)
    referred_by: ReferredBy = field(default_factory=ReferredBy)
    referrals: list[Referral] = field(default_factory=list)
    id: int | None = None

    @classmethod
    def new(cls, name: str, *, contact_person: str = "", email: str = "", phone: str = "",
            birthday: date | None = None, project_kind: ProjectKind | None = None,
            contract: Contract | None = None, work: Iterable[WorkItem] = (),
            handover: Iterable[HandoverItem] = (), interview: ExitInterview | None = None,
            **relationship: Any) -> Self:
        """A client with one engagement (its ``contract``, ``work``, ``handover`` and
        ``interview``) and, when any detail of them is given, a main contact."""
        client = cls(name, engagements=[Engagement(
            project_kind=project_kind, contract=contract or Contract(), work=list(work),
            handover=list(handover), interview=interview or ExitInterview())], **relationship)
        client.set_main_contact(contact_person, email=email, phone=phone, birthday=birthday)
        return client

    # -- the current engagement: what steps 1 to 4 show ----------------------------------------

    @property
    def current(self) -> Engagement:
        """The newest open engagement; when all have ended, the newest."""
        for engagement in reversed(self.engagements):
            if engagement.is_open:
                return engagement
        return self.engagements[-1]

    def for_a_new_part(self) -> Self:
        """A copy of this client whose current engagement may be given a new contract or
        interview without changing this one (its other parts are shared, not copied)."""
        current = self.current
        return replace(self, engagements=[replace(engagement) if engagement is current
                                          else engagement for engagement in self.engagements])

    @property
    def current_name(self) -> str:
        """The current engagement's title, else its place ("Engagement 2")."""
        return self.current.name(self.engagements.index(self.current) + 1)

    @property
    def contract(self) -> Contract:
        return self.current.contract

    @property
    def work(self) -> list[WorkItem]:
        return self.current.work

    @property
    def handover(self) -> list[HandoverItem]:
        return self.current.handover

    @property
    def interview(self) -> ExitInterview:
        return self.current.interview

    @property
    def project_kind(self) -> ProjectKind | None:
        return self.current.project_kind

    # -- the main contact ----------------------------------------------------------------------

    @property
    def main_person(self) -> Person | None:
        """The person marked as the main contact; else the first who has not moved on."""
        for person in self.people:
            if person.id == self.main_contact:
                return person
        return next((person for person in self.people if not person.moved), None)

    @property
    def contact_person(self) -> str:
        person = self.main_person
        return person.name if person else ""

    @property
    def email(self) -> str:
        person = self.main_person
        return person.email if person else ""

    @property
    def phone(self) -> str:
        person = self.main_person
        return person.phone if person else ""

    @property
    def birthday(self) -> date | None:
        person = self.main_person
        return person.birthday if person else None

    def set_main_contact(self, name: str, *, email: str = "", phone: str = "",
                         birthday: date | None = None) -> None:
        """Give the main contact these details, adding them as a person when there is none;
        nothing given and no main contact yet adds nobody."""
        person = self.main_person
        if person is None:
            if not (name.strip() or email.strip() or phone.strip() or birthday):
                return
            person = Person(name)
            self.people.append(person)
        person.name = name.strip()
        person.email, person.phone, person.birthday = email, phone, birthday
        self.main_contact = person.id

    def person(self, person_id: str | None) -> Person | None:
        """The person with ``person_id``, or None."""
        return next((person for person in self.people if person.id == person_id), None)

    def validate(self, *, placed: bool = False) -> None:
        """Check every field; raises ValidationError naming the first bad one: by its place in
        the stored client when ``placed`` (``engagements[0].work[2].title``, as the file's check
        names it), else by its own name (as the form where it is typed shows it)."""
        check = within if placed else _unplaced
        self.name = require_text("name", self.name, "the client's name")
        if not self.engagements:
            raise ValidationError("engagements", "a client has at least one engagement")
        if self.main_contact is not None and self.person(self.main_contact) is None:
            raise ValidationError("main_contact", f"names no person of theirs "
                                                  f"({self.main_contact!r})")
        check("referred_by", self.referred_by.validate)
        for place, engagement in enumerate(self.engagements):
            check(f"engagements[{place}]", partial(engagement.validate, placed=placed))
        for name in ("people", "follow_ups", "contacts", "forward_queue", "referrals"):
            for place, item in enumerate(getattr(self, name)):
                check(f"{name}[{place}]", item.validate)

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
        stored: dict[str, Any] = {
            "name": self.name,
            "industry": self.industry,
            "notes": self.notes,
            "archived": self.archived,
            "people": [person.to_dict() for person in self.people],
        }
        if self.main_contact is not None:
            stored["main_contact"] = self.main_contact
        stored["engagements"] = [engagement.to_dict() for engagement in self.engagements]
        stored["follow_ups"] = [_follow_up_dict(item, self.last_contact)
                                for item in self.follow_ups]
        stored["contacts"] = [item.to_dict() for item in self.contacts]
        stored["forward_queue"] = [item.to_dict() for item in self.forward_queue]
        if self.referred_by:
            stored["referred_by"] = self.referred_by.to_dict()
        stored["referrals"] = [item.to_dict() for item in self.referrals]
        return stored

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], client_id: int | None = None) -> Self:
        """The client ``data`` holds, every value checked: raises ValidationError naming the
        field (``engagements[0].work[2].due``) of the first that is not what Sendoff stores."""
        data = record("client", data)
        return cls(
            id=client_id,
            name=text("name", data.get("name")),
            industry=text("industry", data.get("industry")),
            notes=text("notes", data.get("notes")),
            archived=flag("archived", data.get("archived")),
            people=records("people", data.get("people"), Person.from_dict),
            main_contact=person_reference("main_contact", data.get("main_contact")),
            engagements=records("engagements", data.get("engagements"), Engagement.from_dict)
            or [Engagement()],
            follow_ups=records("follow_ups", data.get("follow_ups"), FollowUp.from_dict),
            contacts=records("contacts", data.get("contacts"), Contact.from_dict),
            forward_queue=records("forward_queue", data.get("forward_queue"),
                                  ForwardItem.from_dict),
            referred_by=within("referred_by", lambda: ReferredBy.from_dict(
                record("referred_by", data.get("referred_by")))),
            referrals=records("referrals", data.get("referrals"), Referral.from_dict),
        )


def _unplaced(field: str, validate: Callable[[], None]) -> None:
    validate()


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
