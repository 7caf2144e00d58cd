"""Shared fixtures: a data file in tmp_path, a pinned clock, and the app built on them."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

PINNED_TODAY = date(2026, 3, 15)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> date:
    """Every test runs on 2026-03-15, away from the real data folder."""
    monkeypatch.setenv("SENDOFF_TODAY", PINNED_TODAY.isoformat())
    monkeypatch.delenv("SENDOFF_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("SENDOFF_THEME", raising=False)
    return PINNED_TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sendoff.json"


@pytest.fixture
def repo(db_path: Path):
    from storage.persistence.repository import Repository

    with Repository(db_path) as repository:
        yield repository


@pytest.fixture
def read_back(db_path: Path):
    """Read ``db_path`` afresh, read-only, as a later session would: ``read_back()`` -> clients."""
    from storage.persistence.repository import Repository

    def clients(include_archived: bool = True):
        with Repository(db_path, writable=False) as repository:
            return repository.clients(include_archived=include_archived)

    return clients


@pytest.fixture
def read_only():
    """``read_only(path)``: make a file or folder read-only for this process, even for root
    (who ignores permissions: the immutable attribute binds root too); undone afterwards."""
    import os
    import subprocess

    made: list[Path] = []

    def make(path: Path) -> None:
        if os.geteuid() == 0:
            done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
            if done.returncode != 0:
                pytest.skip(f"cannot make {path} immutable here: {done.stderr.strip()}")
        else:
            path.chmod(0o555 if path.is_dir() else 0o444)
        made.append(path)

    yield make
    for path in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o700 if path.is_dir() else 0o600)


@pytest.fixture
def usual_umask():
    """The common umask 022 (processes started meanwhile inherit it): a private file is then
    private because Sendoff made it so, not because the machine's umask did."""
    before = os.umask(0o022)
    yield
    os.umask(before)
