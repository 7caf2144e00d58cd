"""Measure Sendoff against its performance goals, each as a ratio to a reference measured in the
same run, so the verdicts hold on any machine; at several sizes of client book, so that how each
cost grows with the book shows (issue 13: a change should cost what it changes).

    python tests/bench/run.py [--sizes 100,1000] [--large] [--runs 9] [--presses 40]
                              [--out tests/bench/RESULTS.md]

``--large`` adds 10,000 clients (a 137 MB file: minutes). A script, not a test: it prints and
writes a Markdown report and asserts nothing about speed. Every child process runs headless with
SENDOFF_TODAY pinned, on a demo file built once per size.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import datetime
import importlib.metadata
import json
import math
import os
import platform
import queue
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, NamedTuple, Self

REPO = Path(__file__).resolve().parents[2]
PINNED_TODAY = "2026-03-15"
SIZE = (100, 30)
CHILD_TIMEOUT = 120  # seconds: a hang guard for child processes, not a measurement
WARM_UP = 1  # start-ups and key presses run once, uncounted, before the measured ones

STARTUP_GOAL = 1.4
SETTLED_GOAL = 1.5  # at up to 1,000 clients; 2x at 10,000
SETTLED_GOAL_LARGE = 2.0
LARGE = 10_000
FRAME_MS = 16.0
PACE = 0.1  # seconds between key presses that do not wait for their saves
FSYNC_GOAL = 1.3
DUE_GOAL = 2.5
DUE_LATER_GOAL = 3.0
LATER_DAYS = (0, 60, 365)  # `due` on the day the data was written, and so many days later
CHECK_GOAL = 2.0
EXPORT_GOAL = 3.0
CAPTURE_GOAL = 3.0  # times `python -c pass`, plus one durable append (the fsync floor)
MEMORY_GOAL_MB = 150.0  # up to 1,000 clients
MEMORY_SHARE = 3  # at 10,000: times the data file's size
GROWTH_GOAL = 1.5  # key press to durable at the largest size, against the smallest
NAVIGATION_GOAL = 3.0
NAVIGATED = 8  # clients opened, each then walked through its five steps


class Row(NamedTuple):
    """One line of the results table: what Sendoff did, what it is compared with, the verdict."""

    measure: str
    measured: str
    reference: str
    value: str  # the ratio, or the value compared with an absolute goal
    goal: str
    met: bool


# -- small helpers --------------------------------------------------------------------------

def percentile(values: list[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks (like numpy's default)."""
    ordered = sorted(values)
    rank = (len(ordered) - 1) * fraction
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ms(seconds: float) -> str:
    value = seconds * 1000
    if value >= 100:
        return f"{value:.0f} ms"
    return f"{value:.1f} ms" if value >= 1 else f"{value:.2f} ms"


def child_env(tmp: Path) -> dict[str, str]:
    """The environment of every child: pinned date, this checkout importable, no real data."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"SENDOFF_DB", "TEXTUAL"}}
    env["SENDOFF_TODAY"] = PINNED_TODAY
    env["XDG_DATA_HOME"] = str(tmp / "xdg-data")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def run_child(args: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.CompletedProcess:
    result = subprocess.run(args, check=False, env=env, cwd=REPO, timeout=CHILD_TIMEOUT,
                            capture_output=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{args[1:4]} failed ({result.returncode}):\n{result.stderr.decode()}")
    return result


def compile_bytecode(env: dict[str, str]) -> None:
    """Byte-compile the checkout, as `pip install` does: otherwise, where PYTHONDONTWRITEBYTECODE
    is set, every start-up would also time compiling Sendoff's own modules."""
    run_child([sys.executable, "-m", "compileall", "-q", "storage", "tui"], env)


def build_demo(tmp: Path, clients: int, env: dict[str, str]) -> Path:
    db = tmp / "data" / "sendoff.json"
    run_child([sys.executable, "-m", "tui", "demo", "--clients", str(clients), "--seed", "1",
               "--db", str(db)], env)
    return db


# -- start-up and memory: from process start to the first ready frame -----------------------

# The same harness for both apps: the screen posts Ready from `call_after_refresh` in its
# on_mount (as DashboardScreen does); the app writes "ready <max RSS kB>", then, once its workers
# are done (the dashboard adds most rows from one) and its data file is open (Sendoff opens it
# behind the dashboard), "settled <max RSS kB> <longest wait in µs>", and exits. The longest
# wait is the longest the event loop went without turning meanwhile: how long a key pressed
# then could have waited. The handler is set on the app class rather than in a subclass:
# Textual finds CSS_PATH beside the file of the app's class, and a class defined in
# `python -c` has no file.
_STARTUP_HARNESS = """
import asyncio, os, resource, time
{imports}
def max_rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
async def turns(longest):
    last = time.perf_counter()
    while True:
        await asyncio.sleep(0.001)
        now = time.perf_counter()
        longest[0], last = max(longest[0], now - last), now
async def settle(app):
    longest = [0.0]
    probe = asyncio.get_running_loop().create_task(turns(longest))
    try:
        await asyncio.wait_for(app.workers.wait_for_complete(), 30)
        await asyncio.to_thread(lambda: getattr(app, "repo", None))  # the file opened behind
    except asyncio.TimeoutError:
        pass
    probe.cancel()
    os.write(1, b"settled %d %d\\n" % (max_rss(), longest[0] * 1e6))
    app.exit()
def ready(self, message):
    os.write(1, b"ready %d\\n" % max_rss())
    self.settling = asyncio.get_running_loop().create_task(settle(self))
{base}.{handler} = ready
{base}({arguments}).run(headless=True, size={size})
"""

_BARE_APP = """from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header
class BareScreen(Screen):
    class Ready(Message):
        pass
    def compose(self):
        yield Header()
        yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.post_message, self.Ready())
class BareApp(App):
    def get_default_screen(self):
        return BareScreen()"""


