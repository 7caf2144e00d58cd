"""The journal: a change in the app appends the documents it replaced, not the whole file; every
reader replays it; it is folded into the file when it grows and when the app closes; a write
killed midway, a journal already folded and a journal made for another file are each read
right, and no change is ever dropped."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from storage.demo import demo_clients
from storage.errors import DataFileChanged, DataFileDamaged
from storage.persistence.file_digest import digest_of
from storage.persistence.filestore import JOURNAL_LEAST
from storage.persistence.journal import journal_path, read_journal, record_line
from storage.persistence.repository import Repository
from storage.views.index_file import read_index

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def book(db_path: Path) -> Path:
    with Repository(db_path) as repository:
        repository.replace_all(demo_clients(30))
    return db_path


def renamed(repository: Repository, client_id: int, name: str) -> None:
    client = repository.client(client_id)
    repository.save_client(replace(client, name=name))


def names(path: Path) -> dict[int, str]:
    with Repository(path, writable=False) as repository:
        return {client.id: client.name for client in repository.clients(include_archived=True)}


def test_a_change_appends_only_what_it_replaced_and_closing_folds_it_in(book: Path) -> None:
    before = book.read_bytes()
    repository = Repository(book, background=True)
    try:
        renamed(repository, 3, "Renamed Ltd")
        repository.flush()
        journal = journal_path(book)
        assert book.read_bytes() == before, "the data file is not rewritten for one change"
        assert 0 < journal.stat().st_size < len(before) / 10
        assert journal.stat().st_mode & 0o777 == 0o600
        assert names(book)[3] == "Renamed Ltd", "a reader replays the journal"
        index = read_index(book)
        assert index is not None and index.summary(3, index_day()).name == "Renamed Ltd", (
            "the index proves itself against the file and its journal")
    finally:
        repository.close()
    assert not journal_path(book).exists(), "at rest, one plain file"
    stored = json.loads(book.read_text())
    assert stored["clients"]["3"]["name"] == "Renamed Ltd"


def test_a_script_appends_each_change_and_folds_them_in_on_close(book: Path) -> None:
    before = book.read_bytes()
    with Repository(book) as repository:
        renamed(repository, 3, "Renamed Ltd")
        renamed(repository, 4, "Also Renamed")
        assert book.read_bytes() == before, "the data file is not rewritten for a change"
        assert 0 < journal_path(book).stat().st_size < len(before) / 10
        assert names(book)[3] == "Renamed Ltd", "durable when save_client returns"
    assert not journal_path(book).exists(), "at rest, one plain file"
    stored = json.loads(book.read_text())["clients"]
    assert (stored["3"]["name"], stored["4"]["name"]) == ("Renamed Ltd", "Also Renamed")


def test_a_script_may_leave_its_change_in_the_journal_for_a_later_session(book: Path) -> None:
    before = book.read_bytes()
    with Repository(book, keep_journal=True) as repository:
        renamed(repository, 3, "Kept Ltd")
    assert book.read_bytes() == before and journal_path(book).exists()
    assert names(book)[3] == "Kept Ltd", "a reader replays it, and leaves it"
    Repository(book, writable=False, background=True).close()
    assert journal_path(book).exists(), "even one with a writer thread: it holds no lock"
    with Repository(book, keep_journal=True) as repository:
        renamed(repository, 4, "Kept Too")
    assert len(read_journal(book, digest_of(before)).records) == 2, "appended to the same"
    with Repository(book, background=True):  # the app folds it when it closes
        pass
    assert not journal_path(book).exists() and book.read_bytes() != before
    assert (names(book)[3], names(book)[4]) == ("Kept Ltd", "Kept Too")


def test_a_file_replaced_under_a_sessions_journal_opens_as_replaced(book: Path) -> None:
    """Another program puts its own version in place while this session's changes are in the
    journal alone: they go to the recovery file, and the journal with them, so the file opens
    as the other program left it, and nothing is lost."""
    first_name = names(book)[3]
    repository = Repository(book)
    try:
        renamed(repository, 3, "Ours")
        theirs = json.loads(book.read_text())
        theirs["clients"]["5"]["name"] = "Theirs"
        replacement = book.with_name("theirs.json")
        replacement.write_text(json.dumps(theirs))
        os.replace(replacement, book)
        with pytest.raises(DataFileChanged) as refused:
            renamed(repository, 4, "Ours too")
    finally:
        with pytest.raises(DataFileChanged):
            repository.close()
    recovery = refused.value.recovery
    assert recovery is not None and not journal_path(book).exists()
    assert (names(book)[3], names(book)[5]) == (first_name, "Theirs")
    kept = json.loads(recovery.read_text())["clients"]
    assert (kept["3"]["name"], kept["4"]["name"]) == ("Ours", "Ours too")


def index_day():
    from storage.clock import today

    return today()


KILLED_AFTER_SAVING = """
import os, sys
from dataclasses import replace
from storage.persistence.repository import Repository
repository = Repository(sys.argv[1], background=True)
for number in range(1, 6):
    client = repository.client(number)
    repository.save_client(replace(client, name=f"Killed {number}"))
