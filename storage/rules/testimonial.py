"""A testimonial draft the client can edit and send back: most people say yes to a good draft."""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from storage.records.client import Client
from storage.records.handover import ProjectKind
from storage.records.work import WorkItem, WorkStatus

MOST_TITLES = 4

# Words that mark a work item as admin rather than work to praise ("Send invoice", "Sign off
# timesheet", "Archive files", "Revoke access"), matched as whole words in any case. It errs
# towards leaving an item out: a draft one deliverable short reads well, one praising an
# invoice does not.
ADMIN_WORDS = frozenset({
    "invoice", "invoices", "invoicing", "invoiced",
    "timesheet", "timesheets",
    "archive", "archives", "archiving",
    "revoke", "revokes", "revoking", "revoked",
})
_WORD = re.compile(r"[^\W_]+")

# What the client trusted the freelancer with, to follow "our" or "their".
PROJECT_WORDS = {
    ProjectKind.WEBSITE: "website",
    ProjectKind.SOFTWARE: "software",
    ProjectKind.DESIGN: "design and branding",
    ProjectKind.CONTENT: "writing and content",
    ProjectKind.MARKETING: "marketing",
    ProjectKind.CONSULTING: "consulting project",
}


def draft_testimonial(client: Client) -> str:
    """A warm first-person draft, in the client's voice, from what the engagement delivered and
    what they said they liked; admin items (see `ADMIN_WORDS`) are not praised as work."""
    work = [item for item in client.work if not is_admin(item.title)]
    done = _done_titles(work, extra=False)
    extras = _done_titles(work, extra=True)
    length = engagement_length(client.contract.start, client.contract.last_day)
    project = PROJECT_WORDS.get(client.project_kind) if client.project_kind else None

    sentences = [_opening(_clean(client.name), _clean(client.industry), project)]
    delivered = _delivered(work, done, extras)
    sentences.append(_first_upper(f"{length}, {delivered}." if length else f"{delivered}."))
    if extras:
        sentences.append(f"They also went beyond the brief with {_listing(extras)}.")
    liked = _clean(client.interview.liked)
    if liked:
        sentences.append(f"What we liked most: {liked}{'' if liked[-1] in '.!?' else '.'}")
    wanted = f"help with their {project}" if project else "a freelancer they can rely on"
    sentences.append(f"I would happily recommend them to anyone looking for {wanted}.")

    signers = (_clean(client.contact_person), _clean(client.name))
    signature = ", ".join(part for part in signers if part)
    return f"{' '.join(sentences)}\n\n— {signature}"


def is_admin(title: str) -> bool:
    """Whether a work item is admin (an invoice, a timesheet...) by a whole word of `ADMIN_WORDS`."""
    return any(word in ADMIN_WORDS for word in _WORD.findall(title.casefold()))


def _delivered(work: list[WorkItem], done: list[str], extras: list[str]) -> str:
    """What was delivered, claiming "every piece of work" only when none is still open."""
    if not done:
        return "their work was delivered with care" if extras else "working with them was a pleasure"
    still_open = any(item.status is WorkStatus.OPEN and not item.extra for item in work)
    whose = "the work" if still_open else "every piece of work"
    return f"{whose} was delivered with care: {_listing(done)}"


def engagement_length(start: date | None, last_day: date | None) -> str | None:
    """How long the engagement ran, as "over 14 months"; None when unknown or under two weeks."""
    if start is None or last_day is None or last_day < start:
        return None
    span = relativedelta(last_day, start)
    months = span.years * 12 + span.months
    if months >= 2:
        return f"over {months} months"
    if months == 1:
        return "over a month"
    weeks = (last_day - start).days // 7
    return f"over {weeks} weeks" if weeks >= 2 else None


def _opening(name: str, industry: str, project: str | None) -> str:
    who = f"At {name}, {_article(industry)} {industry} business," if industry else f"At {name},"
    trusted = f" with our {project}" if project else ""
    return f"{who} we needed someone we could trust{trusted}, and that is exactly what we found."


def _done_titles(work: list[WorkItem], *, extra: bool) -> list[str]:
    return [
        _clean(item.title)
        for item in work
        if item.status is WorkStatus.DONE and item.extra == extra and _clean(item.title)
    ]


def _listing(titles: list[str]) -> str:
    """“A”, “B” and “C”; past ``MOST_TITLES`` the rest become "and more"."""
    quoted = [f"“{title}”" for title in titles[:MOST_TITLES]]
    if len(titles) > MOST_TITLES:
        return f"{', '.join(quoted)} and more"
    if len(quoted) == 1:
        return quoted[0]
    return f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in {"a", "e", "i", "o", "u"} else "a"


def _first_upper(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _clean(text: str) -> str:
    """``text`` on one line with single spaces, so no stray gaps reach the sentence."""
    return " ".join((text or "").split())
