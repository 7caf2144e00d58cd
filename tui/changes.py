"""The one door through which the screens read and change the data file.

A screen names a change (a function of `storage.changes`) and the client it is for; this
applies it to a fresh copy of the client, saves it (which records the undo), and reports a
failure in one way: a value refused is shown at its field when a form is open, anything else
in a toast. No screen or dialog holds the repository.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, runtime_checkable

from storage.errors import DataFileError, ValidationError
from storage.rules.names import name_key

if TYPE_CHECKING:
    from textual.app import App

    from storage.changes.captured import Settled
    from storage.persistence.repository import Repository, Undoable
    from storage.records.client import Client
    from storage.views.agenda import DueItem
    from storage.views.search import Hit

Change = Callable[..., str]  # changes the client it is given; returns what undo will say


class Changed(NamedTuple):
    """A fresh copy of a client with a change applied, not saved yet, what undo says, and
    what the user should be told once it is saved (if anything beyond the change itself)."""

    client: Client
    what: str
    told: str = ""


@runtime_checkable
class FieldErrors(Protocol):
    """A form that shows a refused value at its field."""

    def show_field_error(self, error: ValidationError) -> bool:
        """Show ``error`` at its field; False when the form has no such field."""


class Changes:
    """Reads and changes through the app's open data file, and says when a change failed."""

    def __init__(self, app: App, repository: Callable[[], Repository | None]) -> None:
        """``repository`` gives the open data file (waiting for it to open), or None when it
        could not be opened."""
        self._app = app
        self._repository = repository

    # Reading ------------------------------------------------------------------------------------

    def client(self, client_id: int) -> Client | None:
        """The client as stored now, a copy of its own; None when the file is not open."""
        repository = self._repository()
        return None if repository is None else repository.client(client_id)

    def clients(self) -> list[Client]:
        """Every client as stored now, archived ones too; none when the file is not open. Safe
        from a worker thread (see `Repository.clients`)."""
        repository = self._repository()
        return [] if repository is None else repository.clients(include_archived=True)

    def name_clash(self, client: Client) -> ValidationError | None:
        """Why ``client`` cannot be kept under its name: another client at work has it (see
        `Repository.name_clash`); None when nothing is in the way, or the file is not open."""
        repository = self._repository()
        return None if repository is None else repository.name_clash(
            client.name, client_id=client.id, archived=client.archived)

    def client_named(self, name: str) -> Client | None:
        """The client called exactly ``name`` (any case), or None: none is, or the file is
        not open."""
        repository = self._repository()
        if repository is None:
            return None
        try:
            found = repository.find_client(name)
        except LookupError:  # nobody, or several, is called so
            return None
        return found if name_key(found.name) == name_key(name) else None

    def due(self, day: date, within_days: int, chase_after: int) -> list[DueItem]:
        """Every follow-up date and promise due by ``within_days`` after ``day``, across all
        clients (a testimonial chased ``chase_after`` days after it was asked for)."""
        repository = self._repository()
        return [] if repository is None else repository.due(day, within_days, chase_after)

    def search(self, query: str) -> list[Hit]:
        """Every client holding each word of ``query``, archived ones too (see
        `Repository.search`, safe from a worker thread); none when the file is not open."""
        repository = self._repository()
        return [] if repository is None else repository.search(query)

    # Changing -----------------------------------------------------------------------------------

    def attempt(self, client_id: int, change: Change, *args: Any) -> Changed:
        """``change`` applied to a fresh copy of the client, not saved; a ValidationError it
        raises goes to the caller (a dialog shows it at its field)."""
        client = self.client(client_id)
        return Changed(client, change(client, *args))

    def apply(self, client_id: int, change: Change, *args: Any, what: str | None = None,
              form: FieldErrors | None = None) -> Client | None:
        """Apply ``change`` to a fresh copy of the client and save it; the client as stored,
        or None when it was refused (and reported). ``what`` words the undo otherwise."""
        if self._repository() is None:
            return None
        try:
            changed = self.attempt(client_id, change, *args)
        except ValidationError as error:
            self.report(error, form=form)
            return None
        return self.save(changed, what=what, form=form)

    def save(self, changed: Changed, *, what: str | None = None,
             form: FieldErrors | None = None) -> Client | None:
        """Store a client changed by ``attempt`` (or a dialog); None when refused (reported)."""
        repository = self._repository()
        if repository is None:
            return None
        try:
            return repository.save_client(changed.client, what=what or changed.what)
        except (ValidationError, DataFileError) as problem:
            self.report(problem, form=form)
            return None

    def add_client(self, client: Client) -> Client | None:
        """Store a new client; it is returned with its id, or None when refused (reported)."""
        repository = self._repository()
        if repository is None:
            return None
        try:
            return repository.add_client(client)
        except (ValidationError, DataFileError) as problem:
            self.report(problem)
            return None

    def delete_client(self, client_id: int) -> bool:
        """Delete the client (undo brings them back); False when refused (reported)."""
        repository = self._repository()
        if repository is None:
            return False
        try:
            repository.delete_client(client_id)
        except DataFileError as problem:
            self.report(problem, title="Not deleted")
            return False
        return True

    def take_in(self) -> list[Settled]:
        """Apply what the shell put in the inbox beside the file (see
        `storage.changes.captured.take_in`), each undoable as any change; what became of each
        entry, none when the file is not open or could not be written (reported), or while a
        command is appending (never waited for: the app looks again soon)."""
        from storage.changes.captured import take_in

        repository = self._repository()
        if repository is None or not repository.writable:
            return []
        try:
            return take_in(repository.path, repository, wait=False)
        except DataFileError as problem:
            self.report(problem)
            return []

    def next_undo(self) -> Undoable | None:
        """What the next undo would do; None when nothing (or the file is not open)."""
        repository = self._repository()
        return None if repository is None else repository.next_undo

    def next_redo(self) -> Undoable | None:
        """What the next redo would do; None when nothing (or the file is not open)."""
        repository = self._repository()
        return None if repository is None else repository.next_redo

    def undo(self) -> str | None:
        """Take back the last change; what was undone, or None (nothing to undo, or refused:
        reported)."""
        return self._step("undo", "Nothing to undo.", "Not undone")

    def redo(self) -> str | None:
        """Make again what the last undo took back; what was redone, or None (nothing to redo,
        or refused: reported)."""
        return self._step("redo", "Nothing to redo.", "Not redone")

    def _step(self, name: str, nothing: str, refused: str) -> str | None:
        repository = self._repository()
        if repository is None:
            return None
        try:
            what = getattr(repository, name)()
        except DataFileError as problem:
            self.report(problem, title=refused)
            return None
        if what is None:
            self._app.notify(nothing)
        return what

    # Failing ------------------------------------------------------------------------------------

    def report(self, problem: ValidationError | DataFileError, *,
               form: FieldErrors | None = None, title: str = "Not saved") -> None:
        """The one way a refused change is told: at its field in an open ``form``, else a
        toast (a file problem stays longer: it says what to do)."""
        if isinstance(problem, ValidationError):
            if form is None or not form.show_field_error(problem):
                self._app.notify(problem.message, title=title, severity="error", markup=False)
            return
        self._app.notify(str(problem), title=title, severity="error", timeout=12, markup=False)
