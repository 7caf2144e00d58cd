"""The dashboard's changes on real records."""

from __future__ import annotations

from datetime import date

from storage.changes import clients
from storage.records.client import Client
from storage.records.work import WorkItem


def test_set_details_takes_the_details_and_nothing_else() -> None:
    client = Client.new(name="Acme", work=[WorkItem(title="Logo")], archived=True, id=3)
    edited = Client.new(name="Acme Ltd", email="jo@acme.test", birthday=date(1980, 5, 1))
    assert clients.set_details(client, edited) == "edit Acme Ltd"
    assert (client.name, client.email, client.birthday) == ("Acme Ltd", "jo@acme.test",
                                                            date(1980, 5, 1))
    assert (client.id, client.archived, [item.title for item in client.work]) == \
        (3, True, ["Logo"])


def test_archive_and_unarchive() -> None:
    client = Client(name="Acme")
    assert clients.archive(client) == "archive Acme"
    assert client.archived
    assert clients.archive(client) == "unarchive Acme"
    assert not client.archived
