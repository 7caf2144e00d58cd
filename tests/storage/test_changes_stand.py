"""Step 1's change: the contract as typed, named by the field that changed."""

from __future__ import annotations

from datetime import date

from storage.changes import stand
from storage.records.client import Client
from storage.records.contract import Contract


def test_the_contract_is_stored_and_named_by_its_field() -> None:
    client = Client(name="Acme")
    contract = Contract(start=date(2025, 1, 6))
    assert stand.set_contract(client, contract, "start") == "set the start date"
    assert client.contract is contract
    assert stand.set_contract(client, Contract(), "notice_unit") == "set the notice period"
    assert stand.set_contract(client, Contract()) == "edit the contract"