def startup_code(app: str, db: Path) -> str:
    """The child program that starts ``app`` ("sendoff" or "bare") and says when it is ready."""
    if app == "sendoff":
        return _STARTUP_HARNESS.format(imports="from tui.app import SendoffApp", base="SendoffApp",
                                       handler="on_dashboard_screen_ready",
                                       arguments=repr(str(db)), size=SIZE)
    return _STARTUP_HARNESS.format(imports=_BARE_APP, base="BareApp",
                                   handler="on_bare_screen_ready", arguments="", size=SIZE)


class StartUp(NamedTuple):
    seconds: float
    rss_at_ready_mb: float
    rss_settled_mb: float
    settled_seconds: float  # until every row was listed and the data file open
    longest_wait: float  # the event loop's longest wait between ready and settled, in seconds


def time_startup(code: str, env: dict[str, str]) -> StartUp:
    """Wall time from Popen to the child saying it is ready; the rest of its life is not timed."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=REPO,
                                 stdout=subprocess.PIPE, stderr=errors)
        watchdog = threading.Timer(CHILD_TIMEOUT, child.kill)
        watchdog.start()
        try:
            ready = child.stdout.readline()
            elapsed = time.perf_counter() - start
            settled = child.stdout.readline()
            settled_after = time.perf_counter() - start
            child.stdout.close()
            child.wait()
        finally:
            watchdog.cancel()
        if not (ready.startswith(b"ready ") and settled.startswith(b"settled ")):
            errors.seek(0)
            raise RuntimeError(f"start-up child never got ready:\n{errors.read().decode()}")
    return StartUp(elapsed, int(ready.split()[1]) / 1024, int(settled.split()[1]) / 1024,
                   settled_after, int(settled.split()[2]) / 1e6)


def measure_startups(db: Path, runs: int, env: dict[str, str]) -> dict[str, list[StartUp]]:
    """Sendoff and the bare app, interleaved so drift on a shared machine hits both alike."""
    codes = {app: startup_code(app, db) for app in ("sendoff", "bare")}
    samples: dict[str, list[StartUp]] = {name: [] for name in codes}
    for run in range(WARM_UP + runs):
        for name, code in codes.items():
            sample = time_startup(code, env)
            if run >= WARM_UP:
                samples[name].append(sample)
    return samples


def startup_row(samples: dict[str, list[StartUp]]) -> Row:
    sendoff = statistics.median(s.seconds for s in samples["sendoff"])
    bare = statistics.median(s.seconds for s in samples["bare"])
    ratio = sendoff / bare
    return Row("`sendoff` start to dashboard drawn, the data file still opening (median)",
               ms(sendoff),
               f"{ms(bare)} (bare App: Header + Footer)", f"{ratio:.2f}x",
               f"<= {STARTUP_GOAL}x", ratio <= STARTUP_GOAL)


def settled_row(samples: dict[str, list[StartUp]], clients: int) -> Row:
    sendoff = statistics.median(s.settled_seconds for s in samples["sendoff"])
    bare = statistics.median(s.settled_seconds for s in samples["bare"])
    ratio = sendoff / bare
    goal = SETTLED_GOAL_LARGE if clients >= LARGE else SETTLED_GOAL
    return Row("`sendoff` start to settled: the data file open, every key works (median)",
               ms(sendoff), f"{ms(bare)} (bare App, its workers done)", f"{ratio:.2f}x",
               f"<= {goal}x", ratio <= goal)


def memory_row(samples: dict[str, list[StartUp]], clients: int, megabytes: float) -> Row:
    """At most MEMORY_GOAL_MB, or at the large book MEMORY_SHARE times the data file."""
    at_ready = max(s.rss_at_ready_mb for s in samples["sendoff"])
    settled = max(s.rss_settled_mb for s in samples["sendoff"])
    bare = max(s.rss_settled_mb for s in samples["bare"])
    if clients >= LARGE:
        goal, limit = f"<= {MEMORY_SHARE}x the file ({megabytes:.0f} MB)", MEMORY_SHARE * megabytes
    else:
        goal, limit = f"<= {MEMORY_GOAL_MB:.0f} MB", MEMORY_GOAL_MB
    return Row("resident memory of the app, every row loaded (max RSS)",
               f"{settled:.0f} MB ({at_ready:.0f} MB at ready)",
               f"{bare:.0f} MB (bare App, for information)", f"{settled:.0f} MB", goal,
               settled <= limit)


# -- key presses: to the screen and to the disk, in one app session (a child process) -------

def signature(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class DiskWatch:
    """A thread that only stats the data file and its journal, and only while armed, to see a
    save land."""

    def __init__(self, path: Path) -> None:
        self.paths = (path, path.with_name(f"{path.name}.journal"))
        self.changed_at: float | None = None
        self._before: list[tuple[int, int, int] | None] = []
        self._armed = threading.Event()
        self._stopped = False
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def arm(self) -> None:
        self.changed_at = None
        self._before = [signature(path) for path in self.paths]
        self._armed.set()

    def stop(self) -> None:
        self._stopped = True
        self._armed.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stopped:
            if not self._armed.wait(0.1):
                continue
            if [signature(path) for path in self.paths] != self._before:
                self.changed_at = time.perf_counter()
                self._armed.clear()
            else:
                time.sleep(0.0005)


# What Textual writes to a terminal: a cursor move to a row and column (each line of a frame starts
# with one), any other control sequence (styles, links, modes), a line break, or a run of text.
_TERMINAL = re.compile(r"\x1b\[(\d+);(\d+)H|\x1b\[[0-9;?<=>]*[ -/]*[@-~]"
                       r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\r\n]|([^\x1b\r\n]+)")


def _line_text(frame: str, y: int, x_range: range) -> str | None:
    """The text ``frame`` (as written to the terminal) puts on line ``y`` within ``x_range``;
    None: it leaves that line as it was."""
    from rich.cells import cell_len

    found: list[str] | None = None
    x = line = -1
    for match in _TERMINAL.finditer(frame):
        row, column, text = match.groups()
        if row:
            line, x = int(row) - 1, int(column) - 1
        elif text and line == y:
            found = [] if found is None else found
            for character in text:
                if x in x_range:
                    found.append(character)
                x += cell_len(character)
    return None if found is None else "".join(found)


def _write_behind_attributes(*objects: object) -> list[str]:
    """Attributes that look like a write-behind (a thread, executor, queue or pending flag)."""
    kinds = (threading.Thread, concurrent.futures.Executor, queue.Queue, asyncio.Task)
    words = ("behind", "pending", "flush", "dirty", "queue", "executor", "thread", "writer")
    found = []
    for obj in objects:
        for name, value in vars(obj).items():
            if isinstance(value, kinds) or any(word in name.lower() for word in words):
                found.append(f"{type(obj).__name__}.{name} ({type(value).__name__})")
    return found


class DiskEvents:
    """``os.fsync``, ``os.replace`` and the storage's atomic swap (`replace_file.exchange`)
    wrapped, to see which thread makes a save durable, and when, whatever the storage code calls
    its methods. A swap counts as a replace."""

    def __init__(self, data_file: Path) -> None:
        from storage.persistence import filestore

        self.data_file = os.fspath(data_file)
        self.journal = f"{self.data_file}.journal"
        self.events: list[tuple[str, int, str, float, float]] = []  # kind, thread, name, start, end
        self._filestore = filestore
        self._originals = (os.fsync, os.replace, filestore.exchange)

    def __enter__(self) -> Self:
        fsync, replace, exchange = self._originals

        def timed(kind: str, call: Any) -> Any:
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                start = time.perf_counter()
                try:
                    return call(*args, **kwargs)
                finally:
                    ended = time.perf_counter()
                    target = args[1] if len(args) > 1 else kwargs.get("dst")
                    found = "journal" if kind == "fsync" and self._is_journal(args[0]) else kind
                    if kind == "fsync" or self._is_data_file(target):
                        thread = threading.current_thread()
                        self.events.append((found, thread.ident, thread.name, start, ended))
            return wrapper

        os.fsync, os.replace = timed("fsync", fsync), timed("replace", replace)
        self._filestore.exchange = timed("replace", exchange)
        return self

    def __exit__(self, *exc_info: object) -> None:
        os.fsync, os.replace, self._filestore.exchange = self._originals

    def _is_journal(self, fd: Any) -> bool:
        """Whether the file descriptor ``fd`` is the journal's (Linux names it in /proc)."""
        try:
            return os.readlink(f"/proc/self/fd/{fd}") == self.journal
        except (OSError, TypeError):
            return False

    def _is_data_file(self, target: Any) -> bool:
        try:
            return os.fspath(target) == self.data_file
        except TypeError:
            return False

    def durable_after(self, start: float) -> tuple[float, bool] | None:
        """When the first save after ``start`` was durable: its journal record fsync'd, or the
        data file replaced, then the folder fsync'd by the same thread; the flag says whether
        that fsync was seen."""
        events = list(self.events)
        for kind, thread, _, begun, ended in events:
            if kind == "journal" and begun >= start:
                return ended, True
            if kind == "replace" and begun >= start:
                folder_syncs = [e for k, t, _, b, e in events
                                if k == "fsync" and t == thread and b >= ended]
                return (min(folder_syncs), True) if folder_syncs else (ended, False)
        return None

    def settled(self, start: float, changed_at: float | None) -> bool:
        """A save after ``start`` is durable, or as durable as it gets: its folder fsync, or a
        change seen on disk without a replace (in place), is a second overdue."""
        found = self.durable_after(start)
        if found is not None and found[1]:
            return True
        seen = found[0] if found is not None else changed_at
        return seen is not None and time.perf_counter() - seen > 1.0

    def on_thread(self, thread: int, start: float, end: float | None) -> float:
        """Seconds that ``thread`` spent in fsync and replace between ``start`` and ``end``."""
        end = math.inf if end is None else end
        return sum(e - b for _, t, _, b, e in list(self.events)
                   if t == thread and start <= b and e <= end)

    def replacements(self, since: float) -> list[str]:
        """The name of the thread of each save since ``since``: a journal record fsync'd, or
        the data file replaced."""
        return [name for kind, _, name, begun, _ in list(self.events)
                if kind in ("replace", "journal") and begun >= since]


