"""Names of the clients at work (not archived) are unique, in any case and whatever spaces
surround them, so that a name says who is meant: on the command line, in the agenda, in an
export. A file written before this rule may hold two; `sendoff check` names them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple


def name_key(name: str) -> str:
    """What two names share when they clash."""
    return name.strip().casefold()


def file_stem(name: str, empty: str = "client") -> str:
    """A name made safe for a file's name: ``Acme Ltd.`` is ``acme-ltd`` (``empty`` if nothing
    of it is left)."""
    return re.sub(r"[\W_]+", "-", name.casefold()).strip("-") or empty


class Clash(NamedTuple):
    """Clients at work sharing a name (as the first of them writes it), by id."""

    name: str
    client_ids: list[int]


def clashes(clients: Iterable[tuple[int, str, bool]]) -> list[Clash]:
    """Each name that more than one client at work has, from (id, name, archived) triples, in
    the order the first of each comes."""
    named: dict[str, Clash] = {}
    for client_id, name, archived in clients:
        if not archived and name_key(name):
            named.setdefault(name_key(name), Clash(name.strip(), [])).client_ids.append(client_id)
    return [clash for clash in named.values() if len(clash.client_ids) > 1]
