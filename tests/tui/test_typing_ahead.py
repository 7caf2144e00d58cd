"""Keys typed before a screen or dialog has appeared belong to it, however long it takes.

Each test posts every key to the app in one go, with no pause at all, as a fast typist on a
busy machine or a paste does: every key is in the app's queue before the first is handled.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input

from storage.clock import today
from storage.demo import write_demo
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.rules.steps import Step
from storage.views.index_file import index_path
from tui.app import SendoffApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.step import StepScreen
from tui.type_ahead import TypeAheadApp

BUSY_CLIENTS = 300  # 4 MB: the first step screen waits for the file, some 0.1 s after start
TEXT = "questions in lieu"  # q quits, u undoes, e edits, i, n, s, t, l: all hotkeys somewhere
NAMED_KEYS = {" ": ("space", " "), "?": ("question_mark", "?"), "tab": ("tab", "\t"),
              "shift+tab": ("shift+tab", None), "ctrl+p": ("ctrl+p", None), "enter": ("enter", "\r"),
              "escape": ("escape", "\x1b")}

# Keys that reach a text field of each step from where the step opens, and leave it saved.
INTO_STEP = {
    Step.STAND: (["shift+tab"], ["escape"]),  # the arrangement, the last field
    Step.WORK: (["a"], ["enter"]),  # a new item in the work list
    Step.HANDOVER: (["a"], ["enter"]),  # a new item to hand over
    Step.INTERVIEW: (["tab"] * 4, ["escape"]),  # what they liked
    Step.KEEP_IN_TOUCH: (["f"], ["enter"]),  # something to forward
}


def typed_text(client: Client, step: Step) -> list[str]:
    """The texts of the field each step's keys above type into, as stored."""
    return {
        Step.STAND: lambda: [client.contract.arrangement],
        Step.WORK: lambda: [item.title for item in client.work],
        Step.HANDOVER: lambda: [item.what for item in client.handover],
        Step.INTERVIEW: lambda: [client.interview.liked],
        Step.KEEP_IN_TOUCH: lambda: [item.text for item in client.forward_queue],
    }[step]()


def type_at_once(app: App, *keys: str) -> None:
    """Post every key to the app at once; a string of several characters is typed out."""
    for key in keys:
        for one in [key] if key in NAMED_KEYS or len(key) == 1 else key:
            name, character = NAMED_KEYS.get(one, (one, one))
            app.post_message(events.Key(name, character))


async def until_handled(pilot) -> None:
    """Until every key typed has reached its screen, and what it did is done."""
    for _ in range(500):  # a bound, not a timing: each pause waits for the app to be idle
        await pilot.pause()
        if not pilot.app.keys_pending:
            break
    assert not pilot.app.keys_pending, "keys still waiting for their screen"
    await pilot.pause()


@pytest.fixture(scope="module")
def busy_demo(tmp_path_factory) -> Path:
    """Demo clients: the app opens their file behind the dashboard, so the first step screen
    waits for it, and a client with a long history is slow to show."""
    path = tmp_path_factory.mktemp("busy") / "sendoff.json"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SENDOFF_TODAY", "2026-03-15")  # the tests' date (conftest.py): the demo's depend on it
        write_demo(path, clients=BUSY_CLIENTS)
    return path


@pytest.fixture
def busy_db(busy_demo: Path, db_path: Path) -> Path:
    """This test's own copy of the demo, its index still made from it: the data file is
    linked, not copied (the app replaces the file when it writes, never changes it in place)."""
    os.link(busy_demo, db_path)
    shutil.copy(index_path(busy_demo), index_path(db_path))
    return db_path


def stored(db_path: Path, client_id: int) -> Client:
    with Repository(db_path, writable=False) as repository:
        return repository.client(client_id)


class SlowScreen(Screen):
    """A screen that takes until the test opens its gate to mount, however long that is."""

    def __init__(self, gate: asyncio.Event) -> None:
        super().__init__()
        self.gate = gate

    def compose(self) -> ComposeResult:
        yield Input(id="field")

    async def on_mount(self) -> None:
        await self.gate.wait()
        self.query_one(Input).focus()


class Shell(TypeAheadApp):
    """`o` opens the slow screen; `x` counts, wherever it is pressed outside a field."""

    BINDINGS = [("o", "open"), ("x", "count")]

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()
        self.counted = 0

    def action_open(self) -> None:
        self.push_screen(SlowScreen(self.gate))

    def action_count(self) -> None:
        self.counted += 1


async def test_keys_wait_for_a_screen_however_long_it_takes_to_appear():
    app = Shell()
    async with app.run_test() as pilot:
        type_at_once(app, "o", "x", "tab")
        app.post_message(events.Paste("y z"))
        type_at_once(app, "x")
        for _ in range(100):  # turns of the event loop: pilot.pause() would wait for the screen
            await asyncio.sleep(0)
        assert app.counted == 0 and app.screen.query_one(Input).value == ""
        app.gate.set()
        await until_handled(pilot)
        assert app.screen.query_one(Input).value == "xy zx"
        assert app.counted == 0