async def _open_work_list(pilot: Any) -> Any:
    """Step 2 of the first client (in dashboard order) that has outstanding work listed."""
    from tui.widgets.checklist import Checklist

    for _ in range(50):
        await pilot.press("2")
        checklist = pilot.app.screen.query_one("#work", Checklist)
        if checklist.keys:
            checklist.focus()
            checklist.move_cursor(0)
            await pilot.pause()
            return checklist
        await pilot.press("escape", "down")
    raise RuntimeError("no client with outstanding work among the first 50")


def _tick_line(app: Any, checklist: Any) -> tuple[int, range]:
    """The screen line and columns of the checklist's first item, checked against the screen:
    the checklist is there, and its line there shows the item."""
    line = 1 - round(checklist.scroll_y)  # below the header
    y = checklist.content_region.y + line
    title = checklist.cells(checklist.keys[0])[1].plain[:12]
    there, _ = app.screen.get_widget_at(checklist.content_region.x, y)
    shown = checklist.render_line(line).text
    if there is not checklist or title not in shown:
        raise RuntimeError(f"line {y} of the screen is {shown!r} of {there!r}, not {title!r}")
    return y, range(checklist.region.x, checklist.region.right)


class ScreenWatch:
    """Reads what the app writes to its terminal, to note the first frame whose line for the
    item carries the expected tick, and when it was written.

    Its ``driver_class`` (App's public setting) is Textual's headless driver saying it is not
    headless: Textual then writes every frame to it as to a terminal, and nothing else changes.
    tests/test_bench_smoke.py checks that the frames do come through it.
    """

    def __init__(self) -> None:
        self.line, self.columns = -1, range(0)
        self.old = self.expected = ""
        self.shown_at: float | None = None
        self.app: Any = None
        self.leaving: Any = None  # the screen a navigation leaves
        self.arrived_at: float | None = None  # the first frame of the screen after it
        self.last_at: float | None = None  # and its last, so far

    @property
    def driver_class(self) -> type:
        from textual.drivers.headless_driver import HeadlessDriver

        watch = self

        class Terminal(HeadlessDriver):
            @property
            def is_headless(self) -> bool:
                return False  # else Textual composes frames but writes none

            def write(self, data: str) -> None:
                watch.written(data, time.perf_counter())

        return Terminal

    def watch(self, line: int, columns: range) -> None:
        self.line, self.columns = line, columns

    def leave(self, app: Any) -> None:
        """Note the first frame written once ``app``'s screen is no longer the current one."""
        self.app, self.leaving = app, app.screen
        self.arrived_at = self.last_at = None

    def written(self, frame: str, arrived: float) -> None:
        if self.leaving is not None and self.app.screen is not self.leaving:
            self.arrived_at = self.arrived_at or arrived
            self.last_at = arrived
        if self.shown_at is None and self.expected:
            text = _line_text(frame, self.line, self.columns)
            if text and self.expected in text and self.old not in text:
                self.shown_at = arrived

    def expect(self, old: str) -> None:
        self.old, self.expected, self.shown_at = old, "☐" if old == "☑" else "☑", None


