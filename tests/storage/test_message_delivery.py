"""A message on its way out: its mailto address, the desktop's opener (a real program on PATH),
where a terminal copy cannot reach, and "sent" logged as a contact that keeps the text."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from storage.changes.in_touch import message_sent
from storage.errors import SendoffError
from storage.messages.ready import for_follow_up
from storage.messages.templates import fitting, ready_templates
from storage.outputs.mail import mailto_url, open_in_mail_client, opener
from storage.records.client import Client
from storage.records.contact import ForwardItem
from storage.records.follow_up import FollowUp
from storage.rules.names import file_stem
from storage.rules.steps import Step
from storage.views.timeline import timeline
from tui.clipboard import copy_caveat

TODAY = date(2026, 3, 15)


def program(folder: Path, name: str, body: str) -> dict[str, str]:
    """An environment whose PATH finds a real program ``name`` doing ``body`` first."""
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f"#!/bin/sh\n{body}\n")
    (folder / name).chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}", "DISPLAY": ":0"}


def test_a_mailto_address_reads_back_as_the_message_with_crlf_line_breaks() -> None:
    body = "Hello Bo,\n\nA & B = 100%? #1\n"
    url = mailto_url("bo+work@acme.example", "Hi & bye?", body)
    parts = urlsplit(url)
    assert (parts.scheme, unquote(parts.path)) == ("mailto", "bo+work@acme.example")
    query = parse_qs(parts.query)
    assert query == {"subject": ["Hi & bye?"], "body": ["Hello Bo,\r\n\r\nA & B = 100%? #1\r\n"]}
    assert mailto_url("", "", "") == "mailto:"


def test_the_opener_needs_a_desktop_and_says_plainly_when_it_fails(tmp_path) -> None:
    with pytest.raises(SendoffError, match="no desktop here"):
        opener({"PATH": os.environ["PATH"]}, "linux")
    with pytest.raises(SendoffError, match="xdg-open, which opens your mail client, is not"):
        opener({"PATH": str(tmp_path), "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert opener({}, "darwin") == ["open"]

    environ = program(tmp_path / "bin", "xdg-open", 'echo "no handler for mailto" >&2; exit 4')
    with pytest.raises(SendoffError, match=r"exited with 4: no handler for mailto"):
        open_in_mail_client("mailto:bo@acme.example", environ, "linux")

    recorded = tmp_path / "url"
    environ = program(tmp_path / "bin", "xdg-open", f'printf "%s" "$1" > "{recorded}"')
    open_in_mail_client("mailto:bo@acme.example?subject=Hi", environ, "linux")
    assert recorded.read_text() == "mailto:bo@acme.example?subject=Hi"


def test_an_opener_left_running_is_never_held_up_by_what_it_says(tmp_path) -> None:
    import time

    told = tmp_path / "went on"
    environ = program(tmp_path / "bin", "xdg-open",
                      f'head -c 200000 /dev/zero >&2; touch "{told}"; sleep 5')
    open_in_mail_client("mailto:bo@acme.example", environ, "linux", grace=0.5)
    for _ in range(40):  # a pipe nobody reads would hold it at 64 kB, before the touch
        if told.exists():
            break
        time.sleep(0.05)
    assert told.exists()


@pytest.mark.parametrize(("environ", "said"), [
    ({"STY": "1234.pts-0"}, "GNU screen does not pass"),
    ({"TERM_PROGRAM": "Apple_Terminal"}, "macOS Terminal does not take copies"),
    ({"TERM": "linux"}, "the Linux console has no clipboard"),
    ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, ""),
])
def test_where_a_copy_through_the_terminal_cannot_reach_is_named(environ, said) -> None:
    caveat = copy_caveat(environ)
    assert (said in caveat) if said else caveat == ""


def test_tmux_is_asked_whether_it_passes_copies_on(tmp_path) -> None:
    environ = {**program(tmp_path / "bin", "tmux", "echo external"), "TMUX": "/tmp/t,1,0"}
    assert "`set -g set-clipboard on`" in copy_caveat(environ)
    environ = {**program(tmp_path / "bin", "tmux", "echo on"), "TMUX": "/tmp/t,1,0"}
    assert copy_caveat(environ) == ""
    environ = {"PATH": str(tmp_path / "nothing"), "TMUX": "/tmp/t,1,0"}  # tmux not found
    assert "set-clipboard on" in copy_caveat(environ)


def test_a_message_sent_is_a_contact_that_keeps_its_text_and_forwards_what_it_names() -> None:
    client = Client.new("Acme", contact_person="Bo Lind",
                        follow_ups=[FollowUp.from_cadence("Every 30 days", 30, date(2026, 1, 1))],
                        forward_queue=[ForwardItem("Audit article", TODAY, link="https://a.example"),
                                       ForwardItem("Intro to Bea", TODAY)])
    text = "Subject: Hello again\n\nHello Bo,\n- Audit article\n"
    assert message_sent(client, TODAY, "email", text, client.main_contact) == \
        "mark the message “Hello again” sent"
    [contact] = client.contacts
    assert (contact.note, contact.person_id, contact.follow_up_id) == (text, client.main_contact,
                                                                       None)
    assert contact.forwarded == ["Audit article (https://a.example)"]
    assert [item.text for item in client.forward_queue] == ["Intro to Bea"]
    assert client.follow_ups[0].next_due(last_contact=client.last_contact) == date(2026, 4, 14)
    [moment] = [moment for moment in timeline(client) if moment.kind == "contact"]
    assert moment.text.startswith("email with Bo Lind: Subject: Hello again … (forwarded: ")
    assert message_sent(client, TODAY, "call", "No subject here") == "mark a message sent"


def test_the_templates_that_fit_a_step_come_first_and_file_names_are_safe() -> None:
    found = ready_templates()
    assert [t.name for t in fitting(found, Step.INTERVIEW)][:2] == ["interview-invitation",
                                                                    "testimonial-request"]
    assert [t.name for t in fitting(found, None)] == list(found)
    assert [for_follow_up(FollowUp.from_preset(preset, TODAY, birthday=TODAY).preset)
            for preset in ("birthday", "industry-news")] == ["birthday", "check-in"]
    assert file_stem("Acme Ltd. / Nordic") == "acme-ltd-nordic"
    assert file_stem("***") == "client"
