"""Step 1 changes: the contract as typed in the form, named by the field that changed."""

from __future__ import annotations

from storage.records.client import Client
from storage.records.contract import Contract

# What undo says it undid, by the field that changed.
FIELD_CHANGES = {
    "kind": "set the contract kind",
    "start": "set the start date",
    "planned_last_day": "set the planned last day",
    "notice_amount": "set the notice period",
    "notice_unit": "set the notice period",
    "notice_business_days": "set the notice period",
    "notice_given_on": "set the notice date",
    "notice_given_by": "set who gave notice",
    "termination_terms": "edit the termination terms",
    "arrangement": "edit the arrangement",
}


def set_contract(client: Client, contract: Contract, field: str = "") -> str:
    """Store the contract as typed; ``field``, when known, is the one that changed."""
    client.current.contract = contract
    return FIELD_CHANGES.get(field, "edit the contract")