class StorageCalls:
    """Time the UI thread spends inside ``SafeJSONStorage.write``, whatever it does there."""

    def __init__(self) -> None:
        from storage.persistence.filestore import SafeJSONStorage

        self.storage_class = SafeJSONStorage
        self.calls: list[tuple[float, float]] = []
        self._write = SafeJSONStorage.write
        self._ui_thread = threading.get_ident()

    def __enter__(self) -> Self:
        write = self._write

        def timed_write(storage: Any, data: Any) -> None:
            start = time.perf_counter()
            try:
                write(storage, data)
            finally:
                if threading.get_ident() == self._ui_thread:
                    self.calls.append((start, time.perf_counter()))

        self.storage_class.write = timed_write
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.storage_class.write = self._write

    def seconds(self, start: float, end: float | None) -> float:
        end = math.inf if end is None else end
        return sum(e - b for b, e in self.calls if start <= b and e <= end)


async def _press_and_wait(pilot: Any, screen: ScreenWatch, disk: DiskWatch,
                          events: DiskEvents) -> tuple[float, float | None, float | None,
                                                       float | None]:
    """One press of space: (start, shown, seen on disk by stat, durable), once all happened."""
    checklist = pilot.app.screen.focused
    screen.expect(checklist.cells(checklist.current_key)[0].plain)
    disk.arm()
    start = time.perf_counter()
    await pilot.press("space")
    deadline = start + 20
    while (screen.shown_at is None or disk.changed_at is None
           or not events.settled(start, disk.changed_at)) and time.perf_counter() < deadline:
        await asyncio.sleep(0.001)
    durable = events.durable_after(start)
    return start, screen.shown_at, disk.changed_at, durable[0] if durable else None


async def _press_paced(pilot: Any, screen: ScreenWatch) -> float | None:
    """One press of space PACE after the one before, its save not waited for (so saves run as
    keys come): the time to the frame that shows it."""
    checklist = pilot.app.screen.focused
    screen.expect(checklist.cells(checklist.current_key)[0].plain)
    start = time.perf_counter()
    await pilot.press("space")
    while screen.shown_at is None and time.perf_counter() < start + 5:
        await asyncio.sleep(0.001)
    shown = screen.shown_at
    await asyncio.sleep(max(0.0, start + PACE - time.perf_counter()))
    return None if shown is None else shown - start


async def _frame_of_next_screen(pilot: Any, screen: ScreenWatch, start: float) -> float:
    """From ``start`` to the last frame written of the screen that follows the current one
    before the app is idle: the new screen whole, its layout and its contents settled (its
    first frame comes within a few milliseconds, but before its widgets are styled and drawn).
    ``screen.leave`` was called before ``start``."""
    deadline = start + 20
    while screen.arrived_at is None and time.perf_counter() < deadline:
        await asyncio.sleep(0.001)
    if screen.arrived_at is None:
        raise RuntimeError(f"no frame of a new screen after {type(screen.leaving).__name__}")
    await pilot.pause()
    return screen.last_at - start


async def navigation_samples(pilot: Any, screen: ScreenWatch,
                             clients: int) -> dict[str, list[float]]:
    """``enter`` on each of the first ``clients`` rows of the dashboard (the client's overview),
    then each step key in turn (every one opens a new screen), each timed to the last frame of the new screen
    written to the terminal before the app is idle; and, as the reference, a bare Screen with
    Header and Footer pushed and timed the same way."""
    from textual.screen import Screen
    from textual.widgets import Footer, Header

    class Bare(Screen):
        def compose(self) -> Any:
            yield Header()
            yield Footer()

    app, moves, bare = pilot.app, [], []
    for row in range(WARM_UP + clients):
        taken = []
        for key in ("enter", "1", "2", "3", "4", "5"):
            screen.leave(app)
            start = time.perf_counter()
            await pilot.press(key)
            taken.append(await _frame_of_next_screen(pilot, screen, start))
        screen.leave(app)
        start = time.perf_counter()
        app.push_screen(Bare())
        pushed = await _frame_of_next_screen(pilot, screen, start)
        app.pop_screen()
        await pilot.press("escape", "escape", "down")  # the step, then the overview
        await pilot.pause()
        if row >= WARM_UP:
            moves += taken
            bare.append(pushed)
    screen.leaving = None
    return {"moves": moves, "bare": bare}


