"""A closed terminal or a kill must not lose the change the writer thread has not saved yet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import os, signal, sys
from pathlib import Path
from tui.app import SendoffApp
from tui.changes import Changed

class App(SendoffApp):
    def on_ready(self):
        for number in range(200):  # many changes, then the signal right away
            client = self.repo.client(1)
            client.notes = f"note {number}"
            self.changes.save(Changed(client, "edit notes"))
        os.kill(os.getpid(), signal.{signal_name})

App(Path(sys.argv[1])).run(headless=True)
"""


@pytest.mark.parametrize("signal_name", ["SIGHUP", "SIGTERM"])
def test_every_change_is_on_disk_after_the_terminal_closes(db_path, read_back, signal_name):
    with Repository(db_path) as repository:
        repository.add_client(Client(name="Acme"))
    done = subprocess.run([sys.executable, "-c", SCRIPT.replace("{signal_name}", signal_name),
                           str(db_path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert read_back()[0].notes == "note 199"
    with Repository(db_path):
        pass  # and the file is free again


@pytest.mark.parametrize("signal_name", ["SIGHUP", "SIGTERM"])
async def test_what_is_typed_in_a_field_is_kept_when_the_terminal_closes(
        db_path, read_back, typed_not_saved, signal_name):
    import asyncio
    import os
    import signal

    from tui.app import SendoffApp

    with Repository(db_path) as repository:
        repository.add_client(Client(name="Acme"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await typed_not_saved(app, pilot, "30 days in writing")
        os.kill(os.getpid(), getattr(signal, signal_name))
        for _ in range(100):
            if not app.is_running:
                break
            await asyncio.sleep(0.05)
        assert not app.is_running, "the signal quits the app"
    assert read_back()[0].contract.termination_terms == "30 days in writing"
