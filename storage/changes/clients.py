"""Changes to a client as a whole, made on the dashboard: their details, archiving."""

from __future__ import annotations

from storage.records.client import Client

DETAILS = ("name", "industry", "notes", "referred_by")


def set_details(client: Client, details: Client) -> str:
    """Take the details edited in ``details`` (name, main contact, birthday, who referred them,
    the current engagement's kind of project...), nothing else."""
    for name in DETAILS:
        setattr(client, name, getattr(details, name))
    client.current.project_kind = details.project_kind
    client.set_main_contact(details.contact_person, email=details.email, phone=details.phone,
                            birthday=details.birthday)
    return f"edit {client.name}"


def archive(client: Client) -> str:
    """Archive the client (out of sight, follow-ups paused), or bring them back."""
    client.archived = not client.archived
    return f"{'archive' if client.archived else 'unarchive'} {client.name}"