async def keypress_session(db: Path, presses: int) -> dict[str, Any]:
    """Press space on step 2's work list and time, for each press, the frame that shows the
    new tick and the moment the change is durable on disk."""
    sys.path.insert(0, str(REPO))
    from tinydb import TinyDB

    from tui.app import SendoffApp

    ui_thread = threading.get_ident()
    samples = []
    app, screen = SendoffApp(db), ScreenWatch()
    app.driver_class = screen.driver_class
    with DiskEvents(db) as events, StorageCalls() as storage_calls:
        async with app.run_test(headless=False, size=SIZE) as pilot:
            checklist = await _open_work_list(pilot)
            screen.watch(*_tick_line(app, checklist))
            disk = DiskWatch(db)
            try:
                for press in range(WARM_UP + presses):
                    sample = await _press_and_wait(pilot, screen, disk, events)
                    if press >= WARM_UP:
                        samples.append(sample)
                    await pilot.pause()
                    await asyncio.sleep(0.02)  # a quick typist's pace; presses never overlap
            finally:
                disk.stop()
            paced = [await _press_paced(pilot, screen) for _ in range(WARM_UP + presses)]
            await pilot.press("escape")  # from step 2 back to the clients
            await pilot.pause()
            navigation = await navigation_samples(pilot, screen, min(NAVIGATED, presses))
            storage = [value.storage for value in vars(app.repo).values()
                       if isinstance(value, TinyDB)]
            suspects = _write_behind_attributes(app.repo, *storage)

    def elapsed(start: float, end: float | None) -> float | None:
        return None if end is None else end - start

    first = samples[0][0] if samples else math.inf
    return {
        "presses": [
            {"to_screen": elapsed(start, shown),
             "to_disk": elapsed(start, durable if durable is not None else seen),
             "to_disk_stat": elapsed(start, seen),
             "ui_storage_call": storage_calls.seconds(start, shown),
             "ui_disk_io": events.on_thread(ui_thread, start, shown)}
            for start, shown, seen, durable in samples
        ],
        "paced_to_screen": paced[WARM_UP:],
        "navigation": navigation,
        "replaced_by": events.replacements(first),
        "ui_thread_name": threading.main_thread().name,
        "write_behind_attributes": suspects,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_keypress_session(db: Path, presses: int, tmp: Path, env: dict[str, str]) -> dict[str, Any]:
    out = tmp / "keypress.json"
    run_child([sys.executable, str(Path(__file__).resolve()), "--keypress-session", str(db),
               "--session-out", str(out), "--presses", str(presses)], env)
    return json.loads(out.read_text())


def _times(session: dict[str, Any], key: str) -> list[float]:
    values = [press[key] for press in session["presses"]]
    if None in values:
        raise RuntimeError(f"{values.count(None)} presses never reached {key.replace('_', ' ')}")
    return values


def navigation_row(session: dict[str, Any]) -> Row:
    moves, bare = session["navigation"]["moves"], session["navigation"]["bare"]
    p95, reference = percentile(moves, 0.95), percentile(bare, 0.95)
    ratio = p95 / reference
    return Row("`enter` on a client, then every step key, to the new screen's last frame before "
               f"the app is idle ({len(moves)} moves, p95)", f"p50 {ms(statistics.median(moves))}, p95 {ms(p95)}",
               f"{ms(reference)} (a bare Screen with Header and Footer pushed, p95)",
               f"{ratio:.2f}x", f"<= {NAVIGATION_GOAL}x", ratio <= NAVIGATION_GOAL)


def paced_to_screen_row(session: dict[str, Any]) -> Row:
    shown = session["paced_to_screen"]
    if None in shown:
        raise RuntimeError(f"{shown.count(None)} paced presses never reached the screen")
    p50, p95 = statistics.median(shown), percentile(shown, 0.95)
    return Row(f"key press to the screen, a press every {PACE * 1000:.0f} ms while saves run "
               "(p95)", f"p50 {ms(p50)}, p95 {ms(p95)}, max {ms(max(shown))}",
               f"one frame ({FRAME_MS:.0f} ms)", ms(p95), f"<= {FRAME_MS:.0f} ms",
               p95 * 1000 <= FRAME_MS)


def key_to_screen_row(session: dict[str, Any]) -> Row:
    shown = _times(session, "to_screen")
    p50, p95 = statistics.median(shown), percentile(shown, 0.95)
    disk_io = statistics.median(press["ui_disk_io"] for press in session["presses"])
    return Row("key press to the screen showing the change, no save running (p95)",
               f"p50 {ms(p50)}, p95 {ms(p95)} (UI thread in fsync/replace: {ms(disk_io)} p50)",
               f"one frame ({FRAME_MS:.0f} ms)", ms(p95), f"<= {FRAME_MS:.0f} ms",
               p95 * 1000 <= FRAME_MS)


def measure_fsync_floor(db: Path, repeats: int) -> tuple[float, str]:
    """Median time to put durably on disk the bytes a change to one client needs: a client's
    document (client #1, as large as the one ticked, give or take), serialised, appended to a
    file in the same folder, fsync'd. Client #1 is read from its own line of the file: this
    process, which starts every child, never holds a whole book, so that no child's max RSS
    (which counts the memory it was forked with) includes it."""
    import orjson

    with open(db, "rb") as file:  # the clients' "1", not the schema's record of the meta table
        lines = iter(file)
        next(line for line in lines if line.startswith(b'},"clients":{'))
        line = next(line for line in lines if line.startswith(b'"1":'))
    client = orjson.loads(line.removeprefix(b'"1":').rstrip(b",\n"))
    target = db.with_name("floor.bin")
    timings = []
    for _ in range(WARM_UP + repeats):
        start = time.perf_counter()
        payload = orjson.dumps(client)
        with open(target, "ab") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        timings.append(time.perf_counter() - start)
    target.unlink()
    how = (f"client #1's document ({len(orjson.dumps(client)) / 1e3:.1f} kB) serialised, "
           "appended to a file beside the data file and fsync'd")
    return statistics.median(timings[WARM_UP:]), how


def key_to_disk_row(session: dict[str, Any], floor: float) -> Row:
    on_disk = statistics.median(_times(session, "to_disk"))
    ratio = on_disk / floor
    return Row("key press to the change durable on disk (p50)", ms(on_disk),
               f"{ms(floor)} (a client's document, appended and fsync'd)",
               f"{ratio:.2f}x", f"<= {FSYNC_GOAL}x", ratio <= FSYNC_GOAL)


# A script through the public API that changes one client, timed inside its process from just
# before the file is opened to just after it is closed (the imports, the same at every size, are
# not timed). It leaves its change in the journal, as `keep_journal` offers a script.
_ONE_CHANGE_SCRIPT = """
import sys, time
from storage.persistence.repository import Repository
start = time.perf_counter()
with Repository(sys.argv[1], keep_journal=True) as repository:
    client = repository.client(1)
    client.notes += "."
    repository.save_client(client, what="note")
print(time.perf_counter() - start)
"""


_FOLD = ("import sys; from storage.persistence.repository import Repository; "
         "Repository(sys.argv[1], background=True).close()")
SCRIPT_MEASURE = "a one-change script through `Repository`: open, change client #1, close (median)"


def script_row(db: Path, runs: int, env: dict[str, str]) -> Row:
    """A one-change script; its goal is against itself at the smallest book (see
    `against_smallest`), which is not known yet."""
    taken = [float(run_child([sys.executable, "-c", _ONE_CHANGE_SCRIPT, str(db)], env).stdout)
             for _ in range(WARM_UP + runs)][WARM_UP:]
    run_child([sys.executable, "-c", _FOLD, str(db)], env)  # as the app does, for what follows
    return Row(SCRIPT_MEASURE, ms(statistics.median(taken)), "", "", "", False)


def against_smallest(measured: list[Measured]) -> None:
    """Give each size's one-change script row its verdict: at most GROWTH_GOAL times its
    figure at the smallest book measured."""
    place = next(i for i, row in enumerate(measured[0].rows) if row.measure == SCRIPT_MEASURE)
    smallest = measured[0].rows[place].measured
    for one in measured:
        ratio = _seconds(one.rows[place].measured) / _seconds(smallest)
        one.rows[place] = one.rows[place]._replace(
            reference=f"{smallest} (the same, at {measured[0].clients:,} clients)",
            value=f"{ratio:.2f}x", goal=f"<= {GROWTH_GOAL}x", met=ratio <= GROWTH_GOAL)


# -- `sendoff due` --------------------------------------------------------------------------

def time_command(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    run_child(args, env)
    return time.perf_counter() - start


def imports_textual(args: list[str], env: dict[str, str]) -> bool:
    """Whether `python -X importtime` lists any textual module on this command's path."""
    report = run_child([sys.executable, "-X", "importtime", *args[1:]], env).stderr.decode()
    names = (line.rsplit("|", 1)[-1].strip() for line in report.splitlines()
             if line.startswith("import time:"))
    return any(name.split(".")[0] == "textual" for name in names)


# What the installed `sendoff` script runs (pip's console-script wrapper), without `python -m`'s
# runpy, which the script does not use.
SENDOFF_SCRIPT = "import sys; from tui.cli import main; sys.exit(main())"


def due_row(db: Path, runs: int, env: dict[str, str]) -> Row:
    due = [sys.executable, "-c", SENDOFF_SCRIPT, "due", "--within", "30", "--db", str(db)]
    floor = [sys.executable, "-c", "import tinydb, dateutil.rrule"]
    timings: dict[str, list[float]] = {"due": [], "floor": []}
    for run in range(WARM_UP + runs):
        for name, args in (("due", due), ("floor", floor)):
            elapsed = time_command(args, env)
            if run >= WARM_UP:
                timings[name].append(elapsed)
    textual = imports_textual(due, env)
    sendoff = statistics.median(timings["due"])
    reference = statistics.median(timings["floor"])
    ratio = sendoff / reference
    return Row("`sendoff due --within 30` (median)",
               f"{ms(sendoff)}; textual imported: {'yes' if textual else 'no'}",
               f"{ms(reference)} (`python -c \"import tinydb, dateutil.rrule\"`)",
               f"{ratio:.2f}x", f"<= {DUE_GOAL}x, no textual import",
               ratio <= DUE_GOAL and not textual)


def median_command(args: list[str], reference: list[str], runs: int, env: dict[str, str],
                   *, extra_env: dict[str, str] | None = None) -> tuple[float, float]:
    """The medians of ``args`` and of ``reference``, run in turn so drift hits both alike."""
    timings: dict[str, list[float]] = {"args": [], "reference": []}
    run_env = {**env, **(extra_env or {})}
    for run in range(WARM_UP + runs):
        for name, command in (("args", args), ("reference", reference)):
            elapsed = time_command(command, run_env)
            if run >= WARM_UP:
                timings[name].append(elapsed)
    return statistics.median(timings["args"]), statistics.median(timings["reference"])


def due_later_rows(db: Path, runs: int, env: dict[str, str]) -> list[Row]:
    """`sendoff due` on the day the demo was written, then as if run weeks and a year later:
    the dates stored with the follow-ups stop short, and their rules must be evaluated."""
    rows = []
    for days in LATER_DAYS:
        day = (datetime.date.fromisoformat(PINNED_TODAY) + datetime.timedelta(days=days))
        due = [sys.executable, "-c", SENDOFF_SCRIPT, "due", "--within", "30", "--db", str(db)]
        sendoff, reference = median_command(due, [sys.executable, "-c", "pass"], runs, env,
                                            extra_env={"SENDOFF_TODAY": day.isoformat()})
        ratio = sendoff / reference
        rows.append(Row(f"`sendoff due --within 30`, {days} days after the data was written "
                        "(median)", ms(sendoff), f"{ms(reference)} (`python -c pass`)",
                        f"{ratio:.2f}x", f"<= {DUE_LATER_GOAL}x", ratio <= DUE_LATER_GOAL))
    return rows


def check_row(db: Path, runs: int, env: dict[str, str]) -> Row:
    check = [sys.executable, "-c", SENDOFF_SCRIPT, "check", "--db", str(db)]
    loads = [sys.executable, "-c", f"import orjson; orjson.loads(open({str(db)!r}, 'rb').read())"]
    sendoff, reference = median_command(check, loads, runs, env)
    ratio = sendoff / reference
    return Row("`sendoff check` (median)", ms(sendoff),
               f"{ms(reference)} (a process that orjson.loads the file)", f"{ratio:.2f}x",
               f"<= {CHECK_GOAL}x", ratio <= CHECK_GOAL)


def export_row(db: Path, runs: int, env: dict[str, str]) -> Row:
    out = db.with_name("bench.ics")
    export = [sys.executable, "-c", SENDOFF_SCRIPT, "export-ics", "--db", str(db), "-o", str(out),
              "--force"]
    loads = [sys.executable, "-c", "import icalendar, orjson; "
             f"orjson.loads(open({str(db)!r}, 'rb').read())"]
    sendoff, reference = median_command(export, loads, runs, env)
    out.unlink(missing_ok=True)
    ratio = sendoff / reference
    return Row("`sendoff export-ics` (median)", ms(sendoff),
               f"{ms(reference)} (a process that imports icalendar and orjson.loads the file)",
               f"{ratio:.2f}x", f"<= {EXPORT_GOAL}x", ratio <= EXPORT_GOAL)


# -- capturing from the shell: `sendoff log` -------------------------------------------------

# Another Sendoff holding the file, as the app in another terminal does, until its stdin closes.
_HOLDER = ("import sys; from storage.persistence.lock import WriterLock; "
           "lock = WriterLock(sys.argv[1]); lock.acquire(); print('held', flush=True); "
           "sys.stdin.read()")


def capture_rows(db: Path, runs: int, env: dict[str, str], floor: float) -> list[Row]:
    """`sendoff log` with no app (checked, put in the inbox and applied at once), then while
    another Sendoff holds the file (checked and put in the inbox alone); the queued contacts are
    applied afterwards by one more, so the book is left as the first row leaves it."""
    log = [sys.executable, "-c", SENDOFF_SCRIPT, "log", "#1", "Benchmark call", "--db", str(db)]
    reference = [sys.executable, "-c", "pass"]
    rows = []
    for how in ("no app has the file open: applied at once", "an app holds the file: queued"):
        holder = None
        if how.endswith("queued"):
            holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(db)], env=env,
                                      cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      text=True)
            assert holder.stdout.readline() == "held\n"
        try:
            sendoff, plain = median_command(log, reference, runs, env)
        finally:
            if holder is not None:
                holder.communicate(timeout=CHILD_TIMEOUT)
        goal = CAPTURE_GOAL * plain + floor
        rows.append(Row(f"`sendoff log CLIENT NOTE`, {how} (median)", ms(sendoff),
                        f"{ms(plain)} (`python -c pass`), {ms(floor)} (one durable append)",
                        f"{sendoff / plain:.2f}x", f"<= {CAPTURE_GOAL}x + one durable append",
                        sendoff <= goal))
    run_child(log, env)  # applies what was queued
    return rows


