"""`sendoff templates` and `sendoff message`: real processes on a real data file, the user's
templates in a config folder of the test's own."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.person import Person
from tests.cli_process import sendoff


@pytest.fixture
def book(db_path: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    client = Client.new("Acme [bold]Ltd\x1b[2J", contact_person="Ana Souza")
    client.people.append(Person("Bo Lind", role="CTO"))
    with Repository(db_path) as repository:
        repository.add_client(client)
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    return db_path, env


def test_a_message_is_printed_to_the_main_contact_or_the_person_named(book) -> None:
    db, env = book
    done = sendoff("--db", str(db), "message", "acme", "referral-ask", env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:3] == ["Subject: Anyone who could use a hand?", "", "Hello Ana,"]
    assert "Acme [bold]Ltd␛[2J" in done.stdout and "\x1b" not in done.stdout, "literally"
    to_bo = sendoff("--db", str(db), "message", "#1", "birthday", "--person", "bo", env=env)
    assert to_bo.stdout.startswith("Subject: Happy birthday, Bo!"), to_bo.stdout


def test_written_to_a_private_file_never_over_one_without_force(book, tmp_path) -> None:
    db, env = book
    out = tmp_path / "note.txt"
    done = sendoff("--db", str(db), "message", "acme", "check-in", "-o", str(out), env=env)
    assert done.returncode == 0 and out.read_text().startswith("Subject: How are things at")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    again = sendoff("--db", str(db), "message", "acme", "check-in", "-o", str(out), env=env)
    assert again.returncode == 1 and "--force" in again.stderr


def test_a_users_template_overrides_a_ready_one_and_templates_says_so(book, tmp_path) -> None:
    db, env = book
    folder = tmp_path / "config" / "sendoff" / "templates"
    folder.mkdir(parents=True)
    (folder / "check-in.txt").write_text("Subject: Coffee?\nHi {{ first_name }}, coffee soon?\n")
    listed = sendoff("templates", env=env)
    assert listed.returncode == 0
    assert f"check-in                {folder / 'check-in.txt'}  step 5" in listed.stdout
    assert "{{ first_name }}" in listed.stdout
    done = sendoff("--db", str(db), "message", "acme", "check-in", env=env)
    assert done.stdout.splitlines() == ["Subject: Coffee?", "", "Hi Ana, coffee soon?"]


@pytest.mark.parametrize(("template", "told"), [
    ("Hi {{ frist_name }}", "{{ frist_name }} is not a field"),
    ("{{ client.__class__.__mro__ }}", "may not use"),
    ("{% if %}", "has a mistake on line 1"),
])
def test_a_broken_template_is_told_and_nothing_written(book, tmp_path, template, told) -> None:
    db, env = book
    folder = tmp_path / "config" / "sendoff" / "templates"
    folder.mkdir(parents=True)
    (folder / "mine.txt").write_text(template)
    out = tmp_path / "note.txt"
    done = sendoff("--db", str(db), "message", "acme", "mine", "-o", str(out), env=env)
    assert done.returncode == 1 and told in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not out.exists()


@pytest.mark.parametrize(("args", "told"), [
    (["acme", "nope"], "there is no template 'nope'"),
    (["acme", "birthday", "--person", "zed"], "'zed' is none of the people at Acme"),
    (["nobody", "birthday"], "No client is called 'nobody'"),
])
def test_a_bad_argument_is_told_where_it_was_given(book, args, told) -> None:
    db, env = book
    done = sendoff("--db", str(db), "message", *args, env=env)
    assert done.returncode == 1 and told in done.stderr, done.stderr
