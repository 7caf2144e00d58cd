"""Replace a small file in one step, so that a reader sees the old file or the new one."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def replace_file(path: Path, payload: bytes, *, mode: int = 0o666) -> None:
    """Write ``payload`` to a temporary file beside ``path``, then rename it over ``path``.

    ``mode`` is filtered by the umask as usual: 0o600 for a private file. The data file itself
    goes through SafeJSONStorage, which also syncs it to disk and keeps backups.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with open(fd, "wb") as file:
            file.write(payload)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
