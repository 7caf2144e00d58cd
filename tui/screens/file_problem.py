"""Shown instead of the app when the data file is in use, damaged or unreadable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from storage.errors import (
    DataFileDamaged,
    DataFileError,
    DataFileInUse,
    DataFileInvalid,
    DataFileTooNew,
    DataFileUnreadable,
    JournalForeign,
)
from tui.text import literal
from tui.widgets.footer import Footer


def _explain(problem: DataFileError) -> tuple[str, str]:
    """A title and the advice for each kind of problem."""
    if isinstance(problem, DataFileInUse):
        return "This data file is open in another Sendoff", (
            "Only one Sendoff can change a data file at a time, so that no change is lost. "
            "Close the other one, then start Sendoff again."
        )
    if isinstance(problem, DataFileInvalid):
        return "This data file holds values Sendoff does not keep", (
            "Sendoff has not changed the file. Correct each value named above in a text editor "
            "(`sendoff check` lists them all), or copy the newest good backup over it if one "
            "is named."
        )
    if isinstance(problem, JournalForeign):
        return "This data file's journal does not fit it", (
            f"To open the data file as it is, move {problem.journal} out of its folder and keep "
            "it: it is the only copy of the changes it holds."
        )
    if isinstance(problem, DataFileDamaged):  # its message says the file was not changed
        if problem.backup:
            advice = (
                f"To go back to the newest good backup, copy {problem.backup} over it "
                "(keep the damaged file somewhere if you want to recover anything from it)."
            )
        else:
            advice = "Open it in a text editor to repair it, or move it away to start afresh."
        return "This data file is damaged", advice
    if isinstance(problem, DataFileTooNew):
        return "This data file comes from a newer Sendoff", "Upgrade Sendoff to open it."
    if isinstance(problem, DataFileUnreadable):
        return "This data file cannot be read", (
            "Check that the file belongs to you and can be read, or choose another with --db."
        )
    return "There is a problem with the data file", ""


class FileProblemScreen(Screen):
    """Explains what is wrong and how to fix it; the file is never touched from here."""

    BINDINGS = [Binding("q,escape", "app.quit", "Quit", id="problem.quit", tooltip="Quit Sendoff")]

    def __init__(self, problem: DataFileError) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        title, advice = _explain(self.problem)
        with Vertical(id="problem"):
            yield Static(literal(title), id="problem-title")
            yield Static(literal(str(self.problem)), id="problem-message")
            if advice:
                yield Static(literal(advice), id="problem-advice")
        yield Footer()