# -- the report -----------------------------------------------------------------------------

def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def file_system(folder: Path) -> str:
    """The type of the file system holding ``folder`` (fsync costs differ a lot between them)."""
    best = ("", "unknown")
    with contextlib.suppress(OSError):
        for line in Path("/proc/mounts").read_text().splitlines():
            _, mount_point, kind = line.split()[:3]
            inside = folder == Path(mount_point) or Path(mount_point) in folder.parents
            if inside and len(mount_point) > len(best[0]):
                best = (mount_point, kind)
    return best[1]


def commit() -> str:
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, check=True,
                              capture_output=True, text=True).stdout.strip()
    return "unknown"


def header(sizes: list[int], folder: Path, runs: int, presses: int) -> list[str]:
    return [
        "# Sendoff benchmark (issues 5 and 13)",
        "",
        f"- Date: {datetime.datetime.now().isoformat(timespec='seconds')}",
        f"- Machine: {platform.platform()}; CPU: {cpu_model()}, {os.cpu_count()} logical CPUs",
        (f"- Python {platform.python_version()}, textual {importlib.metadata.version('textual')}, "
         f"commit {commit()} (plus any uncommitted changes)"),
        (f"- Data: demo clients (seed 1) at {', '.join(f'{size:,}' for size in sizes)}, each in a "
         f"temporary folder on {file_system(folder)}; SENDOFF_TODAY={PINNED_TODAY}"),
        (f"- Runs: {runs} per start-up and command measure (median, after {WARM_UP} warm-up); "
         f"{presses} key presses (after {WARM_UP} warm-up); terminal {SIZE[0]}x{SIZE[1]}, "
         "headless; Sendoff's modules byte-compiled first, as an install does"),
        "",
    ]


