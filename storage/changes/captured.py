"""Changes captured from the shell (`sendoff log`, `done`, `snooze`, `forward`, `add`) as inbox
entries, and their applying: each is one of the named changes of `in_touch` (or a new client),
made on the client as stored when it is applied, and settled in the same write (see
`storage.persistence.inbox`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.changes import in_touch
from storage.errors import SendoffError, ValidationError
from storage.persistence import inbox
from storage.records.client import Client
from storage.records.contact import ForwardItem

if TYPE_CHECKING:
    from storage.persistence.repository import Repository

Entry = dict[str, Any]


def _day(entry: Entry, key: str) -> date:
    return date.fromisoformat(entry[key])


def _log(client: Client, entry: Entry) -> str:
    return in_touch.logged(client, _day(entry, "on"), entry["channel"], entry["note"],
                           person_id=entry.get("person"))


def _done(client: Client, entry: Entry) -> str:
    return in_touch.contacted(client, entry["follow_up"], _day(entry, "on"), entry["channel"],
                              entry.get("note", ""))


def _snooze(client: Client, entry: Entry) -> str:
    return in_touch.snooze(client, entry["follow_up"], _day(entry, "occurrence"),
                           _day(entry, "to"))


def _forward(client: Client, entry: Entry) -> str:
    item = ForwardItem(entry["text"], _day(entry, "added_on"), link=entry.get("link", ""))
    item.validate()
    return in_touch.queue_forward(client, item)


CHANGES: dict[str, Callable[[Client, Entry], str]] = {
    "log": _log, "done": _done, "snooze": _snooze, "forward": _forward}


def entry(kind: str, client_id: int | None, told: str, **fields: Any) -> Entry:
    """A new entry: a change of ``kind`` to the client ``client_id`` (None: a new client, in
    ``fields["client"]``), ``told`` in a line once applied."""
    return {"id": inbox.new_entry_id(), "kind": kind, "client_id": client_id, "told": told,
            **{key: value.isoformat() if isinstance(value, date) else value
               for key, value in fields.items()}}


def new_client(entry: Entry) -> Client:
    """The client an ``add`` entry adds."""
    return Client.from_dict(entry["client"])


def made(client: Client, entry: Entry) -> str:
    """Make the change ``entry`` names on ``client`` (a copy); returns what undo says. Raises
    ValidationError, or KeyError for a follow-up or person that is not the client's."""
    return CHANGES[entry["kind"]](client, entry)


def apply_entry(repository: Repository, entry: Entry, settling: Sequence[str]) -> str:
    """Apply ``entry`` to the file, recording ``settling`` in the same write; returns what it
    did, in words. Raises `Refused` when the file no longer allows it."""
    try:
        if entry["kind"] == "add":
            repository.add_client(new_client(entry), settling=settling)
            return entry["told"]
        client = repository.client(entry["client_id"])
        what = made(client, entry)
        repository.save_client(client, what=f"{what} ({client.name}, from the shell)",
                               settling=settling)
    except (ValidationError, LookupError) as problem:  # KeyError, ClientNotFound
        raise Refused(_why(problem)) from None
    except (ValueError, TypeError):  # an entry of another shape (written by hand?)
        raise Refused("it is not a change this Sendoff knows") from None
    return entry["told"]


def _why(problem: Exception) -> str:
    if isinstance(problem, ValidationError):
        return problem.message
    if isinstance(problem, KeyError):
        return "what it is about is no longer the client's"
    return str(problem)


class Refused(SendoffError):
    """The data file no longer allows an entry: its client, or follow-up, has gone, or its
    name is taken since."""


@dataclass(frozen=True)
class Settled:
    """One entry taken in: ``told`` what it did, or ``refused`` why it was not done."""

    entry: Entry
    told: str = ""
    refused: str = ""


def take_in(data_path: Path, repository: Repository,
            apply: Callable[[Entry, Sequence[str]], str] | None = None, *,
            wait: bool = True) -> list[Settled]:
    """Apply every entry of the inbox not settled yet, in order, through ``apply`` (by default
    `apply_entry` on ``repository``); keep each refused one aside (`inbox.keep_refused`);
    then, once all are durable, empty the inbox. Returns what became of each entry taken:
    none, without ``wait``, while a command is appending to it."""
    apply = apply or (lambda entry, settling: apply_entry(repository, entry, settling))
    outcomes: list[Settled] = []
    with inbox.taken(data_path, wait=wait) as held:
        settled = repository.settled_inbox()
        settling = [entry["id"] for entry in held.entries if entry["id"] in settled]
        done = set(settling)
        for entry in held.entries:
            if entry["id"] in done:
                continue
            done.add(entry["id"])
            settling = [*settling, entry["id"]]
            try:
                outcomes.append(Settled(entry, told=apply(entry, settling)))
            except Refused as refused:
                inbox.keep_refused(data_path, entry, str(refused))
                repository.settle_inbox(settling)
                outcomes.append(Settled(entry, refused=str(refused)))
        repository.flush()
        held.emptied()
    return outcomes
