"""Changes to a client's people: add or edit one, mark the main contact, note who moved on."""

from __future__ import annotations

from storage.changes import items
from storage.errors import ValidationError
from storage.records.client import Client
from storage.records.person import Person


def put_person(client: Client, person: Person) -> str:
    """Add ``person``, or put them in place of the one with their id; the first person added
    becomes the main contact."""
    new = items.put(client.people, person)
    if client.main_contact is None and not person.moved:
        client.main_contact = person.id
    if person.moved and client.main_contact == person.id:
        client.main_contact = None  # who has moved on is no longer the way in
    return f"{'add' if new else 'edit'} {person.known_as}"


def make_main_contact(client: Client, person_id: str) -> str:
    """Make the person with ``person_id`` the main contact; one who moved on cannot be."""
    person = client.find(client.people, person_id)
    if person.moved:
        raise ValidationError("main_contact", f"{person.known_as} has moved on; the main "
                                              "contact is someone still at the client")
    client.main_contact = person.id
    return f"make {person.known_as} the main contact"


def remove_person(client: Client, person_id: str) -> str:
    """Remove the person; contacts and follow-ups with them keep their dates, not their name."""
    person = items.remove(client.people, person_id)
    if client.main_contact == person_id:
        client.main_contact = None
    for linked in (*client.contacts, *client.follow_ups):
        if linked.person_id == person_id:
            linked.person_id = None
    return f"remove {person.known_as}"
