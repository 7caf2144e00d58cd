"""Step 3's changes on real records."""

from __future__ import annotations

import pytest

from storage.changes import handover
from storage.errors import ValidationError
from storage.records.client import Client
from storage.records.handover import PRESETS, HandoverItem, HandoverStatus, ProjectKind


def acme() -> Client:
    return Client.new(name="Acme", handover=[HandoverItem(what="Repo", location="GitHub acme/site",
                                                      id="repo"),
                                         HandoverItem(what="Fonts", id="fonts")])


def test_tick_hands_over_and_back() -> None:
    client = acme()
    said = [handover.tick(client, "repo") for _ in range(2)]
    assert said == ["hand over Repo", "untick Repo"]
    assert client.handover[0].status is HandoverStatus.PENDING
    handover.tick(client, "repo")
    assert client.handover[0].status is HandoverStatus.HANDED_OVER


def test_an_item_without_a_location_cannot_be_ticked() -> None:
    with pytest.raises(ValidationError) as refused:
        handover.tick(acme(), "fonts")
    assert refused.value.field == "location"


def test_put_and_delete() -> None:
    client = acme()
    withheld = HandoverItem(what="Fonts", status=HandoverStatus.WITHHELD,
                            withheld_reason="invoice open", id="fonts")
    assert handover.put(client, withheld, "withhold") == "withhold Fonts"
    assert handover.put(client, HandoverItem(what="Logo", id="logo"), "add") == "add Logo"
    assert [(item.what, item.status) for item in client.handover] == [
        ("Repo", HandoverStatus.PENDING), ("Fonts", HandoverStatus.WITHHELD),
        ("Logo", HandoverStatus.PENDING)]
    assert handover.delete(client, "repo") == "delete Repo"
    assert [item.id for item in client.handover] == ["fonts", "logo"]


def test_presets_set_the_kind_and_add_only_what_is_missing() -> None:
    client = Client.new(name="Acme", handover=[HandoverItem(what=PRESETS[ProjectKind.WEBSITE][0][0])])
    assert handover.add_presets(client, ProjectKind.WEBSITE) == "add the website presets"
    assert client.project_kind is ProjectKind.WEBSITE
    assert [item.what for item in client.handover] == [what for what, _ in
                                                        PRESETS[ProjectKind.WEBSITE]]


def test_presets_add_only_the_chosen_ones_in_their_usual_order() -> None:
    client = Client(name="Acme")
    chosen = ["Meeting minutes", "Final report"]
    assert handover.add_presets(client, ProjectKind.CONSULTING, chosen) == (
        "add 2 of the consulting presets")
    assert [item.what for item in client.handover] == ["Final report", "Meeting minutes"]
    assert handover.add_presets(client, ProjectKind.CONSULTING, ["Working notes and data"]) == (
        "add the consulting presets")  # the last one missing: now they are all there
