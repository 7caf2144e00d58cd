"""How a follow-up reads in a list cell: its state in colour, its next dates; shared by step 5
and the agenda."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text

from storage.records.follow_up import FollowUp, FollowUpKind
from storage.rules.schedule import Freshness
from tui.text import one_line
from tui.theme import FRESHNESS_LOOK, freshness_style


def freshness_cell(app: Any, state: Freshness) -> Text:
    """The state in its colour: green fresh, yellow due, red stale, dim ended."""
    glyph = FRESHNESS_LOOK[state][0]
    return Text(f"{glyph} {state.value}", style=freshness_style(app, state))


MEANINGS = {
    Freshness.FRESH: "before its next date",
    Freshness.DUE: "from its date until its grace days have passed "
                   f"({FollowUp.grace_days} unless you set others): time to get in touch",
    Freshness.STALE: "past its grace days and still not handled",
    Freshness.ENDED: "no dates left",
}


def freshness_legend(app: Any) -> list[tuple[Text, str]]:
    """Each state as the lists show it, and what it means (listed by `?`)."""
    return [(freshness_cell(app, state), meaning) for state, meaning in MEANINGS.items()]


def short(text: str, width: int, style: str = "") -> Text:
    """``text`` shown literally, cut to ``width`` cells with an ellipsis."""
    cell = one_line(text, style)
    cell.truncate(width, overflow="ellipsis")
    return cell


def next_dates(follow_up: FollowUp, last_contact: date | None, count: int = 3) -> list[date]:
    """The next ``count`` dates still to handle (the first may be overdue); one for a cadence."""
    first = follow_up.next_due(last_contact=last_contact)
    dates = [first] if first else []
    while dates and len(dates) < count and follow_up.kind is FollowUpKind.RULE:
        following = follow_up.next_after(dates[-1], last_contact=last_contact)
        if following is None:
            break
        dates.append(following)
    return dates


def then_text(follow_up: FollowUp, dates: list[date]) -> str:
    if follow_up.kind is FollowUpKind.CADENCE:
        return f"then {follow_up.cadence_days} days after the next contact"
    return ", ".join(day.isoformat() for day in dates[1:]) or "—"
