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


class DataFileChanged(DataFileError):
    """Something else changed the file since it was loaded; writing would lose that change."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            f"The data file {path} was changed by another program since Sendoff loaded it. "
            "Nothing was written; reopen Sendoff to see the current data.",
        )


class DataFileTooNew(DataFileError):
    """The file was written by a newer Sendoff with a schema this one does not know."""

    def __init__(self, path: Path, version: int, known: int) -> None:
        super().__init__(
            path,
            f"The data file {path} uses schema version {version}, newer than this Sendoff "
            f"understands ({known}). Upgrade Sendoff; the file has not been changed.",
        )


class WriteFailed(DataFileError):
    """The operating system refused a write (disk full, read-only folder...)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            path, f"Could not save to {path}: {reason}. Your change is kept in memory."
        )
        self.reason = reason
