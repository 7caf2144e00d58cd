"""`sendoff check` remembers the clients it found valid, by their very bytes and the very code
that validated them, beside the data file: a cache that may be slow, never wrong."""

from __future__ import annotations

import importlib
import stat
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest

from storage.outputs.check import check_file
from storage.persistence.paths import is_sendoff_file
from storage.persistence.proven_valid import ProvenValid, proven_path
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.work import WorkItem

GOOD_DUE = b'"due":"2026-02-28"'
BAD_DUE = b'"due":"2026-02-30"'  # one byte from GOOD_DUE


@pytest.fixture
def book(db_path: Path) -> Path:
    with Repository(db_path) as repository:
        repository.add_client(Client(name="Acme"))
        client = Client(name="Beta", archived=True)
        client.work.append(WorkItem(title="Logo", due=date(2026, 2, 28)))
        repository.add_client(client)
    assert GOOD_DUE in db_path.read_bytes()
    return db_path


def _break_a_due_date(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(GOOD_DUE, BAD_DUE))


def _believe_what_is_there_now(path: Path) -> None:
    """The cache as a check under other rules would have left it: the file as it is now was
    found valid."""
    proven = ProvenValid(path)
    tables = orjson.loads(path.read_bytes())
    for doc_id, document in tables["clients"].items():
        proven.found_valid(doc_id, orjson.dumps(document), False, document["name"])
    proven.keep()


def test_a_check_keeps_what_it_found_valid_privately_beside_the_file(book: Path) -> None:
    first = check_file(book)
    cache = proven_path(book)
    assert first.ok and cache.exists() and is_sendoff_file(cache, book)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    written = cache.stat().st_mtime_ns
    again = check_file(book)
    assert again.summary() == first.summary() == (
        f"{book}: OK, 2 clients (1 archived), schema 2.")
    assert cache.stat().st_mtime_ns == written, "nothing new: the cache is not written again"


def test_a_client_changed_by_one_byte_is_validated_afresh(book: Path) -> None:
    assert check_file(book).ok
    _break_a_due_date(book)
    report = check_file(book)
    assert report.problems == [
        "client #2 (Beta): engagements[0].work[0].due: '2026-02-30' is not a real date: "
        "February 2026 has 28 days"]


def test_the_valid_clients_are_remembered_beside_one_to_mend(book: Path) -> None:
    _break_a_due_date(book)
    assert not check_file(book).ok
    acme = next(line for line in book.read_bytes().splitlines()
                if line.startswith(b'"1":{"name":"Acme"'))
    kept = ProvenValid(book)
    assert kept.seen("1", acme.removeprefix(b'"1":').rstrip(b",")) == (False, "Acme")
    assert kept.seen("2", b"{}") is None


def test_the_cache_is_believed_only_by_the_code_that_wrote_it(book: Path, tmp_path: Path,
                                                              monkeypatch) -> None:
    """A stand-in for the rules: a module loaded when the cache is written, changed after."""
    rules = tmp_path / "probe_rules.py"
    rules.write_text("STRICT = False\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "probe_rules", raising=False)
    importlib.import_module("probe_rules")
    _break_a_due_date(book)
    _believe_what_is_there_now(book)
    assert check_file(book).ok, "the cache is believed while its code is the same"
    rules.write_text("STRICT = True\n")
    assert not check_file(book).ok, "changed code: every client is validated afresh"


@pytest.mark.parametrize("damaged", [lambda raw: b"not a cache",
                                     lambda raw: raw.replace(b'"Beta"', b'"Betb"')])
def test_a_damaged_cache_is_ignored(book: Path, damaged) -> None:
    _break_a_due_date(book)
    _believe_what_is_there_now(book)
    cache = proven_path(book)
    cache.write_bytes(damaged(cache.read_bytes()))
    assert not check_file(book).ok


def test_check_on_a_read_only_folder_writes_no_cache_and_says_nothing_of_it(
        book: Path, read_only) -> None:
    read_only(book.parent)
    report = check_file(book)
    assert report.ok and not proven_path(book).exists()
