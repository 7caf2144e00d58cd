"""The five-segment progress of an offboarding, as a short coloured strip."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.app import App

from storage.rules.steps import Step
from storage.views.summary import StepTally
from tui.theme import theme_style

FULL, PART, EMPTY = "█", "▒", "░"


def segment_style(app: App, step: StepTally) -> tuple[str, Style]:
    """The glyph and theme colour of one step's segment: done, started or not started."""
    if step.complete:
        return FULL, theme_style(app, "success")
    if step.done:
        return PART, theme_style(app, "warning")
    return EMPTY, Style(dim=True)


def progress_strip(app: App, steps: Sequence[StepTally], width: int = 2) -> Text:
    """One segment per step, ``width`` cells each, separated by a thin gap."""
    strip = Text()
    for index, step in enumerate(steps):
        glyph, style = segment_style(app, step)
        if index:
            strip.append(" ")
        strip.append(glyph * width, style=style)
    return strip


LEGEND = (  # a step of each kind, and what its segment says
    (StepTally(Step.STAND, 2, 2), "done: every check of the step is done"),
    (StepTally(Step.STAND, 1, 2), "started: some of its checks are done"),
    (StepTally(Step.STAND, 0, 2), "not started"),
)


def progress_legend(app: App) -> list[tuple[Text, str]]:
    """Each segment as the dashboard draws it, and what it means (listed by `?`)."""
    return [(progress_strip(app, [step]), meaning) for step, meaning in LEGEND]
