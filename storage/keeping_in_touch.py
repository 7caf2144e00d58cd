"""Step 5 actions on one client: log a contact, mark a follow-up done, snooze one date."""

from __future__ import annotations

from datetime import date

from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.follow_up import FollowUp


def _forward_queue_sent(client: Client) -> list[str]:
    """Empty the forward queue, returning what was in it, as it goes out with this contact."""
    sent = [f"{item.text} ({item.link})" if item.link else item.text
            for item in client.forward_queue]
    client.forward_queue.clear()
    return sent


def log_contact(client: Client, on: date, channel: str, note: str = "", *,
                forward: bool = True) -> Contact:
    """Record that we were in touch; it restarts every cadence. Sends the queue if ``forward``."""
    contact = Contact(on=on, channel=channel, note=note,
                      forwarded=_forward_queue_sent(client) if forward else [])
    contact.validate()
    client.contacts.append(contact)
    return contact


def mark_done(client: Client, follow_up_id: str, on: date, channel: str,
              note: str = "") -> tuple[date | None, Contact]:
    """Handle the follow-up's next date with a contact ``on``; returns the date and the contact."""
    follow_up: FollowUp = client.find(client.follow_ups, follow_up_id)
    handled = follow_up.mark_done(on, last_contact=client.last_contact)
    contact = log_contact(client, on, channel, note)
    contact.follow_up_id = follow_up.id
    return handled, contact


def snooze(client: Client, follow_up_id: str, occurrence: date, to: date) -> None:
    """Move one date of the follow-up to ``to``; the rule itself is unchanged."""
    follow_up: FollowUp = client.find(client.follow_ups, follow_up_id)
    follow_up.snooze(occurrence, to, last_contact=client.last_contact)
