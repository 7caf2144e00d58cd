"""Where the data file lives: ``--db``, then ``SENDOFF_DB``, then the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

DB_VARIABLE = "SENDOFF_DB"
FILE_NAME = "sendoff.json"


def default_db_path() -> Path:
    """The data file in the platform's per-user data directory (nothing is created here)."""
    from platformdirs import user_data_path

    return user_data_path("sendoff", appauthor=False) / FILE_NAME


def resolve_db_path(cli_value: str | None = None) -> Path:
    """The data file to use: the ``--db`` argument, else ``SENDOFF_DB``, else the default; a
    symbolic link is followed to the file it names (see `real_path`)."""
    chosen = cli_value or os.environ.get(DB_VARIABLE, "").strip()
    return real_path(Path(chosen).expanduser() if chosen else default_db_path())


def real_path(path: str | os.PathLike[str]) -> Path:
    """``path`` with every symbolic link followed, even one whose target does not exist yet.

    Many people keep their data in a synced folder through a link: the file that is written,
    locked and backed up must be the link's target, beside which the backups, the lock and the
    index then live too. Replacing the link itself would fork the data in two."""
    return Path(os.path.realpath(path))


def is_sendoff_file(path: Path, data_file: Path) -> bool:
    """Whether ``path`` is the data file or one Sendoff keeps beside it (its backups, journal,
    index, lock and `sendoff check`'s cache, all named after it): an export must never
    replace one of them."""
    target = path.resolve()
    return target == data_file.resolve() or (
        target.parent == data_file.parent.resolve()
        and target.name.startswith(f"{data_file.name}."))
