"""Changes to a client's engagements: a returning client starts a new one, the history kept."""

from __future__ import annotations

from datetime import date

from storage.records.client import Client
from storage.records.engagement import Engagement


def start_engagement(client: Client, engagement: Engagement, today: date) -> str:
    """Start ``engagement`` (today, unless it says when) as the client's current one; the one
    it follows ends that day, unless it had ended already."""
    engagement.started = engagement.started or today
    previous = client.current
    if previous.is_open:
        previous.ended = max(engagement.started, previous.started or engagement.started)
    client.engagements.append(engagement)
    return f"start {engagement.label(len(client.engagements))}"


def end_engagement(client: Client, ended: date) -> str:
    """End the current engagement on ``ended`` (the client stays in touch)."""
    client.current.ended = ended
    return f"end {client.current_name}"
