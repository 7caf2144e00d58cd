"""Search across everything written about the clients, archived ones too, saying of each client
found where the query's words are and the text around them: a hit says why it matched.

A query is words, and a client matches when every word is found in it, in one field or spread
over several, as part of a word too (``acm`` finds "Acme Ltd": it is searched as it is typed).
Case is ignored the Unicode way (casefold: ``strasse`` finds "Straße"), and an accent typed as
a letter of its own or as a mark after the letter finds both (NFC).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from storage.records.client import Client
from storage.records.engagement import Engagement

SNIPPET = 60  # characters of a field's text shown around the first match
BEFORE = 20  # of them, at most before it


class Reason(NamedTuple):
    """Where words of the query are, in the freelancer's words ("contact note 2026-03-01",
    "person: email (Dana Lee)": it may hold their text), and the text there on one line (``…``
    where it is cut); ``marks`` are the (start, end) of each word found in ``text``."""

    where: str
    text: str
    marks: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Hit:
    """A client the query found (its id, name and whether archived), and every place it did."""

    client_id: int | None
    name: str
    archived: bool
    reasons: tuple[Reason, ...]

    @property
    def by_name(self) -> bool:
        """Whether a word of the query is in the client's name: such hits come first."""
        return self.reasons[0].where == "name"


def query_words(query: str) -> list[str]:
    """The words to find, each once, folded as the text they are looked for in."""
    return list(dict.fromkeys(unicodedata.normalize("NFC", query).casefold().split()))


def search(clients: Iterable[Client], query: str) -> list[Hit]:
    """Every client holding each word of ``query``: those with a word in their name first, then
    those found in more places, then by name. No words, no hits."""
    words = query_words(query)
    if not words:
        return []
    hits = [hit for client in clients if (hit := _hit(client, words)) is not None]
    return sorted(hits, key=lambda hit: (not hit.by_name, -len(hit.reasons),
                                         hit.name.casefold(), hit.client_id or 0))


def _hit(client: Client, words: list[str]) -> Hit | None:
    found: set[str] = set()
    reasons = []
    for where, text in _places(client):
        reason = _reason(where, text, words, found)
        if reason is not None:
            reasons.append(reason)
    if len(found) < len(words):
        return None
    return Hit(client.id, client.name, client.archived, tuple(reasons))


def _places(client: Client) -> Iterator[tuple[str, str]]:
    """Each text of the client with the words that say where it is, in the order of the
    steps; a detail of a person or an item names them, in brackets."""
    yield from (("name", client.name), ("industry", client.industry), ("notes", client.notes))
    for person in client.people:
        yield "person: name", person.name
        whose = f" ({person.known_as})"
        for where, text in (("role", person.role), ("email", person.email),
                            ("phone", person.phone), ("notes", person.notes),
                            ("moved to", person.moved_to)):
            yield f"person: {where}{whose}", text
    several = len(client.engagements) > 1
    for place, engagement in enumerate(client.engagements, 1):
        yield from _engagement_places(engagement, f"engagement {place} " if several else "")
    for follow_up in client.follow_ups:
        yield "follow-up", follow_up.label
    for contact in client.contacts:
        on = contact.on.isoformat()
        yield f"contact note {on}", contact.note
        for forwarded in contact.forwarded:
            yield f"forwarded {on}", forwarded
    for item in client.forward_queue:
        yield "to forward", item.text
        yield f"to forward: link ({item.text})", item.link
    yield "referred by", client.referred_by.name
    for referral in client.referrals:
        yield "referred to", referral.to
        yield f"referral: worth ({referral.to})", referral.worth


def _engagement_places(engagement: Engagement, which: str) -> Iterator[tuple[str, str]]:
    """The texts of one engagement; ``which`` names it when the client has several."""
    yield f"{which or 'engagement '}title", engagement.title
    contract = engagement.contract
    yield f"{which}contract: termination terms", contract.termination_terms
    yield f"{which}contract: arrangement", contract.arrangement
    for item in engagement.work:
        yield f"{which}{'extra' if item.extra else 'work item'}", item.title
    for item in engagement.handover:
        yield f"{which}handover item", item.what
        for where, text in (("where it is", item.location), ("why withheld", item.withheld_reason),
                            ("released when", item.release_condition)):
            yield f"{which}handover item: {where} ({item.what})", text
    interview = engagement.interview
    for where, text in (("liked", interview.liked), ("disliked", interview.disliked),
                        ("would improve", interview.improve),
                        ("testimonial", interview.testimonial_text)):
        yield f"{which}exit interview: {where}", text


def _reason(where: str, text: str, words: list[str], found: set[str]) -> Reason | None:
    """Why ``text`` matched (adding the words it holds to ``found``), or None if it holds
    none."""
    if not text:
        return None
    text = unicodedata.normalize("NFC", text)
    folded = text.casefold()
    if not any(word in folded for word in words):  # most texts: nothing more to do
        return None
    line = " ".join(text.split())  # as it is shown
    folded, origin = _folded_with_origin(line)
    spans = []
    for word in words:
        at = folded.find(word)
        if at >= 0:
            found.add(word)
        while at >= 0:
            spans.append((origin[at], origin[at + len(word) - 1] + 1))
            at = folded.find(word, at + len(word))
    return Reason(where, *_snippet(line, _merged(spans)))


def _folded_with_origin(text: str) -> tuple[str, list[int]]:
    """``text`` casefolded, and for each of its characters the index of the one of ``text`` it
    came from (a fold may make one character two: "ß" is "ss")."""
    folded = text.casefold()
    if len(folded) == len(text):  # no character grew: each is where it was
        return folded, list(range(len(text)))
    origin = [index for index, char in enumerate(text) for _ in char.casefold()]
    return folded, origin


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, those that overlap or touch made one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _snippet(text: str, spans: list[tuple[int, int]]
             ) -> tuple[str, tuple[tuple[int, int], ...]]:
    """At most SNIPPET characters of ``text`` around its first match, cut between words where
    it can be and marked ``…`` where cut, and where the matches are in it."""
    if len(text) <= SNIPPET:
        return text, tuple(spans)
    first, first_end = spans[0]
    start = max(0, min(first - BEFORE, len(text) - SNIPPET))
    if start > 0 and (space := text.find(" ", start, first)) >= 0:
        start = space + 1
    end = min(len(text), start + SNIPPET)
    if end < len(text) and (space := text.rfind(" ", first_end, end)) >= 0:
        end = space
    before = "…" if start > 0 else ""
    shift = len(before) - start
    marks = tuple((max(at, start) + shift, min(until, end) + shift)
                  for at, until in spans if at < end and until > start)
    return before + text[start:end] + ("…" if end < len(text) else ""), marks
