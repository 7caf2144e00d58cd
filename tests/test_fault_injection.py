"""Fault injection, bounded: another program editing the data file while Sendoff saves, and the
index cut or damaged at every line. Every run ends with the file readable, nothing confirmed lost,
and a clear message wherever a save could not be done. (Kills during writes:
tests/storage/test_crash_safety.py.)"""

from __future__ import annotations

import json
import random
import select
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from storage.demo import demo_clients
from storage.errors import DataFileChanged
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.views.index_file import due_from_index, index_path, read_due_index, read_index

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 60
SEED = 20261201
MARK = "edit-0000"  # the editor changes it to edit-0001..., the same size

# Another program, editing the file each time it is told to: after a pause, in place (keeping the
# time, as `touch -r` or some sync clients do) or by renaming a new file over the old (as most
# editors and sync clients do).
EDITOR = """
import os, re, sys, time
path = sys.argv[1]
print("ready", flush=True)
for line in sys.stdin:
    delay, style, value = line.split()
    time.sleep(float(delay))
    before = os.stat(path)
    with open(path) as file:
        edited = re.sub(r"edit-\\d{4}", value, file.read(), count=1)
    if style == "in-place":
        with open(path, "r+") as file:
            file.write(edited)
            file.truncate()  # the file may have grown since it was read: a save came between
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    else:
        with open(path + ".editor.tmp", "w") as file:
            file.write(edited)
        os.replace(path + ".editor.tmp", path)
    print("edited", flush=True)
"""


def notes_of(path: Path, client_id: int) -> str:
    with Repository(path, writable=False) as repository:
        return repository.client(client_id).notes


def one_racing_session(path: Path, editor: subprocess.Popen, order: str) -> DataFileChanged | None:
    """A Sendoff session saving over and over until the editor's edit is done; what closing it
    said (None: nothing to report)."""
    repository = Repository(path)
    client = repository.client(1)
    editor.stdin.write(order + "\n")
    editor.stdin.flush()
    saves, refused = 0, None
    try:
        while saves < 2 or not select.select([editor.stdout], [], [], 0)[0]:
            client.notes = f"save {saves}"
            repository.save_client(client)
            saves += 1
    except DataFileChanged as refusal:
        refused = refusal
    assert editor.stdout.readline() == "edited\n"
    try:
        repository.close()
    except DataFileChanged as refusal:  # unsaved, or replaced after the last save
        return refusal
    assert refused is None, "closing says when the newest change is not saved"
    return None