def table(rows: list[Row]) -> list[str]:
    lines = ["| measure | Sendoff | reference | ratio / value | goal | met? |",
             "|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row.measure} | {row.measured} | {row.reference} | {row.value} | "
                     f"{row.goal} | {'yes' if row.met else 'no'} |")
    return lines


def write_behind(session: dict[str, Any]) -> str:
    """Whether the app saves off the UI thread, from what the session saw rather than assumed."""
    threads = session["replaced_by"]
    off_ui = [name for name in threads if name != session["ui_thread_name"]]
    attributes = ", ".join(session["write_behind_attributes"]) or "none"
    if not threads:
        seen = "unknown: no save was made durable during the measured presses"
    elif off_ui:
        seen = (f"yes: {len(off_ui)} of {len(threads)} saves were made durable (a journal "
                f"record, or the file replaced) from thread(s) {', '.join(sorted(set(off_ui)))}, "
                "off the UI thread")
    else:
        seen = (f"no: all {len(threads)} saves were made durable from the UI thread, so the "
                "screen waits for the disk")
    return f"{seen} (attributes that look like one: {attributes})"


def notes(session: dict[str, Any], floor_how: str,
          startups: dict[str, list[StartUp]]) -> list[str]:
    presses = session["presses"]
    settled = statistics.median(s.settled_seconds for s in startups["sendoff"])
    waited = statistics.median(s.longest_wait for s in startups["sendoff"])
    stat_p50 = statistics.median(_times(session, "to_disk_stat"))
    call_p50 = statistics.median(press["ui_storage_call"] for press in presses)
    return [
        "",
        "### Notes",
        "",
        (f"- Start-up: the dashboard is drawn from the index file; every row was listed and the "
         f"data file open behind it {ms(settled)} after start (median). Meanwhile the event loop "
         f"waited at most {ms(waited)} (median of each run's longest wait) before it could "
         "answer a key; a key that needs a client opens the file at once."),
        f"- Write-behind: {write_behind(session)}.",
        f"- The UI thread spent {ms(call_p50)} (p50) per press in `SafeJSONStorage.write` itself.",
        ("- Key press to screen: from just before `pilot.press(\"space\")` to the first frame "
         "written to the terminal whose line for that item carries the new tick (`run_test` with "
         "a driver that takes the frames a terminal would, so no terminal's drawing is timed)."),
        ("- Key press to disk: until the change's journal record was fsync'd, or the thread that "
         "replaced the data file (`os.replace`) had also fsync'd its folder; a thread polling "
         "`os.stat` saw the file or its journal change at "
         f"{ms(stat_p50)} (p50). Timestamps are taken in the app's process, so one can lag by up "
         "to the GIL switch interval (5 ms) while the UI thread renders."),
        f"- Floor: {floor_how}, median of several repeats in the same folder.",
        (f"- Max RSS of the key-press session (run_test, step 2 open): "
         f"{session['max_rss_mb']:.0f} MB."),
    ]