repository.flush()
print("saved", flush=True)
os.kill(os.getpid(), 9)
"""


def kill_after_saving(path: Path) -> None:
    """A real Sendoff process that saves five changes, then is killed before it can fold."""
    done = subprocess.run([sys.executable, "-c", KILLED_AFTER_SAVING, str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL and done.stdout == "saved\n", done.stderr


def test_a_killed_app_loses_no_change_that_was_saved(book: Path) -> None:
    before = book.read_bytes()
    kill_after_saving(book)
    assert book.read_bytes() == before and journal_path(book).exists()
    assert [names(book)[number] for number in range(1, 6)] == [
        f"Killed {number}" for number in range(1, 6)]
    with Repository(book) as repository:  # the next session, and its end
        renamed(repository, 6, "Sixth")
    assert not journal_path(book).exists()
    assert [names(book)[number] for number in range(1, 7)] == [
        *(f"Killed {number}" for number in range(1, 6)), "Sixth"]


@pytest.mark.parametrize("tail", [b"5f3a", b"0123456789abcdef {\"base\": \"x\"", b"garbage\n"])
def test_a_record_cut_short_by_a_kill_ends_the_journal_and_is_cut_at_the_next_save(
        book: Path, tail: bytes) -> None:
    kill_after_saving(book)
    journal = journal_path(book)
    whole = journal.read_bytes()
    journal.write_bytes(whole + tail)
    assert names(book)[5] == "Killed 5", "the whole records before it are read"
    repository = Repository(book, background=True)
    try:
        renamed(repository, 7, "Seventh")
        repository.flush()
        assert journal.read_bytes().startswith(whole) and tail not in journal.read_bytes()
        assert names(book)[7] == "Seventh"
    finally:
        repository.close()
    assert names(book)[5] == "Killed 5" and names(book)[7] == "Seventh"


def test_a_journal_already_folded_is_spent_not_replayed(book: Path) -> None:
    """As a kill between putting the folded file in place and removing the journal leaves it."""
    old = digest_of(book.read_bytes())
    with Repository(book) as repository:
        renamed(repository, 2, "Folded")
    folded = digest_of(book.read_bytes())
    journal_path(book).write_bytes(
        record_line({"base": old, "put": {"clients": {"2": {"name": "Stale"}}}, "drop": {}})
        + record_line({"base": old, "folded": folded}))
    assert read_journal(book, folded).spent
    assert names(book)[2] == "Folded"
    with Repository(book) as repository:
        renamed(repository, 4, "Fourth")
    assert names(book)[2] == "Folded" and not journal_path(book).exists()


def test_a_journal_made_for_another_file_is_never_dropped(book: Path) -> None:
    """The data file replaced by hand (a backup put back) while changes were in the journal
    alone: the file is named as damaged, and neither file is touched."""
    kill_after_saving(book)
    journal = journal_path(book)
    held = journal.read_bytes()
    with Repository(book.with_name("other.json")) as other:
        other.replace_all(demo_clients(3, seed=9))
    os.replace(book.with_name("other.json"), book)
    replaced = book.read_bytes()
    for attempt in (lambda: Repository(book), lambda: Repository(book, writable=False)):
        with pytest.raises(DataFileDamaged) as raised:
            attempt()
        assert str(journal) in str(raised.value) and "move the journal away" in str(raised.value)
    assert journal.read_bytes() == held and book.read_bytes() == replaced


def test_a_journal_whose_data_file_is_gone_is_named_not_dropped(book: Path) -> None:
    kill_after_saving(book)
    held = journal_path(book).read_bytes()
    book.unlink()
    with pytest.raises(DataFileDamaged) as raised:
        Repository(book)
    assert str(journal_path(book)) in str(raised.value)
    assert journal_path(book).read_bytes() == held and not book.exists()


def test_the_journal_is_folded_into_the_file_once_it_grows(book: Path) -> None:
    repository = Repository(book, background=True)
    journal = journal_path(book)
    try:
        sizes, folded = [], 0
        for number in range(150):
            before = book.stat().st_ino
            renamed(repository, number % 30 + 1, f"Name {number} " + "x" * 2000)
            repository.flush()
            folded += book.stat().st_ino != before
            sizes.append(journal.stat().st_size if journal.exists() else 0)
        assert folded >= 1, "the journal grew past its share and was folded"
        assert max(sizes) <= JOURNAL_LEAST, "never longer than its share"
        assert names(book)[30] == "Name 149 " + "x" * 2000
    finally:
        repository.close()


SAVING_FOR_A_WHILE = """
import sys
from dataclasses import replace
from storage.persistence.repository import Repository
repository = Repository(sys.argv[1], background=True)
print("open", flush=True)
for number in range(300):  # the journal is folded every seventy or so
    client = repository.client(number % 30 + 1)
    repository.save_client(replace(client, name=f"Round {number}"))
    repository.flush()