def test_another_program_editing_while_sendoff_saves_never_loses_an_edit(tmp_path: Path) -> None:
    chance = random.Random(SEED)
    path = tmp_path / "sendoff.json"
    clients = demo_clients(30, seed=3)  # about 0.4 MB: each save takes a few milliseconds
    clients[1].notes = MARK
    with Repository(path) as repository:
        repository.replace_all(clients)
    editor = subprocess.Popen([sys.executable, "-c", EDITOR, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    lost, refused = [], 0
    try:
        assert editor.stdout.readline() == "ready\n"
        for round_number in range(1, ROUNDS + 1):
            value = f"edit-{round_number:04d}"
            style = "in-place" if round_number % 2 else "rename"
            refusal = one_racing_session(path, editor,
                                         f"{chance.uniform(0, 0.03):.4f} {style} {value}")
            if refusal is not None:
                refused += 1
                assert refusal.recovery is not None and refusal.recovery.exists()
                assert notes_of(refusal.recovery, 1).startswith("save "), "ours is kept there"
                refusal.recovery.unlink()
            if notes_of(path, 2) != value:
                lost.append((round_number, style))
    finally:
        editor.stdin.close()
        editor.wait(timeout=10)
        editor.stdout.close()
    assert not lost, f"{len(lost)} of {ROUNDS} edits were overwritten: {lost}"
    assert refused > ROUNDS // 2, "the edits hardly raced a save; the test tested little"
    print(f"{ROUNDS} racing edits: {refused} sessions refused to overwrite one, 0 lost")


@pytest.fixture
def indexed(tmp_path: Path) -> Path:
    path = tmp_path / "indexed.json"
    with Repository(path) as repository:
        repository.replace_all(demo_clients(20, seed=2))
        repository.add_client(Client(name="Last"))  # a save after replace_all, as the app does
    return path


def due_json(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "due", "--db", str(path), "--json",
                           "--within", "30", *extra], capture_output=True, text=True, cwd=ROOT,
                          timeout=60)


def test_an_index_cut_or_damaged_at_any_line_is_never_believed(indexed: Path, pinned_today: date,
                                                               tmp_path: Path) -> None:
    whole = index_path(indexed).read_bytes()
    lines = whole.split(b"\n")
    assert len(lines) > 20, "the index has a line per follow-up"
    expected = due_json(indexed).stdout
    assert json.loads(expected), "something is due in the demo"
    chance = random.Random(SEED)
    try:
        for number in range(len(lines)):
            cut = b"\n".join(lines[:number + 1])
            damaged = lines[number]
            at = chance.randrange(len(damaged)) if damaged else 0
            flipped = damaged[:at] + bytes([damaged[at] ^ 0x20 if damaged else 0x20]) + \
                damaged[at + 1:]
            wrong = b"\n".join([*lines[:number], flipped, *lines[number + 1:]])
            for version in (cut, wrong, whole + b"\n" + lines[-1]):
                if version == whole:
                    continue
                index_path(indexed).write_bytes(version)
                assert read_index(indexed) is None, f"line {number}"
                assert read_due_index(indexed) is None, f"line {number}"
        # As the command runs it, for a few of them: the answer read from the data file.
        for version in (b"\n".join(lines[:3]), b"\n".join(lines[:-1]), b"[1,2,3]\n" + whole):
            index_path(indexed).write_bytes(version)
            done = due_json(indexed)
            assert (done.returncode, done.stderr, done.stdout) == (0, "", expected)
    finally:
        index_path(indexed).write_bytes(whole)
    assert due_from_index(read_due_index(indexed), pinned_today, 30) is not None


def test_an_index_made_from_other_content_of_the_same_size_and_time_is_ignored(
        indexed: Path, tmp_path: Path) -> None:
    import os

    expected = json.loads(due_json(indexed).stdout)
    before = os.stat(indexed)
    raw = indexed.read_bytes()
    target = expected[0]["client"].encode()
    renamed = target[:-1] + (b"X" if target[-1:] != b"X" else b"Y")
    indexed.write_bytes(raw.replace(target, renamed))
    os.utime(indexed, ns=(before.st_atime_ns, before.st_mtime_ns))
    try:
        assert os.stat(indexed).st_size == before.st_size
        answer = json.loads(due_json(indexed).stdout)
        assert renamed.decode() in {item["client"] for item in answer}, "read from the data file"
    finally:
        indexed.write_bytes(raw)


# -- wrong-shape documents, from a generator ------------------------------------------------------

SHAPES = (None, True, False, 0, -1, 10**21, 1.5, "", "no", "2026-02-30", "9999-12-31",
          "0000-01-01", "FREQ=MONTHLY;BYDAY=99MO", [], [1], ["x"], {}, {"a": 1}, "\x1b[2J")


def places(value, path=()):
    """Every place in a JSON value, as the keys and indexes that lead to it."""
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from places(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from places(inner, (*path, index))


def put(value, path, new):
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = put(value[path[0]], path[1:], new)
    return copy


def test_wrong_shape_documents_are_read_whole_or_refused_by_name(tmp_path, pinned_today):
    """Each of 150 files, a demo file with one value put where it does not belong, is either
    read whole (every command's work done with it) or refused naming the client or the file,
    untouched. Nothing else: no other exception, no partly read file."""
    from storage.errors import DataFileInvalid
    from storage.outputs.calendar_export import follow_up_calendar
    from storage.outputs.manifest import handover_manifest
    from storage.views.agenda import due

    path = tmp_path / "sendoff.json"
    with Repository(path) as repository:
        repository.replace_all(demo_clients(3, seed=4))
    good = json.loads(path.read_text())
    everywhere = [place for place in places(good) if place[:1] != ("meta",) or len(place) > 2]
    chance = random.Random(SEED)
    outcomes = {"read": 0, "refused": 0}
    for _ in range(150):
        place, shape = chance.choice(everywhere), chance.choice(SHAPES)
        path.write_text(json.dumps(put(good, place, shape)))
        before = path.read_bytes()
        try:
            with Repository(path, writable=False) as repository:
                clients = repository.clients(include_archived=True)
                due(clients, pinned_today, 30)
                follow_up_calendar(clients, pinned_today)
                for client in clients:
                    handover_manifest(client, pinned_today)
                    repository.summary(client.id, pinned_today)
        except DataFileInvalid as refusal:
            outcomes["refused"] += 1
            assert refusal.problems and all(
                problem.startswith(("client #", "the file")) for problem in refusal.problems), (
                place, shape, refusal.problems)
        else:
            outcomes["read"] += 1
        assert path.read_bytes() == before, (place, shape)
    assert outcomes["refused"] > 50 and outcomes["read"] > 10, outcomes
    print(f"150 wrong-shape files: {outcomes}")
