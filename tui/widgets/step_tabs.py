"""The strip above every step screen: the client's name and details, and the five steps with
their progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from storage.rules.steps import Step
from tui.text import literal, one_line
from tui.widgets.progress_segments import segment_style

if TYPE_CHECKING:
    from storage.records.client import Client

NO_DETAILS = "No contact details yet: E adds them"


def details_line(client: Client) -> Text:
    """The client's name, then their person, email and phone (or how to add them)."""
    line = literal(client.name, "bold")
    if client.archived:
        line.append("  (archived)", style="italic")
    line.append("   ")
    details = [part for part in (client.contact_person, client.email, client.phone) if part]
    if details:
        line.append_text(one_line(" · ".join(details)))
    elif not client.notes:
        line.append(NO_DETAILS, style="dim")
    return line


class StepTabs(Static):
    """Shows whose steps these are and which step is current; the digit before each title is
    its key. Every line is one row, shortened with … when the screen is narrower."""

    _lines = 0  # how many lines it shows now

    def show(self, client: Client, current: Step) -> None:
        # Imported here: the app imports this module before its first frame, the model after.
        from storage.rules.progress import progress

        lines = [details_line(client)]
        if client.notes:
            lines.append(one_line(client.notes, "italic"))
        tabs = []
        for step in progress(client):
            glyph, style = segment_style(self.app, step.tally)
            tab = Text()
            tab.append(f" {int(step.step)} ", style="reverse" if step.step is current else "bold")
            tab.append(f" {step.step.short_title} ", style="bold" if step.step is current else "")
            tab.append(glyph * 2, style=style)
            tabs.append(tab)
        lines.append(Text("  ").join(tabs))
        # The screen is laid out again only when the strip's height changes (notes or none).
        self.update(Text("\n").join(lines), layout=len(lines) != self._lines)
        self._lines = len(lines)
