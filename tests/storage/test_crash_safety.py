"""SIGKILL a writer at random moments: the file must always hold one whole, consistent state."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from storage.persistence.filestore import SafeJSONStorage, backup_path
from storage.persistence.lock import WriterLock

ROOT = Path(__file__).resolve().parents[2]
KILLS = 40
SEED = 20261125

# Rewrites one document for ever, a few hundred KB each time, so a kill often lands mid-write.
WRITER_SCRIPT = """
import hashlib, itertools, sys
from tinydb import TinyDB
from storage.persistence.filestore import SafeJSONStorage
from storage.persistence.lock import WriterLock

def check(n, payload):
    return hashlib.sha256(f"{n}:{payload}".encode()).hexdigest()

lock = WriterLock(sys.argv[1])
lock.acquire()
state = TinyDB(sys.argv[1], storage=SafeJSONStorage).table("state")
current = state.get(doc_id=1)
n = current["n"] if current else 0
first = n + 1
if current is None:
    state.insert({"n": 0, "payload": "", "check": check(0, "")})
for n in itertools.count(n + 1):
    payload = chr(ord("a") + n % 26) * (200_000 + (n % 7) * 40_000)
    state.update({"n": n, "payload": payload, "check": check(n, payload)}, doc_ids=[1])
    if n == first:
        print("writing", flush=True)  # the session's first write is done: backups, sweep
"""


def consistent_n(path: Path) -> int:
    """The ``n`` of the one state stored in ``path``, after checking it is whole."""
    tables = SafeJSONStorage(path).read()
    state = tables["state"]["1"]
    expected = hashlib.sha256(f"{state['n']}:{state['payload']}".encode()).hexdigest()
    assert state["check"] == expected, f"{path} holds a torn state"
    return state["n"]


def leftover_temps(folder: Path) -> set[str]:
    return {
        entry.name
        for entry in folder.iterdir()
        if entry.name.startswith(".sendoff.json.") and entry.name.endswith(".tmp")
    }


def test_a_killed_writer_always_leaves_a_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "sendoff.json"
    chance = random.Random(SEED)
    last_n = 0
    stale: set[str] = set()
    kills_with_leftovers = 0
    started = time.monotonic()

    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER_SCRIPT, str(path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert writer.stdout.readline() == "writing\n"
            # The first write of a session sweeps what the previous kill left behind.
            assert stale.isdisjoint(leftover_temps(tmp_path))
            time.sleep(chance.uniform(0, 0.08))
            writer.send_signal(signal.SIGKILL)
            assert writer.wait(timeout=10) == -signal.SIGKILL
        finally:
            if writer.poll() is None:
                writer.kill()
                writer.wait()
            writer.stdout.close()

        n = consistent_n(path)
        assert n >= last_n, "a kill must never bring back an older state"
        last_n = n
        for number in (1, 2, 3):
            if backup_path(path, number).exists():
                consistent_n(backup_path(path, number))
        assert not backup_path(path, 4).exists()

        with WriterLock(path) as lock:  # a kill never leaves the file locked
            assert lock.held

        stale = leftover_temps(tmp_path)
        kills_with_leftovers += bool(stale)

    assert last_n > KILLS, "the writers hardly wrote; the kills tested nothing"
    print(
        f"{KILLS} kills in {time.monotonic() - started:.1f}s, last n={last_n}, "
        f"{kills_with_leftovers} left a temp file behind"
    )
    assert os.stat(path).st_size > 200_000
