"""The order a freelancer reads their work in: what is due soonest first, what is finished last.

Only the view is sorted; the client keeps its items in the order they were added."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from storage.records.work import WorkItem, WorkStatus

_STATUS_RANK = {WorkStatus.OPEN: 0, WorkStatus.DONE: 1, WorkStatus.DROPPED: 2}


def _working_key(item: WorkItem) -> tuple[int, bool, date]:
    return _STATUS_RANK[item.status], item.due is None, item.due or date.min


def in_working_order(items: Iterable[WorkItem]) -> list[WorkItem]:
    """Open items, then done, then dropped; within each by due date, the undated after the
    dated; items alike keep the order they were added in (the sort is stable)."""
    return sorted(items, key=_working_key)
