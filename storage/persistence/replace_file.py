"""Replace a file in one step, so that a reader sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path


def replace_file(path: Path, payload: bytes, *, mode: int = 0o666,
                 overwrite: bool = True) -> None:
    """Write ``payload`` to a temporary file beside ``path``, flush it to disk, then rename it
    over ``path`` and flush the folder: after a crash ``path`` holds the old bytes or the new.
    With ``overwrite=False`` it is put in place only if no file is there, in the same one step
    (FileExistsError otherwise, even for a file made a moment before).

    ``mode`` is filtered by the umask as usual: 0o600 for a private file. The data file itself
    goes through SafeJSONStorage, which also refuses to replace another program's change.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with open(fd, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            _put_new(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    sync_folder(path.parent)


def _put_new(temporary: Path, path: Path) -> None:
    """Give ``temporary`` the name ``path`` unless that name is taken: a hard link does it in
    one step; a file system without them is checked first, then renamed."""
    import errno

    try:
        os.link(temporary, path)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(temporary, path)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable. Some file systems refuse to sync a folder; the file
    is in place then all the same, so that is not worth reporting."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def exchange(first: Path, second: Path) -> bool:
    """Swap two names in one atomic step (Linux renameat2 RENAME_EXCHANGE, macOS renamex_np
    RENAME_SWAP): whatever file was at ``second`` is then at ``first``, so nothing that was
    there is lost, however late it arrived. False where the system or the file system cannot
    (nothing was changed then); raises OSError for other failures."""
    swap = _swap()
    if swap is None:
        return False
    import ctypes
    import errno

    if swap(os.fsencode(first), os.fsencode(second)) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(second))


@cache
def _swap() -> Callable[[bytes, bytes], int] | None:
    """``swap(first, second)``, 0 or -1 as the C library returns, or None where it has none."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if sys.platform.startswith("linux"):
            renameat2 = libc.renameat2
            renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                                  ctypes.c_uint]
            return lambda first, second: renameat2(_AT_FDCWD, first, _AT_FDCWD, second,
                                                   _RENAME_EXCHANGE)
        if sys.platform == "darwin":
            renamex_np = libc.renamex_np
            renamex_np.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
            return lambda first, second: renamex_np(first, second, _RENAME_SWAP)
    except (OSError, AttributeError):  # a C library without it
        pass
    return None


_AT_FDCWD = -100  # paths relative to the working folder, as os.rename takes them
_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 2  # macOS sys/stdio.h
