"""Changes captured from the shell while the app holds the file (`sendoff log` and the like, see
`storage.persistence.inbox`): a timer looks at the inbox's size, and what is in it is applied
through the app's one door and told in a toast, the screen shown again with it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.persistence.inbox import has_entries
from tui.text import visible

if TYPE_CHECKING:
    from textual.screen import Screen

    from storage.changes.captured import Settled
    from tui.app import SendoffApp

INTERVAL = 0.5  # seconds: a change typed in another terminal shows within a second


def _show_again(screen: Screen) -> None:
    """Show ``screen``'s client(s) as stored now, what is typed in a field saved first (as
    quitting does), never overwritten: a form left holding a value it refused keeps it, with
    its error, until the next change shows it again."""
    flush = getattr(screen, "flush", None)
    if flush is not None:
        flush()
    reload = getattr(screen, "reload", None)
    if reload is not None and not screen.query(".-invalid"):
        reload()


class InboxWatch:
    """Looks at the inbox beside the app's data file twice a second (a stat, nothing read)."""

    def __init__(self, app: SendoffApp) -> None:
        self._app = app

    def start(self) -> None:
        self._app.set_interval(INTERVAL, self.look, name="inbox")

    def look(self) -> None:
        app = self._app
        repository = app.repo if app.is_open else None
        if repository is None or not repository.writable or not has_entries(repository.path):
            return
        outcomes = app.changes.take_in()
        if outcomes:
            _show_again(app.screen)
            self._tell(outcomes)

    def _tell(self, outcomes: list[Settled]) -> None:
        done = [visible(outcome.told) for outcome in outcomes if not outcome.refused]
        refused = [f"{visible(outcome.entry['told'])}: {visible(outcome.refused)}"
                   for outcome in outcomes if outcome.refused]
        if done:
            self._app.notify("\n".join(done), title="From the shell", markup=False)
        if refused:
            from storage.persistence.inbox import refused_path

            self._app.notify("\n".join(refused) + f"\n(kept in {refused_path(self._app.repo.path)})",
                             title="Not done, from the shell", severity="error", timeout=20,
                             markup=False)
