"""Small files (exports, the index, the lock's owner) replaced in one step, private when asked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storage.persistence.replace_file import replace_file


def test_a_file_is_replaced_whole_and_private(tmp_path: Path) -> None:
    path = tmp_path / "out.ics"
    path.write_bytes(b"old")
    replace_file(path, b"new", mode=0o600)
    assert path.read_bytes() == b"new" and os.stat(path).st_mode & 0o777 == 0o600
    assert [entry.name for entry in tmp_path.iterdir()] == ["out.ics"]


def test_without_overwrite_a_file_already_there_is_never_replaced(tmp_path: Path) -> None:
    """Even one made after the caller looked: the last step itself refuses."""
    path = tmp_path / "handover.md"
    path.write_bytes(b"theirs")
    with pytest.raises(FileExistsError):
        replace_file(path, b"ours", overwrite=False)
    assert path.read_bytes() == b"theirs"
    assert [entry.name for entry in tmp_path.iterdir()] == ["handover.md"], "no temp file left"
    replace_file(tmp_path / "new.md", b"ours", overwrite=False)
    assert (tmp_path / "new.md").read_bytes() == b"ours"
