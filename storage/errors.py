"""Errors the storage layer raises, each with a message a freelancer can act on."""

from __future__ import annotations

from pathlib import Path


class SendoffError(Exception):
    """Base of every error Sendoff explains to the user."""


class ValidationError(SendoffError, ValueError):
    """A value that cannot be stored, tied to the field where it was typed."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class DataFileError(SendoffError):
    """A problem with the data file itself; always names the file."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)


class DataFileDamaged(DataFileError):
    """The file cannot be read as Sendoff data. It is left untouched."""

    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        hint = (
            f"The newest good backup is {backup}."
            if backup
            else "No good backup was found beside it."
        )
        super().__init__(
            path,
            f"The data file {path} is damaged ({reason}). It has not been changed. {hint}",
        )
        self.reason = reason
        self.backup = backup


class JournalForeign(DataFileDamaged):
    """The journal beside the data file holds changes made to another version of it (the file
    put back by hand while changes were in the journal alone). Both are left untouched: the
    journal is the only copy of those changes."""

    def __init__(self, path: Path, journal: Path, backup: Path | None) -> None:
        super().__init__(path, f"its journal {journal} holds changes made to another version "
                               "of it, which were never folded into it; move the journal away "
                               "to open the file as it is", backup)
        self.journal = journal


class DataFileInvalid(DataFileDamaged):
    """The file reads as JSON but holds values Sendoff does not store (see `storage.persistence.validation`):
    each problem names the client and the field. The file is left untouched."""

    SHOWN = 10  # problems listed in the message; `sendoff check` lists them all

    def __init__(self, path: Path, problems: list[str], backup: Path | None) -> None:
        count = len(problems)
        super().__init__(path, f"{count} problem{'' if count == 1 else 's'} in what it holds",
                         backup)
        self.problems = problems
        more = count - self.SHOWN
        listed = [f"  - {problem}" for problem in problems[:self.SHOWN]]
        if more > 0:
            listed.append(f"  ... and {more} more: `sendoff --db {path} check` lists them all")
        self.args = ("\n".join([self.args[0], *listed]),)


class DataFileUnreadable(DataFileError):
    """The file exists but the operating system refuses to open it."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(path, f"The data file {path} cannot be read: {reason}.")
        self.reason = reason


class DataFileInUse(DataFileError):
    """Another Sendoff holds the single-writer lock on the file."""

    def __init__(self, path: Path, owner: str) -> None:
        super().__init__(
            path,
            f"The data file {path} is in use by another Sendoff ({owner}). "
            "Close it there first; nothing was written.",
        )
        self.owner = owner


class UnsavedChanges(DataFileError):
    """A save that could not be done. The changes are kept in a recovery file where one could be
    written (see `storage.persistence.recovery`); the message says where, and how to go on."""

    def __init__(self, path: Path, what_happened: str, recovery: Path | None) -> None:
        self.what_happened = what_happened
        self.recovery = recovery
        super().__init__(path, self.told(running=True))

    def told(self, *, running: bool) -> str:
        """The message while Sendoff runs (the changes are in its memory too), or once it has
        ended (they are only where the recovery file is)."""
        if self.recovery is None:
            kept = ("They are kept in memory only: no recovery file could be written beside "
                    "the data file or in your state or temporary folder." if running else
                    "They are lost: no recovery file could be written beside the data file or "
                    "in your state or temporary folder.")
        elif running:
            kept = f"They are kept in memory and in the recovery file {self.recovery}."
        else:
            kept = f"They are in the recovery file {self.recovery}."
        return " ".join(part for part in (self.what_happened, "Your changes were not saved "
                                          "there.", kept, self.how_to_go_on(running=running))
                        if part)

    def how_to_go_on(self, *, running: bool) -> str:
        return ""


class DataFileChanged(UnsavedChanges):
    """Something else changed the file since it was loaded; writing would lose that change."""

    def __init__(self, path: Path, recovery: Path | None = None) -> None:
        super().__init__(
            path,
            f"The data file {path} was changed by another program (an editor or a sync client?) "
            "since Sendoff read it, so Sendoff did not overwrite it and saves nothing more to it "
            "in this session.",
            recovery,
        )

    def how_to_go_on(self, *, running: bool) -> str:
        again = "Quit and start Sendoff again" if running else "Start Sendoff again"
        if self.recovery is None:
            return f"{again} to see the file as it is now."
        return (f"{again} to see the file as it is now, then redo what is missing: "
                f"`sendoff --db {self.recovery}` shows your version.")


class DataFileTooNew(DataFileError):
    """The file was written by a newer Sendoff with a schema this one does not know."""

    def __init__(self, path: Path, version: int, known: int) -> None:
        super().__init__(
            path,
            f"The data file {path} uses schema version {version}, newer than this Sendoff "
            f"understands ({known}). Upgrade Sendoff; the file has not been changed.",
        )


class WriteFailed(UnsavedChanges):
    """The operating system refused a write (disk full, read-only folder...)."""

    def __init__(self, path: Path, reason: str, recovery: Path | None = None) -> None:
        self.reason = reason
        super().__init__(path, f"Could not save to {path}: {reason}.", recovery)

    def how_to_go_on(self, *, running: bool) -> str:
        if running:
            return "Sendoff tries again with your next change and when you quit."
        if self.recovery is None:
            return ""
        return (f"Once {self.path.parent} can be written again, copy the recovery file over "
                f"{self.path}.")


class DataFileReadOnly(DataFileError):
    """The file, or its folder, cannot be written: Sendoff opens it to read only."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(path, f"The data file {path} is open read-only ({reason}), so nothing "
                               "was saved.")
        self.reason = reason


class DataFileMissing(DataFileError):
    """A command that reads the data file found none."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path, f"There is no data file at {path}. Start Sendoff (`sendoff`) to create it, "
                  "write a demo with `sendoff demo`, or choose another with --db."
        )
