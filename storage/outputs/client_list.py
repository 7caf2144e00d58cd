"""`sendoff clients`: every client on a line, with the number that names it on the command line
(`'#3'`), or as JSON. Names and labels are printed literally (see `printable`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from storage.outputs.printable import aligned, printable
from storage.rules.steps import stage_words
from storage.views.summary import ClientSummary


def _next(summary: ClientSummary, today: date) -> str:
    follow_up = summary.next_follow_up
    if follow_up is None:
        return ""
    mark = " (overdue)" if follow_up.on < today else ""
    return f"next {follow_up.on.isoformat()}{mark}: {printable(follow_up.label)}"


def client_lines(summaries: Sequence[ClientSummary], today: date) -> list[str]:
    """``#id  name  contact  stage  next follow-up``, aligned; archived clients say so."""
    rows = [(f"#{summary.client_id}", printable(summary.name) + (" (archived)"
                                                                 if summary.archived else ""),
             printable(summary.contact_person.strip()), stage_words(summary.stage), _next(summary, today))
            for summary in summaries]
    return aligned(rows)


def clients_json(summaries: Sequence[ClientSummary]) -> str:
    """A JSON list by name: each client's id (as `'#ID'` names it), name, contact person,
    whether archived, stage (the number of the first step not done, null once all are), next
    follow-up and last contact."""
    records = []
    for summary in summaries:
        follow_up = summary.next_follow_up
        stage = summary.stage
        records.append({
            "id": summary.client_id,
            "name": summary.name,
            "contact_person": summary.contact_person,
            "archived": summary.archived,
            "stage": None if stage is None else stage.value,
            "next_follow_up": None if follow_up is None else {
                "date": follow_up.on.isoformat(), "label": follow_up.label,
                "state": follow_up.state.value},
            "last_contact": summary.last_contact.isoformat() if summary.last_contact else None,
        })
    return json.dumps(records, indent=2)
