"""The five-segment progress of an offboarding, as a short coloured strip."""

from __future__ import annotations

from rich.text import Text

from storage.progress import StepProgress

FULL, PART, EMPTY = "█", "▒", "░"


def segment_style(step: StepProgress) -> tuple[str, str]:
    """The glyph and style of one step's segment: done, started or not started."""
    if step.complete:
        return FULL, "green"
    if step.done:
        return PART, "yellow"
    return EMPTY, "grey50"


def progress_strip(steps: list[StepProgress], width: int = 2) -> Text:
    """One segment per step, ``width`` cells each, separated by a thin gap."""
    strip = Text()
    for index, step in enumerate(steps):
        glyph, style = segment_style(step)
        if index:
            strip.append(" ")
        strip.append(glyph * width, style=style)
    return strip