async def test_a_new_client_gets_the_name_and_contact_typed_right_after_n(db_path, read_back):
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        type_at_once(app, "n", "Acme", "tab", "Ann Lee", "enter")
        await until_handled(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert [(client.name, client.contact_person) for client in read_back()] == [("Acme", "Ann Lee")]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_burst_fills_every_field_of_the_new_client_dialog_in_order(
        db_path, read_back, size):
    """A paste or macro of name, tab, contact, tab, email, enter: each in its own field."""
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        type_at_once(app, "n", "Acme Ltd", "tab", "Ann Lee", "tab", "ann@acme.example", "enter")
        await until_handled(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert [(client.name, client.contact_person, client.email) for client in read_back()] == [
        ("Acme Ltd", "Ann Lee", "ann@acme.example")]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_burst_fills_every_field_of_a_step_5_dialog_in_order(db_path, read_back, size):
    """Logging a contact typed in one go: the date and channel typed over, then the note."""
    with Repository(db_path) as repository:
        repository.add_client(Client(name="Acme"))
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        type_at_once(app, "5", "l", "2026-03-14", "tab", "phone", "tab", "launch went well",
                     "enter")
        await until_handled(pilot)
        assert isinstance(app.screen, StepScreen) and app.screen.STEP is Step.KEEP_IN_TOUCH
    [contact] = read_back()[0].contacts
    assert (contact.on.isoformat(), contact.channel, contact.note) == (
        "2026-03-14", "phone", "launch went well")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_new_client_dialog_scrolls_to_the_focused_field(db_path, screen_text, size):
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen.query_one("#form")
        for name in ("contact_person", "email", "phone", "birthday", "industry",
                     "project_kind", "notes"):
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused.id == f"field-{name}"
            assert form.region.contains_region(focused.region), f"{name} is out of sight"
        await pilot.press(*"met at a conference")
        await pilot.pause()
        assert "met at a conference" in screen_text(app)


async def test_keys_after_closing_a_dialog_reach_what_it_added(db_path, read_back):
    """Enter right after the new client's enter opens that client, not the one selected before
    (and enter on its overview, the step it is at)."""
    with Repository(db_path) as repository:
        repository.add_client(Client(name="Zed"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        type_at_once(app, "n", "Acme", "enter", "enter", "enter", *INTO_STEP[Step.STAND][0],
                     TEXT, "escape")
        await until_handled(pilot)
        assert isinstance(app.screen, StepScreen) and app.screen.STEP is Step.STAND
    arrangements = {client.name: client.contract.arrangement for client in read_back()}
    assert arrangements == {"Acme": TEXT, "Zed": ""}


async def test_a_paste_right_after_n_lands_in_the_dialog(db_path, read_back):
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        type_at_once(app, "n")
        app.post_message(events.Paste("Acme Ltd"))
        type_at_once(app, "tab", "Ann", "enter")
        await until_handled(pilot)
    assert [(client.name, client.contact_person) for client in read_back()] == [
        ("Acme Ltd", "Ann")]


async def test_a_command_chosen_in_the_palette_gets_the_keys_typed_after_it(db_path, read_back):
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        type_at_once(app, "ctrl+p", "New", "enter", "Acme", "enter")
        await until_handled(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert [client.name for client in read_back()] == ["Acme"]


async def test_help_and_the_agenda_take_the_keys_typed_as_they_open(db_path, read_back):
    """q closes the help (it does not quit), escape leaves the agenda, then n adds a client."""
    with Repository(db_path) as repository:
        repository.add_client(Client(name="Zed"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        type_at_once(app, "?", "q", "g", "escape", "n", "Acme", "enter")
        await until_handled(pilot)
        assert app.is_running and isinstance(app.screen, DashboardScreen)
    assert sorted(client.name for client in read_back()) == ["Acme", "Zed"]


@pytest.mark.parametrize("step", list(Step), ids=lambda step: f"step-{int(step)}")
async def test_keys_after_a_step_key_reach_that_step(step, busy_db):
    """From the dashboard (which waits for the data file to open), then from that step."""
    following = Step(int(step) % 5 + 1)
    app = SendoffApp(busy_db)
    async with app.run_test(size=(100, 30)) as pilot:
        client_id = app.screen.clients.current_key
        for shown in (step, following):
            into, out = INTO_STEP[shown]
            type_at_once(app, str(int(shown)), *into, TEXT, *out)
            await until_handled(pilot)
            assert app.is_running and isinstance(app.screen, StepScreen)
            assert app.screen.STEP is shown
    client = stored(busy_db, client_id)
    assert TEXT in typed_text(client, step) and TEXT in typed_text(client, following)


async def test_keys_after_enter_reach_the_client_opened(busy_db):
    app = SendoffApp(busy_db)
    async with app.run_test(size=(100, 30)) as pilot:
        client_id = app.screen.clients.current_key
        step = app.listing.summary(client_id, today()).stage or Step.KEEP_IN_TOUCH
        into, out = INTO_STEP[step]
        type_at_once(app, "enter", "enter", *into, TEXT, *out)
        await until_handled(pilot)
        assert app.is_running and app.screen.STEP is step
    assert TEXT in typed_text(stored(busy_db, client_id), step)
