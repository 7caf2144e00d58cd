"""Where an export may be written: any file but the data file and the ones Sendoff keeps
beside it, and never a folder."""

from __future__ import annotations

from pathlib import Path

from storage.errors import SendoffError
from storage.persistence.paths import is_sendoff_file


def export_destination(wanted: str | Path, data_file: Path, what: str) -> Path:
    """The file ``wanted`` (``~`` expanded) that an export (``what``) may be written to; raises
    SendoffError for one it may never be written to, saying why."""
    written = Path(wanted).expanduser()
    if written.resolve() == data_file.resolve():
        raise SendoffError(f"{written} is the data file itself; choose another file for "
                           f"the {what}")
    if is_sendoff_file(written, data_file):
        raise SendoffError(f"{written} is one of Sendoff's own files, kept beside the data "
                           f"file; choose another file for the {what}")
    if written.is_dir():
        raise SendoffError(f"{written} is a folder; add a file name")
    return written
