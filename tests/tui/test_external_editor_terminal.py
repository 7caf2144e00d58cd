"""The editor key in a real terminal: Sendoff runs in a pseudo-terminal with Textual's own
driver, suspends itself for the editor (a real script that records the terminal it was given)
and comes back to save what was written. Pilot's headless driver has no terminal to suspend."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import shlex
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contract import Contract
from tests.cli_process import ROOT

WAIT = 30  # seconds, at most, for the app to draw or end: never reached when it works
EDITOR_SCRIPT = """\
import json, os, sys, termios
record, path = sys.argv[1], sys.argv[2]
lflag = termios.tcgetattr(0)[3]
with open(record, "w", encoding="utf-8") as file:
    json.dump({"terminal": os.isatty(0) and os.isatty(1),
               "line_mode": bool(lflag & termios.ICANON and lflag & termios.ECHO)}, file)
with open(path, "a", encoding="utf-8") as file:
    file.write(", in writing\\n")
"""


class Terminal:
    """Sendoff run in a pseudo-terminal of 100 by 30: what it draws is read as it comes."""

    def __init__(self, db_path: Path, env: dict[str, str]) -> None:
        main, other = pty.openpty()
        fcntl.ioctl(other, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.main = main
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui", "--db", str(db_path)], cwd=ROOT,
            stdin=other, stdout=other, stderr=other, env=env, start_new_session=True)
        os.close(other)
        self.drawn = bytearray()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.main, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.drawn += chunk

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + WAIT
        while text.encode() not in self.drawn:
            assert self.process.poll() is None, bytes(self.drawn[-2000:])
            assert time.monotonic() < deadline, f"{text!r} never drawn"
            time.sleep(0.05)

    def press(self, keys: str) -> None:
        os.write(self.main, keys.encode())

    def end(self) -> int:
        try:
            return self.process.wait(WAIT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.reader.join(WAIT)
            os.close(self.main)


@pytest.fixture
def terminal(db_path: Path, tmp_path: Path):
    """``terminal(**env)``: Sendoff started on ``db_path`` in a pseudo-terminal, with ``env``
    added to the tests' environment; ended afterwards."""
    started: list[Terminal] = []

    def start(**env: str) -> Terminal:
        started.append(Terminal(db_path, {**os.environ, "TERM": "xterm-256color", **env}))
        return started[-1]

    yield start
    for running in started:
        if running.process.poll() is None:
            running.process.kill()
            running.end()


def test_the_app_hands_its_terminal_to_the_editor_and_saves_what_it_wrote(
        db_path, tmp_path, read_back, terminal) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client.new(name="Acme", contract=Contract(termination_terms="30 days")))
    script, record = tmp_path / "editor.py", tmp_path / "record.json"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    app = terminal(VISUAL="", EDITOR=shlex.join([sys.executable, str(script), str(record)]))
    app.wait_for("Acme")
    app.press("1")
    app.wait_for("Kind of contract")
    app.press("\t" * 9)  # from the kind of contract to the termination terms
    app.press("\x0f")  # ctrl+o
    deadline = time.monotonic() + WAIT
    while not record.exists():
        assert time.monotonic() < deadline, "the editor never ran"
        time.sleep(0.05)
    app.wait_for("30 days, in writing")  # drawn again, with what the editor wrote
    app.press("\x03")  # ctrl+c quits
    assert app.end() == 0
    seen = json.loads(record.read_text(encoding="utf-8"))
    assert seen == {"terminal": True, "line_mode": True}  # the app had left its raw mode
    assert read_back()[0].contract.termination_terms == "30 days, in writing"

