"""`sendoff search`: each place a word was found, on a line of its own with its client, or as
JSON; text printed literally (see `printable`)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from storage.outputs.printable import aligned, printable
from storage.views.search import Hit


def search_lines(hits: Sequence[Hit]) -> list[str]:
    """``#id  name  where  text``, aligned, a line per place found, the best hits first;
    archived clients say so."""
    rows = []
    for hit in hits:
        client = printable(hit.name) + (" (archived)" if hit.archived else "")
        rows += [(f"#{hit.client_id}", client, printable(reason.where), printable(reason.text))
                 for reason in hit.reasons]
    return aligned(rows)


def search_json(hits: Sequence[Hit]) -> str:
    """A JSON list, the best hits first: each client's id (as `'#ID'` names it), name, whether
    archived, and where the words were found, with the text there and each word's place in it
    (from and to, counting characters)."""
    return json.dumps([{
        "id": hit.client_id, "name": hit.name, "archived": hit.archived,
        "found": [{"where": reason.where, "text": reason.text,
                   "marks": [list(mark) for mark in reason.marks]} for reason in hit.reasons],
    } for hit in hits], indent=2)
