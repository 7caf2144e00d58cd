"""The dialog to add a client or edit their details."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storage.errors import ValidationError
from storage.records.client import Client
from storage.records.fields import parse_date
from storage.records.handover import ProjectKind
from storage.records.referral import ReferredBy
from tui.dialogs.form import FormDialog, FormField

NO_PROJECT_KIND = ""


def project_kind_field(kind: ProjectKind | None) -> FormField:
    """The choice of the (current) engagement's kind of project, ``kind`` to begin with."""
    kinds = [("(not set)", NO_PROJECT_KIND)] + [(kind.value, kind.value) for kind in ProjectKind]
    return FormField("project_kind", "Kind of project", "select",
                     value=kind.value if kind else NO_PROJECT_KIND, options=kinds,
                     hint="Chooses the handover presets")


def project_kind_chosen(value: str) -> ProjectKind | None:
    return ProjectKind(value) if value else None


def client_form(client: Client | None = None, *,
                clash: Callable[[Client], ValidationError | None] | None = None,
                referrer: Callable[[str], Client | None] | None = None,
                ) -> FormDialog[Client]:
    """A form for ``client`` (a new one when None); dismisses with the validated client.
    ``clash`` says why the name typed cannot be kept (another client has it): then the form
    says so at the name and stays open. ``referrer`` finds the client in the book a "referred
    by" names, so that it is linked (else it is kept as typed)."""
    editing = client or Client(name="")
    fields = [
        FormField("name", "Client name", value=editing.name, placeholder="e.g. Acme Ltd"),
        FormField("contact_person", "Contact person", value=editing.contact_person),
        FormField("email", "Email", value=editing.email),
        FormField("phone", "Phone", value=editing.phone),
        FormField("birthday", "Their birthday", "date", value=editing.birthday or "",
                  hint="For a yearly birthday follow-up; leave empty if unknown"),
        FormField("industry", "Industry", value=editing.industry),
        project_kind_field(editing.project_kind),
        FormField("notes", "Notes", "long", value=editing.notes),
        FormField("referred_by", "Referred by", value=editing.referred_by.name,
                  hint="A client in the book (linked) or anyone else"),
    ]

    def build(values: dict[str, Any]) -> Client:
        editing.name = values["name"]
        editing.set_main_contact(values["contact_person"].strip(),
                                 email=values["email"].strip(), phone=values["phone"].strip(),
                                 birthday=parse_date("birthday", values["birthday"]))
        editing.industry = values["industry"].strip()
        editing.current.project_kind = project_kind_chosen(values["project_kind"])
        editing.notes = values["notes"].strip()
        named = values["referred_by"].strip()
        found = referrer(named) if referrer is not None and named else None
        editing.referred_by = ReferredBy(named, found.id if found else None)
        editing.validate()
        problem = clash(editing) if clash is not None else None
        if problem is not None:
            raise problem
        return editing

    title = f"Edit {editing.name}" if client else "New client"
    return FormDialog(title, fields, build)
