"""Shared fixtures: a data file in tmp_path, a pinned clock, and the app built on them."""

from __future__ import annotations

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
    return PINNED_TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sendoff.json"


@pytest.fixture
def repo(db_path: Path):
    from storage.repository import Repository

    with Repository(db_path) as repository:
        yield repository


@pytest.fixture
def read_back(db_path: Path):
    """Read ``db_path`` afresh, read-only, as a later session would: ``read_back()`` -> clients."""
    from storage.repository import Repository

    def clients(include_archived: bool = True):
        with Repository(db_path, writable=False) as repository:
            return repository.clients(include_archived=include_archived)

    return clients
