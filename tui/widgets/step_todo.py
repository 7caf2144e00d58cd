"""What a step still needs, one item a line, or that it is done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from tui.text import literal

if TYPE_CHECKING:
    from storage.rules.progress import StepProgress

DONE = "✓ This step is done"


class StepTodo(Static):
    """Shows a step's open checks in the words of `storage.rules.progress`, so a step screen
    says exactly what keeps the dashboard's count of that step short."""

    DEFAULT_CSS = """
    StepTodo {
        height: auto;
        color: $text-muted;
    }
    StepTodo.-done {
        color: $success;
    }
    """

    def show(self, progress: StepProgress) -> None:
        open_items = progress.open_items
        self.set_class(not open_items, "-done")
        if open_items:  # one line each: literal() would show a newline between them as ␊
            self.update(Text("\n").join(literal(f"• {item}") for item in open_items))
        else:
            self.update(literal(DONE))
