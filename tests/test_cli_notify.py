"""`sendoff notify`: one desktop notification of what is overdue and due today, through a
recording `notify-send` on PATH; printed where there is none or it cannot reach a desktop, and
nothing at all when nothing is due."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.follow_up import FollowUp
from tests.cli_process import ROOT, sendoff

RECORDER = """#!/bin/sh
for arg in "$@"; do printf '%s\\0' "$arg"; done >> "{record}"
printf '\\036' >> "{record}"
exit {code}
"""

TITLE = "Sendoff: 2 due (1 overdue, 1 today)"
BODY = ("2026-03-01  overdue  Acme Analytics  Twice a year\n"
        "2026-03-15  today    Evil␛[2J␊Corp   Monthly")


@pytest.fixture
def book(db_path: Path) -> Path:
    """Today is 2026-03-15 (conftest)."""
    twice = FollowUp.from_preset("twice-a-year", date(2025, 9, 1))
    twice.handled_through = date(2025, 9, 1)  # next: 2026-03-01, overdue
    with Repository(db_path) as repo:
        repo.add_client(Client(name="Acme Analytics", follow_ups=[
            twice, FollowUp.from_preset("monthly", date(2026, 3, 20))]))
        repo.add_client(Client(name="Evil\x1b[2J\nCorp", follow_ups=[
            FollowUp.from_preset("monthly", date(2026, 3, 15))]))
    return db_path


def with_notifier(tmp_path: Path, code: int = 0, **env: str) -> tuple[dict[str, str], Path]:
    """The tests' environment with a `notify-send` on PATH that records each call (ending with
    ``code``), and the file it records to."""
    folder, record = tmp_path / "bin", tmp_path / "notified"
    folder.mkdir()
    script = folder / "notify-send"
    script.write_text(RECORDER.format(record=record, code=code))
    script.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}", **env}, record


def calls(record: Path) -> list[list[str]]:
    """Each call's arguments (NUL after each, a record separator after each call)."""
    if not record.exists():
        return []
    return [call.split("\0")[:-1] for call in record.read_text().split("\x1e")[:-1]]


def test_one_notification_holds_what_is_overdue_and_due_today(book: Path, tmp_path: Path) -> None:
    env, record = with_notifier(tmp_path)

    done = sendoff("notify", "--db", str(book), env=env)

    assert (done.returncode, done.stderr, done.stdout) == (0, "", TITLE + "\n")
    assert calls(record) == [["--app-name=Sendoff", TITLE, BODY]]


def test_nothing_is_sent_when_nothing_is_due(book: Path, tmp_path: Path) -> None:
    env, record = with_notifier(tmp_path, SENDOFF_TODAY="2026-02-01")

    done = sendoff("notify", "--db", str(book), env=env)

    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert not record.exists()


@pytest.mark.parametrize("notifier", ["none on PATH", "no desktop to reach"])
def test_the_digest_is_printed_where_no_desktop_shows_it(book: Path, tmp_path: Path,
                                                         notifier: str) -> None:
    if notifier == "none on PATH":
        env, record = {**os.environ, "PATH": str(tmp_path)}, tmp_path / "notified"
    else:
        env, record = with_notifier(tmp_path, code=1)

    done = sendoff("notify", "--db", str(book), env=env)

    assert (done.returncode, done.stderr, done.stdout) == (0, "", f"{TITLE}\n{BODY}\n")
    assert len(calls(record)) == (notifier == "no desktop to reach")


def test_a_missing_data_file_is_told(tmp_path: Path) -> None:
    env, record = with_notifier(tmp_path)

    done = sendoff("notify", "--db", str(tmp_path / "none.json"), env=env)

    assert done.returncode == 1 and "none.json" in done.stderr
    assert not record.exists()


def test_the_readme_cron_line_and_systemd_service_send_the_digest(book: Path,
                                                                   tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text()
    cron = next(line for line in readme.splitlines() if line.startswith("0 9,14 * * * "))
    service = readme[readme.index("# ~/.config/systemd/user/sendoff-notify.service"):]
    exec_start = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    timer = readme[readme.index("# ~/.config/systemd/user/sendoff-notify.timer"):]
    assert "OnCalendar=*-*-* 09:00" in timer and "WantedBy=timers.target" in timer
    assert "systemctl --user enable --now sendoff-notify.timer" in readme
    home = tmp_path / "home"
    (home / ".local" / "bin").mkdir(parents=True)
    installed = home / ".local" / "bin" / "sendoff"  # as pipx installs it, run from this checkout
    installed.write_text(f"#!/bin/sh\ncd '{ROOT}' && exec '{sys.executable}' -m tui \"$@\"\n")
    installed.chmod(0o755)
    env, record = with_notifier(tmp_path, HOME=str(home), SENDOFF_DB=str(book))

    for command in (cron.split(" ", 5)[5], exec_start.removeprefix("ExecStart=").replace(
            "%h", str(home))):
        done = subprocess.run(["/bin/sh", "-c", command], env=env, capture_output=True,
                              text=True, timeout=60)
        assert (done.returncode, done.stderr) == (0, ""), command

    assert calls(record) == [["--app-name=Sendoff", TITLE, BODY]] * 2



def test_the_digest_holds_every_dated_promise_due(db_path: Path, tmp_path: Path) -> None:
    from storage.records.work import WorkItem

    with Repository(db_path) as repo:
        repo.add_client(Client.new("Acme", work=[WorkItem("Ship it", due=date(2026, 3, 15))]))
    env, record = with_notifier(tmp_path)

    done = sendoff("notify", "--db", str(db_path), env=env)

    assert (done.returncode, done.stderr) == (0, "")
    assert calls(record) == [["--app-name=Sendoff", "Sendoff: 1 due (1 today)",
                              "2026-03-15  today  Acme  Due: Ship it"]]
