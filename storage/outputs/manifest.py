"""The handover manifest: a Markdown receipt of what the client gets, where, and what waits."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from storage.persistence.replace_file import replace_file
from storage.records.client import Client
from storage.records.handover import HandoverItem, HandoverStatus
from storage.rules.names import file_stem

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # incl. bidi overrides


def markdown_text(text: str) -> str:
    """``text`` on one line, rendering as typed in Markdown (a ``|`` cannot end a table cell)."""
    one_line = " ".join(_CONTROL.sub(" ", text).split())
    return _ENTITY.sub(r"\\&", _MARKDOWN_SPECIAL.sub(r"\\\1", one_line))


def manifest_file_name(client: Client) -> str:
    """A file name for the client's manifest, e.g. ``handover-acme-ltd.md``."""
    return f"handover-{file_stem(client.name)}.md"


def _where(item: HandoverItem) -> str:
    return markdown_text(item.location) if item.location.strip() else "—"


def _release(item: HandoverItem) -> str:
    """When a withheld item is released: its condition, its date, or both. The condition is
    quoted as typed after "released when:", so "once the invoice is paid", "Once the invoice
    is paid" and "2027-01-01" all read well, and nothing typed is lower-cased."""
    condition = markdown_text(item.release_condition)
    on = item.release_on.isoformat() if item.release_on else ""
    if condition and on:
        return f"released when: {condition} (planned for {on})"
    if condition:
        return f"released when: {condition}"
    return f"released on {on}" if on else "no release agreed yet"


def _table(items: list[HandoverItem]) -> list[str]:
    lines = ["| What | Kind | Where it is | Status |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {markdown_text(item.what)} | {markdown_text(item.kind.value)} | {_where(item)} "
        f"| {item.status.value} |"
        for item in items
    ]
    return lines


def _withheld(items: list[HandoverItem]) -> list[str]:
    return [
        f"- **{markdown_text(item.what)}** ({markdown_text(item.kind.value)}): "
        f"{markdown_text(item.withheld_reason)}; {_release(item)}"
        for item in items
    ]


def _still_to_come(items: list[HandoverItem]) -> list[str]:
    return [f"- **{markdown_text(item.what)}** ({markdown_text(item.kind.value)})"
            for item in items]


def handover_manifest(client: Client, today: date) -> str:
    """A Markdown receipt the client can check and sign: only names, kinds and locations."""
    items = client.handover
    handed = sum(item.status is HandoverStatus.HANDED_OVER for item in items)
    withheld = [item for item in items if item.status is HandoverStatus.WITHHELD]
    pending = [item for item in items if item.status is HandoverStatus.PENDING]
    lines = [
        f"# Handover for {markdown_text(client.name)}",
        "",
        f"Prepared on {today.isoformat()}: everything you need to carry on, and where to find it.",
        "",
        "## What is handed over",
        "",
    ]
    if items:
        lines += [f"{handed} of {len(items)} items handed over.", "", *_table(items)]
    else:
        lines.append("Nothing is listed for handover yet.")
    lines += ["", "## Withheld for now", ""]
    lines += _withheld(withheld) or ["Nothing is withheld."]
    lines += ["", "## Still to come", ""]
    lines += _still_to_come(pending) or ["Nothing; every listed item is handed over or withheld."]
    lines += [
        "",
        "## Confirmation",
        "",
        "I confirm I have received the items marked *handed over* above.",
        "",
        "Received by: ____________________  Date: ____________",
        "",
    ]
    return "\n".join(lines)


def write_manifest(client: Client, path: Path, today: date, *, overwrite: bool = False) -> Path:
    """Write the manifest to ``path``, never replacing a file unless ``overwrite``. The file is
    private (0600), like the data file: it names people and where every asset lives.

    The text goes to a temporary file beside ``path`` first, so a failed write never leaves a
    half-written manifest.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} already exists")
    replace_file(path, handover_manifest(client, today).encode("utf-8"), mode=0o600,
                 overwrite=overwrite)
    return path
