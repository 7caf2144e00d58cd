"""The dialogs of a client's overview: a new engagement, a person, a referral given."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from storage.records.engagement import Engagement
from storage.records.fields import parse_date
from storage.records.person import Person
from storage.records.referral import Referral, ReferralStatus
from tui.dialogs.client_form import project_kind_chosen, project_kind_field
from tui.dialogs.form import FormDialog, FormField


def engagement_form(today: date) -> FormDialog[Engagement]:
    """A new engagement for a returning client: what it is, when it starts, its kind."""
    fields = [
        FormField("title", "What the work is", placeholder="e.g. Online shop"),
        FormField("started", "Starts on", "date", value=today,
                  hint="The current engagement ends that day"),
        project_kind_field(None),
    ]

    def build(values: dict[str, Any]) -> Engagement:
        engagement = Engagement(title=values["title"].strip(),
                                started=parse_date("started", values["started"], required=True),
                                project_kind=project_kind_chosen(values["project_kind"]))
        engagement.validate()
        return engagement

    return FormDialog("New engagement", fields, build)


def person_form(person: Person | None = None) -> FormDialog[Person]:
    """A person at the client, new or edited; moved to and since when say they left."""
    editing = person or Person("")
    fields = [
        FormField("name", "Name", value=editing.name),
        FormField("role", "Role", value=editing.role, placeholder="e.g. Head of marketing"),
        FormField("email", "Email", value=editing.email),
        FormField("phone", "Phone", value=editing.phone),
        FormField("birthday", "Birthday", "date", value=editing.birthday or ""),
        FormField("moved_to", "Moved on to", value=editing.moved_to,
                  hint="The company they went to: often where the next work comes from"),
        FormField("moved_on", "Since", "date", value=editing.moved_on or ""),
        FormField("notes", "Notes", "long", value=editing.notes),
    ]

    def build(values: dict[str, Any]) -> Person:
        edited = replace(
            editing, name=values["name"].strip(), role=values["role"].strip(),
            email=values["email"].strip(), phone=values["phone"].strip(),
            birthday=parse_date("birthday", values["birthday"]),
            moved_to=values["moved_to"].strip(),
            moved_on=parse_date("moved_on", values["moved_on"]), notes=values["notes"].strip())
        edited.validate()
        return edited

    return FormDialog(f"Edit {editing.known_as}" if person else "New person", fields, build)


def referral_form(today: date, referral: Referral | None = None) -> FormDialog[Referral]:
    """Someone this client referred to you (``referral``, when editing one): who, when, its
    outcome, and what it may be worth."""
    editing = referral or Referral(to="", on=today)
    became = editing.status is ReferralStatus.BECAME_CLIENT
    fields = [
        FormField("to", "Whom they referred", value=editing.to,
                  placeholder="e.g. Globex, or a person's name"),
        FormField("on", "On", "date", value=editing.on.isoformat()),
        FormField("status", "Outcome", "select", value=editing.status.value,
                  options=[(status.value, status.value) for status in ReferralStatus
                           if became or status is not ReferralStatus.BECAME_CLIENT],
                  hint="When they become a client, press b on the referral"),
        FormField("worth", "What it was worth", value=editing.worth,
                  placeholder="e.g. a shop, three months"),
    ]

    def build(values: dict[str, Any]) -> Referral:
        status = ReferralStatus(values["status"])
        edited = replace(editing, to=values["to"].strip(),
                         on=parse_date("on", values["on"], required=True), status=status,
                         worth=values["worth"].strip(),
                         client_id=editing.client_id if status is ReferralStatus.BECAME_CLIENT
                         else None)  # no longer linked to the client it no longer is
        edited.validate()
        return edited

    return FormDialog(f"Edit the referral of {editing.to}" if referral else "New referral",
                      fields, build)