repository.close()
"""


def test_a_reader_while_the_app_saves_never_fails_and_sees_whole_changes(book: Path) -> None:
    """`sendoff due` or `check` in another terminal while the app saves: each read is a state
    the app saved (a record being appended is not read yet), never an error."""
    writer = subprocess.Popen([sys.executable, "-c", SAVING_FOR_A_WHILE, str(book)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline() == "open\n"
        reads = 0
        while writer.poll() is None and reads < 400:
            shown = names(book)
            assert len(shown) == 30 and all(name for name in shown.values())
            reads += 1
    finally:
        writer.wait(timeout=60)
    assert writer.returncode == 0 and reads > 0
    assert names(book)[30] == "Round 299" and not journal_path(book).exists()


SAVING_UNTIL_KILLED = """
import sys
from dataclasses import replace
from storage.persistence.repository import Repository
repository = Repository(sys.argv[1], background=sys.argv[3] == "app")
start = int(sys.argv[2])
for number in range(start, start + 100_000):
    client = repository.client(number % 30 + 1)
    repository.save_client(replace(client, name=f"Round {number}"))
    repository.flush()
    print(number, flush=True)
"""


@pytest.mark.parametrize(("mode", "delay"), [
    *(("app", delay) for delay in (0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 0.8)),
    *(("script", delay) for delay in (0.05, 0.2, 0.45, 0.8))])
def test_a_kill_at_any_moment_keeps_every_change_that_was_saved(book: Path, mode: str,
                                                               delay: float) -> None:
    """A real Sendoff saving as fast as it can (hundreds of changes a second, the journal folded
    every seventy or so), in the app's writer thread or as a script saving in its own thread,
    killed at several moments: the file opens, and every change it said was saved is there (or
    a later one of the same client)."""
    import time

    saver = subprocess.Popen([sys.executable, "-c", SAVING_UNTIL_KILLED, str(book), "0", mode],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True)
    time.sleep(delay + 0.5)  # it opens the file first
    saver.kill()
    said = [int(line) for line in saver.stdout.read().split()]
    saver.wait(timeout=30)
    stored = names(book)
    for number in said[-30:]:  # the last change said saved of each client it reached
        client = number % 30 + 1
        kept = int(stored[client].removeprefix("Round "))
        assert kept >= number and kept % 30 == number % 30, (client, stored[client], number)
    with Repository(book) as repository:  # the next session opens it and folds it
        renamed(repository, 1, "After")
    assert not journal_path(book).exists() and names(book)[1] == "After"


def test_every_command_reads_the_journal(book: Path, tmp_path: Path) -> None:
    """What a killed app left in the journal alone, `check`, `export-ics` and `due` read too."""
    kill_after_saving(book)

    def sendoff(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "tui", *args, "--db", str(book)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "OK, 30 clients" in sendoff("check")
    calendar = tmp_path / "out.ics"
    sendoff("export-ics", "-o", str(calendar))
    ics = calendar.read_text(encoding="utf-8")
    due = json.loads(sendoff("due", "--json", "--within", "3650"))
    with Repository(book, writable=False) as repository:
        renamed_with_follow_ups = [client.name for client in repository.clients()
                                   if client.name.startswith("Killed") and client.follow_ups]
    assert renamed_with_follow_ups, "some renamed client has follow-ups"
    for name in renamed_with_follow_ups:
        assert f"SUMMARY:{name} —" in ics
        assert name in {item["client"] for item in due}


async def test_the_app_says_how_to_open_a_file_whose_journal_does_not_fit(book: Path) -> None:
    """The screen's advice fits the problem: move the journal away and keep it, not "repair
    the file in a text editor"."""
    from tui.app import SendoffApp

    kill_after_saving(book)
    held = journal_path(book).read_bytes()
    with Repository(book.with_name("other.json")) as other:
        other.replace_all(demo_clients(3, seed=9))
    os.replace(book.with_name("other.json"), book)
    app = SendoffApp(book)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = " ".join(" ".join(str(widget.render()).split()) for widget in
                         app.screen.query("Static"))
        assert "This data file's journal does not fit it" in shown
        assert f"move {journal_path(book)} out of its folder and keep it" in shown
        assert "text editor" not in shown
    assert journal_path(book).read_bytes() == held