class Measured(NamedTuple):
    """Every measure at one size of client book."""

    clients: int
    megabytes: float
    rows: list[Row]
    notes: list[str]


def measure_size(clients: int, runs: int, presses: int, env: dict[str, str],
                 tmp: Path) -> Measured:
    db = build_demo(tmp, clients, env)
    startups = measure_startups(db, runs, env)
    session = run_keypress_session(db, presses, tmp, env)
    floor, floor_how = measure_fsync_floor(db, max(runs, 5))
    rows = [
        startup_row(startups),
        settled_row(startups, clients),
        key_to_screen_row(session),
        paced_to_screen_row(session),
        navigation_row(session),
        key_to_disk_row(session, floor),
        script_row(db, runs, env),
        due_row(db, runs, env),
        *due_later_rows(db, runs, env),
        check_row(db, runs, env),
        export_row(db, runs, env),
        *capture_rows(db, runs, env, floor),
        memory_row(startups, clients, db.stat().st_size / 1e6),
    ]
    return Measured(clients, db.stat().st_size / 1e6, rows, notes(session, floor_how, startups))


def growth(measured: list[Measured]) -> list[str]:
    """Each measure at every size, and how much it grew from the smallest to the largest; the
    goal: a key press costs what its change costs, whatever the size of the book."""
    smallest, largest = measured[0], measured[-1]
    lines = ["## How each cost grows with the book", "",
             "| measure | " + " | ".join(f"{m.clients:,} clients ({m.megabytes:.1f} MB)"
                                         for m in measured) + " | largest / smallest |",
             "|---|" + "---|" * (len(measured) + 1)]
    for index, row in enumerate(smallest.rows):
        cells = [m.rows[index].measured.split(";")[0].split(" (")[0] for m in measured]
        grew = _seconds(largest.rows[index].measured) / _seconds(row.measured)
        lines.append(f"| {row.measure} | " + " | ".join(cells) + f" | {grew:.1f}x |")
    lines += ["", "Each cell is the first figure of its row (the p50, for key presses).", ""]
    for what, named in (("Key press to durable", "durable"),
                        ("A one-change script", "one-change script")):
        place = next(i for i, row in enumerate(smallest.rows) if named in row.measure)
        grew = _seconds(largest.rows[place].measured) / _seconds(smallest.rows[place].measured)
        lines.append(f"{what} at {largest.clients:,} clients against {smallest.clients:,}: "
                     f"{grew:.1f}x (goal <= {GROWTH_GOAL}x: a change costs what it changes): "
                     f"{'met' if grew <= GROWTH_GOAL else 'not met'}.")
    return [*lines, ""]


def _seconds(measured: str) -> float:
    """The first figure of a measured cell, in seconds (ms) or megabytes (MB), as a number."""
    number, unit = re.search(r"([\d.]+) (ms|MB)", measured).groups()
    return float(number) / (1000 if unit == "ms" else 1)


def run_benchmark(sizes: list[int], runs: int, presses: int, out: Path) -> str:
    measured = []
    with tempfile.TemporaryDirectory(prefix="sendoff-bench-") as folder:
        env = child_env(Path(folder))
        compile_bytecode(env)
        for clients in sizes:
            tmp = Path(folder) / str(clients)
            tmp.mkdir()
            measured.append(measure_size(clients, runs, presses, env, tmp))
        against_smallest(measured)
        top = header(sizes, Path(folder).resolve(), runs, presses)
    sections = []
    for one in measured:
        sections += [f"## {one.clients:,} clients ({one.megabytes:.1f} MB)", "", *table(one.rows),
                     *one.notes, ""]
    report = "\n".join(top + (growth(measured) if len(measured) > 1 else []) + sections)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000",
                        help="demo clients, one book a size, comma-separated (default 100,1000)")
    parser.add_argument("--large", action="store_true", help=f"also {LARGE:,} clients (minutes)")
    parser.add_argument("--runs", type=int, default=9, help="runs per measure (default 9)")
    parser.add_argument("--presses", type=int, default=40, help="key presses timed (default 40)")
    parser.add_argument("--out", type=Path, default=REPO / "tests" / "bench" / "RESULTS.md")
    parser.add_argument("--keypress-session", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--session-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.keypress_session:  # the child process of run_keypress_session
        result = asyncio.run(keypress_session(args.keypress_session, args.presses))
        args.session_out.write_text(json.dumps(result))
        return 0
    try:
        sizes = sorted({int(size) for size in args.sizes.split(",")} | ({LARGE} if args.large
                                                                         else set()))
    except ValueError:
        parser.error("--sizes takes whole numbers separated by commas, such as 100,1000")
    if min(sizes) < 1 or args.runs < 1 or args.presses < 1:
        parser.error("--sizes, --runs and --presses must be at least 1")
    print(run_benchmark(sizes, args.runs, args.presses, args.out), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
