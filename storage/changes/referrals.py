"""Changes to referrals: those a client gave, and who referred them."""

from __future__ import annotations

from datetime import date, timedelta

from storage.changes import items
from storage.records.client import Client
from storage.records.follow_up import FollowUp
from storage.records.referral import Referral, ReferralStatus, ReferredBy
from storage.views.due_item import THANKS_PREFIX

THANK_YOU_AFTER = timedelta(days=1)  # the day after the news, while it is still news


def put_referral(client: Client, referral: Referral) -> str:
    """Add ``referral``, or put it in place of the one with its id."""
    new = items.put(client.referrals, referral)
    return f"{'add the referral of' if new else 'edit the referral of'} {referral.to}"


def remove_referral(client: Client, referral_id: str) -> str:
    """Take the referral ``referral_id`` off the client's list."""
    return f"remove the referral of {items.remove(client.referrals, referral_id).to}"


def became_client(client: Client, referral_id: str, new_client_id: int) -> str:
    """The referral became a client (``new_client_id``): link it."""
    referral: Referral = client.find(client.referrals, referral_id)
    referral.status = ReferralStatus.BECAME_CLIENT
    referral.client_id = new_client_id
    return f"{referral.to} became a client"


def referred_by_client(client: Client, referrer_id: int) -> str:
    """The client came on the word of the client ``referrer_id``."""
    client.referred_by = ReferredBy(client_id=referrer_id)
    return "note who referred them"


def thank_for_referral(client: Client, referral_id: str, today: date) -> str:
    """A one-off follow-up to thank the client for the referral that became a client."""
    referral: Referral = client.find(client.referrals, referral_id)
    day = today + THANK_YOU_AFTER
    thanks = FollowUp.from_rule(f"Thank them for referring {referral.to}", "FREQ=DAILY;COUNT=1",
                                day)
    thanks.id = f"{THANKS_PREFIX}{referral.id}"  # the agenda lists it as a thank-you
    client.follow_ups.append(thanks)
    return f"plan a thank-you for referring {referral.to}"

