"""Step 2's changes on real records: each changes the client and names itself for undo."""

from __future__ import annotations

import pytest

from storage.changes import work
from storage.records.client import Client
from storage.records.work import WorkItem, WorkStatus


def acme() -> Client:
    return Client.new(name="Acme", work=[WorkItem(title="Logo", id="logo"),
                                     WorkItem(title="Invoice", id="invoice")])


@pytest.mark.parametrize(("change", "item_id", "steps"), [
    (work.tick, "logo", [("tick Logo", WorkStatus.DONE), ("untick Logo", WorkStatus.OPEN)]),
    (work.drop, "invoice", [("drop Invoice", WorkStatus.DROPPED),
                            ("reopen Invoice", WorkStatus.OPEN)]),
], ids=["tick", "drop"])
def test_the_same_key_changes_the_status_and_back(change, item_id, steps) -> None:
    client = acme()
    for what, status in steps:
        assert change(client, item_id) == what
        assert client.find(client.work, item_id).status is status


def test_put_adds_a_new_item_and_replaces_one_with_its_id() -> None:
    client = acme()
    assert work.put(client, WorkItem(title="Speed audit", extra=True, id="audit")) == \
        "add Speed audit"
    assert work.put(client, WorkItem(title="Logo files", id="logo")) == "edit Logo files"
    assert [item.title for item in client.work] == ["Logo files", "Invoice", "Speed audit"]


def test_delete() -> None:
    client = acme()
    assert work.delete(client, "logo") == "delete Logo"
    assert [item.id for item in client.work] == ["invoice"]
    with pytest.raises(KeyError):
        work.delete(client, "logo")
