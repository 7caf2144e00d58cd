"""Names of the clients at work are unique in any case: adding, renaming or bringing a client
back from the archive under a name another client at work has is refused, naming that client;
a file written before the rule opens, and `sendoff check` names each clash."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from storage.errors import ValidationError
from storage.outputs.check import check_file
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.views.index_file import index_path


def test_a_new_client_may_not_take_the_name_of_one_at_work(repo) -> None:
    acme = repo.add_client(Client(name="Acme Ltd"))
    with pytest.raises(ValidationError) as refused:
        repo.add_client(Client(name="  acme LTD "))
    assert refused.value.field == "name"
    assert refused.value.message == (f"#{acme.id} is already called 'Acme Ltd'; give this "
                                     f"client a name of its own, or archive #{acme.id} first")
    assert [client.name for client in repo.clients(include_archived=True)] == ["Acme Ltd"]


def test_an_archived_client_leaves_its_name_free_until_it_comes_back(repo) -> None:
    old = repo.add_client(Client(name="Acme", archived=True))
    new = repo.add_client(Client(name="ACME"))
    assert new.id != old.id
    with pytest.raises(ValidationError, match=f"#{new.id} is already called 'ACME'"):
        repo.save_client(replace(repo.client(old.id), archived=False))
    assert repo.client(old.id).archived


def test_renaming_to_another_clients_name_is_refused_but_other_changes_are_not(repo) -> None:
    repo.add_client(Client(name="Acme"))
    beta = repo.add_client(Client(name="Beta"))
    with pytest.raises(ValidationError, match="is already called 'Acme'"):
        repo.save_client(replace(repo.client(beta.id), name="acme"))
    repo.save_client(replace(repo.client(beta.id), name="Beta Ltd"))
    repo.save_client(replace(repo.client(beta.id), notes="kept its own name"))
    assert repo.name_clash("Beta Ltd", client_id=beta.id) is None, "its own name is its own"
    assert repo.name_clash("beta ltd") is not None
    assert repo.name_clash("beta ltd", archived=True) is None


def _old_file_with_namesakes(db_path) -> None:
    """A file as an older Sendoff could write it: two clients at work share a name."""
    with Repository(db_path) as repository:
        for name in ("Acme", "Beta", "Gamma"):
            repository.add_client(Client(name=name))
    stored = json.loads(db_path.read_text())
    stored["clients"]["3"]["name"] = "acme "
    db_path.write_text(json.dumps(stored))
    index_path(db_path).unlink()


def test_a_file_with_namesakes_opens_and_check_names_each_clash(db_path) -> None:
    _old_file_with_namesakes(db_path)
    with Repository(db_path, writable=False) as repository:
        assert len(repository.clients()) == 3
    report = check_file(db_path)
    assert report.ok
    assert report.notes == ["2 clients at work are called 'Acme' (#1, #3): the command line "
                            "asks for a number to tell them apart; rename or archive all but one"]
    assert report.summary().splitlines()[1:] == [f"  Note: {report.notes[0]}"]


def test_check_has_no_note_when_every_name_is_its_own(repo, db_path) -> None:
    repo.add_client(Client(name="Acme"))
    repo.add_client(Client(name="Acme", archived=True))
    repo.flush()
    assert check_file(db_path).notes == []


def test_replacing_every_client_at_once_keeps_names_apart_too(repo) -> None:
    with pytest.raises(ValidationError, match="2 clients at work would be called 'Acme'"):
        repo.replace_all([Client(name="Acme"), Client(name="Beta"), Client(name="ACME ")])
    assert repo.is_empty()
    repo.replace_all([Client(name="Acme"), Client(name="Acme", archived=True)])
    assert len(repo.clients(include_archived=True)) == 2
