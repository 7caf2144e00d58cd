"""A file the index vouches for is opened without parsing its clients: each is parsed when first
read beyond its dashboard row, and what every path sees, writes and indexes is exactly what it
would be had every client been parsed on open."""

from __future__ import annotations

import json
from datetime import timedelta

import orjson
import pytest

from storage.demo import demo_clients
from storage.errors import DataFileInvalid
from storage.persistence.file_digest import digest_of
from storage.persistence.file_layout import dump
from storage.persistence.journal import journal_path
from storage.persistence.repository import Repository
from storage.persistence.schema import CLIENTS_TABLE
from storage.persistence.unparsed import Unparsed
from storage.views.agenda import due
from storage.views.index_file import ROW_KEYS, IndexWriter, index_path


def _demo_file(path, count=30, seed=1):
    with Repository(path) as repository:
        repository.replace_all(demo_clients(count, seed))
        return {client.id: client for client in repository.clients(include_archived=True)}


def _client_lines(path):
    """Each client's line in the file, by its key."""
    return {line[1:line.index(b'"', 1)]: line for line in path.read_bytes().split(b"\n")
            if line[1:2].isdigit()}


def _documents(repository):
    return repository._db.storage.read()[CLIENTS_TABLE]


def _parsed(documents):
    return sorted(key for key, doc in documents.items()
                  if not isinstance(doc, Unparsed) or doc.parsed)


def test_opening_listing_and_summaries_parse_no_client(tmp_path, pinned_today):
    path = tmp_path / "data.json"
    clients = _demo_file(path)
    with Repository(path) as repository:
        documents = _documents(repository)
        assert all(isinstance(doc, Unparsed) for doc in documents.values())
        ids = repository.client_ids(include_archived=True, matching="a")
        for client_id in ids:
            assert repository.summary(client_id, pinned_today).name == clients[client_id].name
        assert _parsed(documents) == [], "the rows answered"
        first = repository.client(ids[0])
        assert first == clients[ids[0]]
        assert _parsed(documents) == [str(ids[0])], "only the client read"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_row_key_answers_as_the_parsed_document_does(tmp_path, seed):
    path = tmp_path / "data.json"
    _demo_file(path, seed=seed)
    stored = json.loads(path.read_bytes())[CLIENTS_TABLE]
    with Repository(path, writable=False) as repository:
        documents = _documents(repository)
        assert documents.keys() == stored.keys()
        for key, doc in documents.items():
            for name in ROW_KEYS:
                assert (name in doc) == (name in stored[key])
                assert doc.get(name) == stored[key].get(name)
            assert not doc.parsed
            assert "no such key" not in doc and doc.parsed, "any other key parses it"
            assert dict(doc) == stored[key]


def test_a_change_writes_the_others_as_the_very_bytes_they_were_read_from(tmp_path):
    path = tmp_path / "data.json"
    _demo_file(path)
    before = _client_lines(path)
    with Repository(path, background=True) as repository:
        client = repository.client(3)
        client.notes = "changed"
        repository.save_client(client)
        repository.flush()
        assert journal_path(path).exists(), "the change was appended"
        assert _parsed(_documents(repository)) == ["3"]
    after = _client_lines(path)  # folded on close
    assert before.keys() == after.keys()
    assert [key for key in before if before[key] != after[key]] == [b"3"]
    with Repository(path, writable=False) as repository:
        assert repository.client(3).notes == "changed"


def test_the_index_written_after_a_change_is_the_one_a_full_reading_makes(tmp_path):
    path = tmp_path / "data.json"
    _demo_file(path, count=40)
    with Repository(path, background=True) as repository:
        client = repository.client(5)
        client.archived = not client.archived
        repository.save_client(client)
        repository.flush()
        assert _parsed(_documents(repository)) == ["5"]
        lazily = index_path(path).read_bytes()
        tables = orjson.loads(dump(repository._db.storage.read())[0])
        digest = repository.digest
    fresh = tmp_path / "fresh" / "data.json"
    fresh.parent.mkdir()
    IndexWriter(fresh)(tables, digest)
    assert index_path(fresh).read_bytes() == lazily


