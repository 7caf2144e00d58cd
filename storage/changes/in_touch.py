"""Step 5 changes on one client: log a contact, mark a follow-up done, snooze one date, and
add, edit and delete follow-ups, contacts and what to forward."""

from __future__ import annotations

from datetime import date

from storage.changes import items
from storage.records.client import Client
from storage.records.contact import Contact, ForwardItem
from storage.records.follow_up import FollowUp

Item = FollowUp | Contact | ForwardItem
LISTS = {FollowUp: "follow_ups", Contact: "contacts", ForwardItem: "forward_queue"}


def _forward_queue_sent(client: Client, items: list[ForwardItem] | None = None) -> list[str]:
    """Take ``items`` (the whole forward queue unless given) off the queue, returning them as
    they go out with this contact."""
    going = list(client.forward_queue) if items is None else items
    client.forward_queue[:] = [item for item in client.forward_queue if item not in going]
    return [f"{item.text} ({item.link})" if item.link else item.text for item in going]


def log_contact(client: Client, on: date, channel: str, note: str = "", *,
                forward: bool | list[ForwardItem] = True,
                person_id: str | None = None) -> Contact:
    """Record that we were in touch (with one of their people, ``person_id``); it restarts every
    cadence. Sends the queue if ``forward``, or the items of it ``forward`` lists."""
    if person_id is not None:
        client.find(client.people, person_id)  # one of theirs, or a KeyError
    going = None if forward is True else forward or []
    contact = Contact(on=on, channel=channel, note=note, person_id=person_id,
                      forwarded=_forward_queue_sent(client, going))
    contact.validate()
    client.contacts.append(contact)
    return contact


def mark_done(client: Client, follow_up_id: str, on: date, channel: str,
              note: str = "", person_id: str | None = None,
              forward: bool | list[ForwardItem] = True) -> tuple[date | None, Contact]:
    """Handle the follow-up's next date with a contact ``on``; returns the date and the contact."""
    follow_up: FollowUp = client.find(client.follow_ups, follow_up_id)
    handled = follow_up.mark_done(on, last_contact=client.last_contact)
    contact = log_contact(client, on, channel, note, person_id=person_id, forward=forward)
    contact.follow_up_id = follow_up.id
    return handled, contact


def contacted(client: Client, follow_up_id: str, on: date, channel: str, note: str = "",
              person_id: str | None = None) -> str:
    """The change "contacted today" makes: `mark_done`, named for undo."""
    mark_done(client, follow_up_id, on, channel, note, person_id)
    return f"contacted about {client.find(client.follow_ups, follow_up_id).label}"


def logged(client: Client, on: date, channel: str, note: str = "",
           forward: bool = True, person_id: str | None = None) -> str:
    """The change logging a contact makes: `log_contact`, named for undo."""
    log_contact(client, on, channel, note, forward=forward, person_id=person_id)
    return f"log a contact on {on}"


def message_sent(client: Client, on: date, channel: str, text: str,
                 person_id: str | None = None, follow_up_id: str | None = None, *,
                 asks_again: bool = False) -> str:
    """A message was sent ``on``: logged as a contact keeping its ``text`` (which handles the
    next date of the follow-up it was written for, if any, and restarts every cadence). What it
    forwarded is what of the forward queue its text names; the rest stays queued. A message
    that ``asks_again`` for the testimonial (a chase) asks anew: the next chase is counted from
    ``on``."""
    if asks_again and client.interview.testimonial_asked_on is not None:
        client.interview.testimonial_asked_on = on
    named = [item for item in client.forward_queue if item.text.strip() in text]
    if follow_up_id is not None and client.find(client.follow_ups, follow_up_id).next_due(
            last_contact=client.last_contact) is not None:
        mark_done(client, follow_up_id, on, channel, text, person_id, forward=named)
    else:
        log_contact(client, on, channel, text, forward=named, person_id=person_id)
    first = text.partition("\n")[0]
    subject = first.removeprefix("Subject:").strip() if first.startswith("Subject:") else ""
    return f"mark the message “{subject}” sent" if subject else "mark a message sent"


def snooze(client: Client, follow_up_id: str, occurrence: date, to: date) -> str:
    """Move one date of the follow-up to ``to``; the rule itself is unchanged."""
    follow_up: FollowUp = client.find(client.follow_ups, follow_up_id)
    follow_up.snooze(occurrence, to, last_contact=client.last_contact)
    return f"snooze {follow_up.label}"


def add_follow_up(client: Client, follow_up: FollowUp, birthday: date | None = None) -> str:
    """Add ``follow_up``; the birthday typed with a birthday one is kept on the person whose it
    is (the follow-up's, else the main contact, who is added when there is none)."""
    client.follow_ups.append(follow_up)
    if birthday is not None:
        person = client.person(follow_up.person_id) or client.main_person
        if person is None:
            client.set_main_contact("", birthday=birthday)
            person = client.main_person
        person.birthday = birthday
        follow_up.person_id = person.id
    return f"add the follow-up {follow_up.label}"


def queue_forward(client: Client, item: ForwardItem) -> str:
    """Keep ``item`` to send with the next contact."""
    client.forward_queue.append(item)
    return f"queue {item.text} to forward"


def edit(client: Client, item: Item) -> str:
    """Put ``item`` in place of the follow-up, contact or forward item with its id."""
    items.put(getattr(client, LISTS[type(item)]), item)
    return f"edit {describe(item)}"


def delete(client: Client, kind: type[Item], item_id: str) -> str:
    """Delete the follow-up, contact or forward item (``kind``) with ``item_id``."""
    return f"delete {describe(items.remove(getattr(client, LISTS[kind]), item_id))}"


def describe(item: Item) -> str:
    """How undo and notifications name an item of one of the three lists."""
    if isinstance(item, Contact):
        return f"the contact of {item.on}"
    return f"“{item.label}”" if isinstance(item, FollowUp) else f"“{item.text}”"
