"""`sendoff search WORD...`: every client holding each word, archived ones too, a line for each
place found, read from the data file by a real process."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.person import Person
from tests.cli_process import sendoff


@pytest.fixture
def book(db_path: Path) -> Path:
    with Repository(db_path) as repository:
        repository.add_client(Client(
            name="Acme Ltd", people=[Person("Dana Lee", email="dana@acme.example")],
            contacts=[Contact(on=date(2026, 3, 1), channel="call",
                              note="Dana asked about the\nnew brand")]))
        repository.add_client(Client(name="Old [b]Acme[/b]\x1b[31m", archived=True))
        repository.add_client(Client(name="Initech", notes="Met Dana at a conference"))
    return db_path


def test_a_line_for_each_place_found_names_first_archived_too(book: Path) -> None:
    result = sendoff("search", "acme", "--db", str(book))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "#1  Acme Ltd                         name                      Acme Ltd",
        "#1  Acme Ltd                         person: email (Dana Lee)  dana@acme.example",
        "#2  Old [b]Acme[/b]␛[31m (archived)  name                      Old [b]Acme[/b]␛[31m",
    ], "printed literally: an escape code in a name is shown, never obeyed"


def test_every_word_must_be_found_anywhere_in_the_client(book: Path) -> None:
    result = sendoff("search", "DANA", "brand", "--db", str(book))
    assert result.stdout.splitlines() == [
        "#1  Acme Ltd  person: name              Dana Lee",
        "#1  Acme Ltd  person: email (Dana Lee)  dana@acme.example",
        "#1  Acme Ltd  contact note 2026-03-01   Dana asked about the new brand",
    ]
    assert sendoff("search", "dana brand", "--db", str(book)).stdout == result.stdout


def test_nothing_found_prints_nothing(book: Path) -> None:
    result = sendoff("search", "nowhere", "--db", str(book))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert json.loads(sendoff("search", "nowhere", "--json", "--db", str(book)).stdout) == []


def test_json_lists_each_client_with_where_and_the_marks(book: Path) -> None:
    listed = json.loads(sendoff("search", "dana", "--json", "--db", str(book)).stdout)
    assert listed == [
        {"id": 1, "name": "Acme Ltd", "archived": False, "found": [
            {"where": "person: name", "text": "Dana Lee", "marks": [[0, 4]]},
            {"where": "person: email (Dana Lee)", "text": "dana@acme.example",
             "marks": [[0, 4]]},
            {"where": "contact note 2026-03-01", "text": "Dana asked about the new brand",
             "marks": [[0, 4]]}]},
        {"id": 3, "name": "Initech", "archived": False, "found": [
            {"where": "notes", "text": "Met Dana at a conference", "marks": [[4, 8]]}]},
    ]


def test_no_words_or_no_file_say_so(book: Path, tmp_path: Path) -> None:
    for words in ([], ["  "]):
        result = sendoff("search", *words, "--db", str(book))
        assert result.returncode == 2 and "error:" in result.stderr
    missing = sendoff("search", "acme", "--db", str(tmp_path / "none.json"))
    assert missing.returncode == 1 and missing.stderr.startswith("sendoff: There is no data file")
    assert "Traceback" not in missing.stderr
