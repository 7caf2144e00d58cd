"""A series of counts as one line of block characters, for a terminal with no chart."""

from __future__ import annotations

from collections.abc import Sequence

BARS = "▁▂▃▄▅▆▇█"


def sparkline(counts: Sequence[int]) -> str:
    """One block a count, as tall as its share of the largest. None is the lowest block, and
    any count above none is taller than it, so a quiet month never looks like one with a word."""
    most = max(counts, default=0)
    if most <= 0:
        return BARS[0] * len(counts)
    steps = len(BARS) - 1
    return "".join(BARS[0] if count <= 0 else BARS[-(-count * steps // most)]
                   for count in counts)
