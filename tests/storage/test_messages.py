"""Messages written from the record: every ready template for every demo client, a user's
own template over a ready one, and a broken one told plainly, rendering nothing."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from storage.demo import demo_clients
from storage.messages.fields import FIELDS, message_fields
from storage.messages.ready import READY
from storage.messages.templates import READY_SOURCE, TemplateProblem, render, templates
from storage.records.client import Client

TODAY = date(2026, 3, 15)
NOWHERE = Path("/nonexistent/sendoff-templates")


def test_every_ready_template_fills_for_every_demo_client_and_person() -> None:
    ready = templates(NOWHERE)
    assert set(ready) == set(READY) and all(t.source == READY_SOURCE for t in ready.values())
    for client in demo_clients(24, 1, TODAY):
        for person in [None, *client.people]:
            fields = message_fields(client, person, TODAY)
            assert set(fields) <= set(FIELDS) and all(fields.values()), "only what it has"
            for template in ready.values():
                message = render(template, fields)
                text = f"{message.subject}\n{message.body}"
                assert message.subject and "Hello" in message.body, (template.name, text)
                assert not re.search(r"\{\{|\{%|  |\( |, ,| \.", text), (template.name, text)


def test_the_fields_are_what_the_record_holds() -> None:
    client = Client.new("Acme", contact_person="Ana Souza")
    fields = message_fields(client, client.main_person, TODAY)
    assert fields["first_name"] == "Ana" and fields["client"] == "Acme"
    assert "last_day" not in fields and "open_work" not in fields, "empty: left out"
    body = render(templates(NOWHERE)["work-left"], fields).body
    assert "- Nothing is open" in body and "Hello Ana," in body


def test_a_users_template_overrides_a_ready_one_and_adds_its_own(tmp_path) -> None:
    (tmp_path / "check-in.txt").write_text("Subject: Hi from me\nHi {{ first_name }}!\n")
    (tmp_path / "thanks.txt").write_text("Thanks, {{ client }}.\n")
    found = templates(tmp_path)
    assert found["check-in"].source == str(tmp_path / "check-in.txt")
    assert found["check-in"].step == templates(NOWHERE)["check-in"].step
    assert (found["thanks"].source, found["thanks"].step) == (str(tmp_path / "thanks.txt"), None)
    client = Client.new("Acme", contact_person="Ana")
    fields = message_fields(client, client.main_person, TODAY)
    assert render(found["check-in"], fields).body == "Hi Ana!\n"
    assert render(found["thanks"], fields).subject == ""


@pytest.mark.parametrize(("text", "told"), [
    ("Hello {% if client %}", "has a mistake on line 1"),
    ("Hello {{ clinet }}", "{{ clinet }} is not a field; the fields are: client,"),
    ("Until {{ last_day }}", "{{ last_day }} (the last day of work (YYYY-MM-DD)) is empty"),
    ("{{ client.__class__.__mro__ }}", "reaches for what a message may not use"),
    ("{{ cycler.__init__.__globals__ }}", "reaches for what a message may not use"),
    ("{{ client.nope }}", "it asks for .nope, which no field has"),
    ("{% for x in range(10**9) %}{% endfor %}", "cannot be filled"),
])
def test_a_broken_template_is_told_plainly_and_renders_nothing(tmp_path, text, told) -> None:
    (tmp_path / "mine.txt").write_text(text)
    client = Client.new("Acme")
    with pytest.raises(TemplateProblem) as refused:
        render(templates(tmp_path)["mine"], message_fields(client, None, TODAY))
    assert told in str(refused.value) and str(tmp_path / "mine.txt") in str(refused.value)
