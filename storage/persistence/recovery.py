"""Where the changes that could not be saved are kept, so that quitting never loses them.

When a save fails (a full disk, another program's change to the file) the whole data as this
session holds it goes to a recovery file: a complete Sendoff data file, private (0600), that
`sendoff --db` opens like any other. It is kept beside the data file, or, where that cannot be
written, in the user's state folder, or else in the temporary folder. A recovery file exists only
while it holds changes that are not in the data file: the next successful save removes it.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path


def recovery_folders(data_path: Path) -> list[Path]:
    """Where a recovery file may go, in order of preference."""
    import tempfile

    from platformdirs import user_state_path

    uid = os.getuid() if hasattr(os, "getuid") else 0
    return [data_path.parent, user_state_path("sendoff", appauthor=False) / "recovery",
            Path(tempfile.gettempdir()) / f"sendoff-recovery-{uid}"]


class Recovery:
    """The recovery file of one session of one data file."""

    def __init__(self, data_path: Path) -> None:
        self.data_path = data_path
        self.path: Path | None = None  # where the newest unsaved state is kept, if anywhere
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        self.name = f"{data_path.name}.recovered-{stamp}"  # the file's name, in any folder

    def keep(self, payload: bytes) -> Path | None:
        """Write ``payload`` to the recovery file, in the first folder that takes it; returns
        where it is, or None when no folder would."""
        from storage.persistence.replace_file import replace_file

        kept = None
        for folder in recovery_folders(self.data_path):
            try:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                replace_file(folder / self.name, payload, mode=0o600)
            except OSError:
                continue
            kept = folder / self.name
            break
        if self.path is not None and self.path != kept:
            self._remove(self.path)  # an older state, left where the newest could not go
        self.path = kept
        return kept

    def discard(self) -> None:
        """Every change is saved in the data file now: the recovery file has nothing more."""
        if self.path is not None:
            self._remove(self.path)
            self.path = None

    @staticmethod
    def _remove(path: Path) -> None:
        with contextlib.suppress(OSError):
            path.unlink()
