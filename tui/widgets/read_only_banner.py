"""A line at the top of every screen while the data file is open read-only."""

from __future__ import annotations

from textual.widgets import Static

from tui.text import literal


class ReadOnlyBanner(Static):
    """Says why nothing can be saved, and how to change that; hidden while the file is writable.
    The app calls `update_state` once the file is open."""

    DEFAULT_CSS = """
    ReadOnlyBanner {
        width: 100%;
        height: auto;
        padding: 0 1;
        background: $warning;
        color: $text-warning;
        background-tint: $background 70%;
        display: none;
    }
    ReadOnlyBanner.-read-only {
        display: block;
    }
    """

    def on_mount(self) -> None:
        self.update_state()

    def update_state(self) -> None:
        problem = getattr(self.app, "read_only", None)
        self.set_class(problem is not None, "-read-only")
        if problem is not None:
            self.update(literal(f"Read-only: {problem.reason}. Changes cannot be saved; make the "
                                "file and its folder writable, then start Sendoff again."))
