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
    """The data file to use: the ``--db`` argument, else ``SENDOFF_DB``, else the default."""
    chosen = cli_value or os.environ.get(DB_VARIABLE, "").strip()
    return Path(chosen).expanduser() if chosen else default_db_path()
