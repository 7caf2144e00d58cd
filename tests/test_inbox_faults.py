"""Fault injection on the inbox, bounded, with real processes: a writer (as `sendoff log` and the
like) and an applier (as the running app, without textual) run side by side and are killed, by
themselves at chosen points or from outside at random moments. At the end every entry a writer
was told was stored is applied exactly once, and none more than once."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from storage.changes.captured import take_in
from storage.persistence import inbox
from storage.persistence.repository import Repository
from storage.records.client import Client

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 12
SEED = 20261208
APPENDS = 25  # by one writer at most: each is a forward to one of three clients

DRIVER = """
import itertools, os, signal, sys, time
from datetime import date
from pathlib import Path
from storage.changes import captured
from storage.persistence import inbox
from storage.persistence.repository import Repository

role, path, fault, first = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
real_pwrite, real_fsync, real_emptied = os.pwrite, os.fsync, inbox.Taken.emptied
FAULTY = first + 2  # the third append of a writer, the third entry an applier applies


def die():
    os.kill(os.getpid(), signal.SIGKILL)


if role == "write":
    number = first

    def pwrite(fd, data, offset):
        if fault == "torn" and number == FAULTY:
            real_pwrite(fd, data[:len(data) // 2], offset)
            die()
        written = real_pwrite(fd, data, offset)
        if fault == "unsynced" and number == FAULTY:
            die()
        return written

    def fsync(fd):
        real_fsync(fd)
        if fault == "synced" and number == FAULTY:
            die()  # durable, but never told

    os.pwrite, os.fsync = pwrite, fsync
    print("ready", flush=True)
    for number in range(first, first + {appends}):
        inbox.append(path, captured.entry("forward", number % 3 + 1, "", text=f"w{number}",
                                          link="", added_on=date(2026, 3, 15)))
        print(f"w{number}", flush=True)
        time.sleep(0.004)
else:
    applied = itertools.count(1)

    def emptied(self):
        if fault == "settled" and self.entries:
            die()  # every entry durably settled, the inbox not emptied yet
        real_emptied(self)

    inbox.Taken.emptied = emptied
    repository = Repository(path, background=True)

    def apply(entry, settling):
        told = captured.apply_entry(repository, entry, settling)
        if fault == "applied" and next(applied) == 3:
            die()  # saved in memory, perhaps not on disk yet
        return told

    print("ready", flush=True)
    while True:
        captured.take_in(path, repository, apply)
        time.sleep(0.01)
""".replace("{appends}", str(APPENDS))

WRITER_FAULTS = ["torn", "unsynced", "synced", "outside"]
# "absent": no applier that round, so the next round's writer finds what a torn append left.
APPLIER_FAULTS = ["absent", "applied", "settled"]


def start(role: str, path: Path, fault: str, first: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", DRIVER, role, str(path), fault, str(first)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def ended(process: subprocess.Popen, after: float) -> tuple[list[str], str]:
    """Kill ``process`` ``after`` seconds once it is ready (unless it died before): what it
    said it did."""
    process.stdout.readline()  # "ready", or nothing: it died first
    try:
        process.wait(timeout=after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    out, err = process.communicate(timeout=10)
    return out.split(), err


def test_killing_either_side_never_loses_an_entry_nor_applies_one_twice(db_path: Path) -> None:
    with Repository(db_path) as repo:
        for name in ("Acme", "Birch", "Cobalt"):
            repo.add_client(Client(name=name))
    chance = random.Random(SEED)
    told: list[str] = []
    kills = Counter()
    started = time.monotonic()
    for number in range(ROUNDS):
        writer_fault = WRITER_FAULTS[number % len(WRITER_FAULTS)]
        applier_fault = APPLIER_FAULTS[number % len(APPLIER_FAULTS)]
        writer = start("write", db_path, writer_fault, number * 1000)
        applier = None if applier_fault == "absent" else start("apply", db_path, applier_fault, 0)
        written, problems = ended(writer, chance.uniform(0.01, 0.2))
        if applier is not None:
            problems += ended(applier, chance.uniform(0.1, 0.5))[1]
        assert "Traceback" not in problems, problems
        told += written
        kills[writer_fault, applier_fault, writer.returncode == -signal.SIGKILL] += 1

    with Repository(db_path, writable=False) as repo:
        applied_by_the_killed = sum(len(client.forward_queue) for client in repo.clients())
    with Repository(db_path) as repo:  # the next to open the file takes in what is left
        take_in(db_path, repo)
        forwarded = Counter(item.text for client in repo.clients() for item in client.forward_queue)
    print(f"{ROUNDS} rounds in {time.monotonic() - started:.1f}s, {len(told)} entries told "
          f"stored, {sum(forwarded.values())} applied; (writer's fault, applier's, writer "
          f"killed): {dict(kills)}; {applied_by_the_killed} applied before the last")
    assert len(told) > ROUNDS * 2, "the writers hardly wrote; the kills tested nothing"
    assert applied_by_the_killed > ROUNDS, "the appliers hardly applied; their kills tested nothing"
    assert not [text for text in told if forwarded[text] == 0], "an entry told stored was lost"
    assert not [text for text, times in forwarded.items() if times > 1], "one applied twice"
    assert inbox.inbox_path(db_path).stat().st_size == 0
    assert not inbox.refused_path(db_path).exists()
