"""Work items in the order users expect: soonest due first, finished ones last."""

from __future__ import annotations

from datetime import date

from storage.records.work import WorkItem, WorkStatus
from storage.views.work_order import in_working_order


def titles(items: list[WorkItem]) -> list[str]:
    return [item.title for item in items]


def test_open_work_comes_by_due_date_with_the_undated_after_the_dated():
    items = [WorkItem("No date"), WorkItem("April", date(2026, 4, 1)),
             WorkItem("March", date(2026, 3, 20)), WorkItem("Also no date"),
             WorkItem("Overdue", date(2026, 2, 1))]

    assert titles(in_working_order(items)) == ["Overdue", "March", "April", "No date",
                                               "Also no date"]


def test_done_then_dropped_come_last_each_by_due_date():
    items = [WorkItem("Dropped", date(2026, 3, 1), WorkStatus.DROPPED),
             WorkItem("Done late", date(2026, 5, 1), WorkStatus.DONE),
             WorkItem("Open", date(2026, 6, 1)),
             WorkItem("Done early", date(2026, 3, 1), WorkStatus.DONE),
             WorkItem("Done undated", status=WorkStatus.DONE),
             WorkItem("Open undated")]

    assert titles(in_working_order(items)) == ["Open", "Open undated", "Done early", "Done late",
                                               "Done undated", "Dropped"]


def test_items_alike_keep_the_order_they_were_added_in():
    same_day = date(2026, 4, 1)
    items = [WorkItem("B", same_day), WorkItem("A", same_day, extra=True), WorkItem("C", same_day)]

    assert titles(in_working_order(items)) == ["B", "A", "C"]


def test_the_items_themselves_are_left_as_they_are():
    items = [WorkItem("Later", date(2026, 5, 1)), WorkItem("Sooner", date(2026, 4, 1))]

    ordered = in_working_order(items)

    assert titles(items) == ["Later", "Sooner"]
    assert ordered[0] is items[1]