def test_with_a_journal_the_changed_clients_come_from_it(tmp_path):
    path = tmp_path / "data.json"
    _demo_file(path)
    with Repository(path, background=True) as repository:
        client = repository.client(2)
        client.name = "Renamed Ltd"
        repository.save_client(client)
        repository.flush()
        kept = (path.read_bytes(), journal_path(path).read_bytes(),
                index_path(path).read_bytes())
    path.write_bytes(kept[0])  # as after a kill before the fold: the file, its journal, index
    journal_path(path).write_bytes(kept[1])
    index_path(path).write_bytes(kept[2])
    with Repository(path, writable=False) as repository:
        documents = _documents(repository)
        assert not isinstance(documents["2"], Unparsed), "from the journal"
        assert all(isinstance(doc, Unparsed) for key, doc in documents.items() if key != "2")
        assert repository.find_client("renamed").id == 2
        assert _parsed(documents) == ["2"]


def test_a_file_changed_behind_its_index_is_parsed_and_checked_whole(tmp_path):
    path = tmp_path / "data.json"
    _demo_file(path)
    raw = path.read_bytes()
    line = _client_lines(path)[b"4"]
    path.write_bytes(raw.replace(line, line.replace(b'"archived":false', b'"archived":"no"')))
    assert path.read_bytes() != raw  # the index stays: made from the file as it was
    with pytest.raises(DataFileInvalid) as raised:
        Repository(path).close()
    assert "client #4" in str(raised.value) and "archived" in str(raised.value)


def test_find_client_parses_only_the_clients_it_names(tmp_path):
    path = tmp_path / "data.json"
    clients = _demo_file(path)
    wanted = clients[7].name
    with Repository(path, writable=False) as repository:
        assert repository.find_client(wanted.upper()).id == 7
        assert _parsed(_documents(repository)) == ["7"]


def test_an_unparsed_document_is_read_only_and_serialises_as_itself():
    raw = b'{"name":"A","glance":{"steps":[]},"notes":"x"}'
    doc = Unparsed(memoryview(raw), {"name": "A"}, frozenset({"name", "archived"}))
    assert doc["name"] == "A" and "archived" not in doc and not doc.parsed
    with pytest.raises(TypeError):
        doc["name"] = "B"  # type: ignore[index]
    assert dump({"clients": {"1": doc}})[0] == b'{"clients":{\n"1":' + raw + b"\n}}"
    assert not doc.parsed, "written as its bytes"
    assert orjson.loads(dump({"clients": {"1": dict(doc)}})[0]) == {"clients": {"1": json.loads(raw)}}


def test_an_index_line_naming_no_client_is_not_believed_when_writing_the_next(tmp_path):
    """The index proves itself whole, but a follow-up line of a client it does not list (no
    Sendoff writes one) makes its entries forgotten: the next index is made from the clients."""
    path = tmp_path / "data.json"
    _demo_file(path)
    header, _, body = index_path(path).read_bytes().partition(b"\n")
    stray = b'["2026-03-20",999,"Nobody","x","Monthly","rule",null,[],null,{}]'
    body += b"\n" + stray
    index_path(path).write_bytes(orjson.dumps({**orjson.loads(header),
                                               "body": digest_of(body)}) + b"\n" + body)
    with Repository(path, background=True) as repository:
        assert all(isinstance(doc, Unparsed) for doc in _documents(repository).values())
        client = repository.client(4)
        client.notes = "changed"
        repository.save_client(client)
        repository.flush()
        written = index_path(path).read_bytes()
        tables = orjson.loads(dump(repository._db.storage.read())[0])
        digest = repository.digest
    assert stray not in written
    fresh = tmp_path / "fresh" / "data.json"
    fresh.parent.mkdir()
    IndexWriter(fresh)(tables, digest)
    assert index_path(fresh).read_bytes() == written


@pytest.mark.parametrize("later", [0, 60, 365], ids=lambda days: f"{days}-days-later")
def test_the_agenda_parses_no_client_but_those_changed(tmp_path, pinned_today, later):
    """Its list is the one every client parsed gives, before and after a change not yet in
    the index file, on the day the data was written and on later days."""
    path = tmp_path / "data.json"
    clients = _demo_file(path, count=40)
    day = pinned_today + timedelta(days=later)
    with Repository(path, writable=False) as reader:
        listed = reader.due(day, 30)
        assert _parsed(_documents(reader)) == []
    assert listed == due([client for client in clients.values() if not client.archived], day, 30)
    with Repository(path, background=True) as repository:
        renamed = repository.client(next(key for key, client in clients.items()
                                         if client.follow_ups and not client.archived))
        renamed.name = "Renamed For The Agenda"
        repository.save_client(renamed)
        listed = repository.due(day, 30)
        assert _parsed(_documents(repository)) == [str(renamed.id)]
        assert {item.client for item in listed if item.client_id == renamed.id} == {
            "Renamed For The Agenda"}
        assert listed == due(repository.clients(), day, 30)
