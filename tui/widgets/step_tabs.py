"""The strip above every step screen: the client's name and the five steps with progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from storage.rules.steps import Step
from tui.text import literal
from tui.widgets.progress_segments import segment_style

if TYPE_CHECKING:
    from storage.records.client import Client


class StepTabs(Static):
    """Shows which step is current; the digit before each title is its key."""

    def show(self, client: Client, current: Step) -> None:
        # Imported here: the app imports this module before its first frame, the model after.
        from storage.rules.progress import progress

        line = literal(client.name, "bold")
        if client.archived:
            line.append("  (archived)", style="italic")
        line.append("\n")
        for step in progress(client):
            glyph, style = segment_style(self.app, step.tally)
            label = Text()
            label.append(f" {int(step.step)} ", style="reverse" if step.step is current else "bold")
            label.append(f" {step.step.short_title} ", style="bold" if step.step is current else "")
            label.append(glyph * 2, style=style)
            line.append_text(label)
            line.append("  ")
        self.update(line, layout=False)  # always two lines: no need to lay the screen out again
