"""The five steps of saying goodbye to a client, in order.

A module of its own, with no model imports, so that the dashboard can start without them."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Protocol


class Step(IntEnum):
    STAND = 1
    WORK = 2
    HANDOVER = 3
    INTERVIEW = 4
    KEEP_IN_TOUCH = 5

    @property
    def title(self) -> str:
        return STEP_TITLES[self]

    @property
    def short_title(self) -> str:
        return SHORT_TITLES[self]


STEP_TITLES = {
    Step.STAND: "Where you stand",
    Step.WORK: "Finish outstanding work",
    Step.HANDOVER: "Hand over documentation",
    Step.INTERVIEW: "Exit interview",
    Step.KEEP_IN_TOUCH: "Stay in touch",
}
SHORT_TITLES = {
    Step.STAND: "Stand",
    Step.WORK: "Work",
    Step.HANDOVER: "Handover",
    Step.INTERVIEW: "Interview",
    Step.KEEP_IN_TOUCH: "In touch",
}


class StepCount(Protocol):
    step: Step

    @property
    def complete(self) -> bool: ...


def stage_words(step: Step | None) -> str:
    """Where a client stands, as a list says it: the first step not done, or "in touch" for a
    former client, whose goodbye is done but for staying in touch (or done altogether)."""
    if step is None or step is Step.KEEP_IN_TOUCH:
        return "in touch"
    return f"{int(step)} {step.short_title}"


def stage(steps: Iterable[StepCount]) -> Step | None:
    """The first step not complete yet; None once every step is."""
    return next((count.step for count in steps if not count.complete), None)
