"""The dashboard and the app's shell, driven from the keyboard with Pilot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest
from textual.widgets import Input

from storage.clock import today
from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.follow_up import FollowUp
from storage.views.index_file import read_index
from tests.tui.conftest import add_clients
from tui.app import SendoffApp
from tui.dialogs.form import FormDialog
from tui.screens.dashboard import DashboardScreen
from tui.screens.file_problem import FileProblemScreen
from tui.screens.overview import OverviewScreen
from tui.widgets.row_list import RowList


def rows(app: SendoffApp) -> list[str]:
    clients = app.screen.query_one("#clients", RowList)
    return [clients.cells(client_id)[0].plain for client_id in clients.keys]



async def test_an_empty_file_shows_the_welcome_and_n_adds_a_client(db_path, read_back):
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        welcome = app.screen.query_one("#welcome")
        assert welcome.display and "Press n" in str(welcome.render())
        assert app.screen.check_action("delete_client", ()) is None, "greyed out: no client"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Acme Ltd")
        await pilot.press("tab", *"Ana Souza", "tab", *"ana@acme.example")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert rows(app) == ["Acme Ltd"]
        assert not app.screen.query_one("#welcome").display
        assert app.screen.check_action("delete_client", ()) is True
    [stored] = read_back()
    assert (stored.name, stored.contact_person, stored.email) == (
        "Acme Ltd", "Ana Souza", "ana@acme.example")
    assert not db_path.with_name("sendoff.json.lock.owner").read_text() == ""


async def test_a_new_client_needs_a_name_and_a_real_email(db_path, read_back):
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        error = app.screen.query_one("#error-name")
        assert "cannot be empty" in str(error.render())
        await pilot.press(*"Acme", "tab", "tab", *"not an email", "enter")
        assert "not an email address" in str(app.screen.query_one("#error-email").render())
        await pilot.press("tab", "tab", *"2026-02-30", "enter")
        await pilot.pause()
        assert "February 2026 has 28 days" in str(app.screen.query_one("#error-birthday").render())
        await pilot.press("escape")
    assert read_back() == []
    assert not db_path.exists()


async def test_a_name_another_client_has_is_refused_at_the_field(db_path, read_back,
                                                                  screen_text):
    """The form stays open and says who has the name; bringing a client back from the archive
    under a name taken meanwhile is refused in a toast, and it stays archived."""
    add_clients(db_path, Client(name="Acme Ltd"), Client(name="Old Co", archived=True))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"acme ltd", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog), "kept open"
        assert str(app.screen.query_one("#error-name").render()) == (
            "#1 is already called 'Acme Ltd'; give this client a name of its own, or archive "
            "#1 first")
        await pilot.press(*" 2027", "enter")
        await pilot.pause()
        assert rows(app) == ["Acme Ltd", "acme ltd 2027"]
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Old Co", "enter")  # free: that Old Co is archived
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert rows(app) == ["Acme Ltd", "acme ltd 2027", "Old Co", "Old Co"]
        archived = next(key for key in app.screen.clients.keys
                        if app.listing.summary(key, today()).archived)
        app.screen.clients.move_to(archived)
        await pilot.press("x")
        await pilot.pause()
        assert "#4 is already called 'Old Co'" in screen_text(app)
    assert sorted((client.name, client.archived) for client in read_back()) == [
        ("Acme Ltd", False), ("Old Co", False), ("Old Co", True), ("acme ltd 2027", False)]


async def test_s_sorts_in_turn_and_l_shows_the_clients_out_of_touch(db_path, pinned_today):
    add_clients(db_path,
                Client(name="Acme", contacts=[Contact(on=date(2026, 3, 1), channel="call")],
                       follow_ups=[FollowUp.from_rule("Monthly", "FREQ=MONTHLY",
                                                      date(2026, 4, 1))]),
                Client(name="Beta", contacts=[Contact(on=date(2025, 6, 1), channel="email")]),
                Client(name="Cobalt", contacts=[Contact(on=date(2026, 2, 1), channel="call")],
                       follow_ups=[FollowUp.from_rule("Soon", "FREQ=YEARLY",
                                                      date(2026, 3, 20))]))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert rows(app) == ["Acme", "Beta", "Cobalt"]
        shown = []
        for _ in range(4):
            await pilot.press("s")
            shown.append((rows(app), app.screen.sub_title))
        assert shown == [
            (["Beta", "Cobalt", "Acme"], "Clients: 3 shown, by last contact"),
            (["Cobalt", "Acme", "Beta"], "Clients: 3 shown, by next follow-up"),
            (["Cobalt", "Acme", "Beta"], "Clients: 3 shown, by staleness"),
            (["Acme", "Beta", "Cobalt"], "Clients: 3 shown"),
        ]
        await pilot.press("l")
        assert rows(app) == ["Beta"]
        assert app.screen.sub_title == "Clients: 1 shown, lost touch"
        await pilot.press("l")
        assert rows(app) == ["Acme", "Beta", "Cobalt"]


async def test_filter_as_you_type_and_archived_clients(db_path):
    add_clients(db_path, Client(name="Acme"), Client(name="Beta Bakery", industry="food"),
                Client(name="Old Co", archived=True))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert rows(app) == ["Acme", "Beta Bakery"]
        await pilot.press("f", *"foo")
        assert rows(app) == ["Beta Bakery"]
        await pilot.press("escape")
        assert rows(app) == ["Acme", "Beta Bakery"]
        assert app.screen.query_one("#clients", RowList).has_focus
        await pilot.press("h")
        assert rows(app) == ["Acme", "Beta Bakery", "Old Co"]


async def test_archive_delete_and_undo_reach_the_file(db_path, read_back):
    add_clients(db_path, Client(name="Acme"), Client(name="Beta"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        assert rows(app) == ["Beta"]
        assert [c.archived for c in read_back()] == [True, False]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert rows(app) == []
        assert [c.name for c in read_back()] == ["Acme"]
        await pilot.press("u")
        assert rows(app) == ["Beta"]
        await pilot.press("u")
        assert rows(app) == ["Acme", "Beta"]
    assert [(c.name, c.archived) for c in read_back()] == [("Acme", False), ("Beta", False)]


async def test_escape_cancels_a_delete(db_path, read_back):
    add_clients(db_path, Client(name="Acme"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert rows(app) == ["Acme"]
    assert [c.name for c in read_back()] == ["Acme"]


async def test_user_text_is_shown_literally(db_path):
    add_clients(db_path, Client(name="[bold]Acme\x1b[31m"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert rows(app) == ["[bold]Acme␛[31m"]
        await pilot.press("enter")
        await pilot.pause()
        assert "[bold]Acme␛[31m" in str(app.screen.query_one("#overview-title").render())
        await pilot.press("1")
        await pilot.pause()
        tabs = app.screen.query_one("#tabs")
        assert "[bold]Acme␛[31m" in str(tabs.render())


async def test_enter_opens_the_overview_its_keys_the_steps_and_escape_comes_back(db_path):
    add_clients(db_path, Client(name="Acme"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("enter")  # on the current engagement: its step where it stands
        await pilot.pause()
        assert app.screen.sub_title == "1 Where you stand"
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.sub_title == "3 Hand over documentation"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert len(app.screen_stack) == 1


async def test_help_lists_the_keys_of_the_screen_and_the_app(db_path, help_lines):
    add_clients(db_path, Client(name="Acme"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        shown = "\n".join(await help_lines(app, pilot))
        for words in ("New", "Filter", "Archived", "Quit", "Undo", "ctrl+p"):
            assert words in shown
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_every_screen_key_is_a_palette_command(db_path, wait_until_open):
    add_clients(db_path, Client(name="Acme"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("New", "Open", "Edit", "Search", "Filter", "Archived", "Archive", "Delete", "Undo"):
            assert title in titles
        assert "Cursor down" not in titles
        [archive] = [c for c in app.get_system_commands(app.screen) if c.title == "Archive"]
        await archive.callback()
        await pilot.pause()
        assert rows(app) == []


def hold_the_file(db_path) -> subprocess.Popen:
    """Another Sendoff, in another process, holding the data file until killed."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom storage.persistence.repository import Repository\n"
         f"r = Repository({str(db_path)!r})\nprint('ready', flush=True)\ntime.sleep(30)\n"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    return holder


class ReadyWatcher(SendoffApp):
    """Notes the clients listed when the dashboard first says it is ready."""

    listed_when_ready: tuple[list[str], bool] | None = None

    def on_dashboard_screen_ready(self) -> None:
        self.listed_when_ready = (rows(self), self.is_open)

    async def until_ready(self, pilot) -> None:
        while self.listed_when_ready is None:
            await pilot.pause()


async def test_a_file_in_use_gets_an_explanation_and_is_not_written(db_path, wait_until_open):
    add_clients(db_path, Client(name="Acme"))
    before = db_path.read_bytes()
    holder = hold_the_file(db_path)
    try:
        app = ReadyWatcher(db_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.until_ready(pilot)
            await wait_until_open(app, pilot)
            assert isinstance(app.screen, FileProblemScreen)
            shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
            assert "open in another Sendoff" in shown and f"process {holder.pid}" in shown
            # The dashboard came first, from the index file: the data file was never open.
            assert app.listed_when_ready == (["Acme"], False)
            await pilot.press("q")
    finally:
        holder.kill()
        holder.wait()
    assert db_path.read_bytes() == before


async def test_a_file_damaged_under_its_index_is_explained_and_left_alone(db_path, wait_until_open):
    add_clients(db_path, Client(name="Acme"), Client(name="Beta"))
    stat = db_path.stat()
    with open(db_path, "r+b") as file:  # same size, same inode, same modification time
        file.seek(stat.st_size // 2)
        file.write(b"\x00")
    os.utime(db_path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    before = db_path.read_bytes()
    assert read_index(db_path) is None, "the index was made from other content"
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        assert isinstance(app.screen, FileProblemScreen)
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "damaged" in shown and str(db_path) in shown
        assert " ".join(shown.split()).count("not been changed") == 1, "said once"
        assert "Sendoff has not changed the file" not in shown
        await pilot.press("n", "x")
    assert db_path.read_bytes() == before


class ChangedMeanwhile(SendoffApp):
    """Another program renames a client between the index being read and the file opened."""

    def _open_repository(self):
        with Repository(self.db_path) as other:
            acme = other.client(1)
            acme.name = "Acme renamed"
            other.save_client(acme)
        return super()._open_repository()


async def test_a_file_changed_before_it_is_opened_is_shown_as_it_now_is(db_path, wait_until_open):
    add_clients(db_path, Client(name="Acme"), Client(name="Beta"))
    app = ChangedMeanwhile(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_open(app, pilot)
        assert rows(app) == ["Acme renamed", "Beta"]


async def test_a_damaged_file_is_explained_and_left_alone(db_path):
    db_path.write_text('{"clients": {"1": {"name": "Ac')
    before = db_path.read_bytes()
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, FileProblemScreen)
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "damaged" in shown and str(db_path) in shown
        assert app.check_action("undo", ()) is False
        await pilot.press("n")
        assert isinstance(app.screen, FileProblemScreen)
    assert db_path.read_bytes() == before


async def test_quitting_keeps_every_change_and_frees_the_file(db_path, read_back):
    add_clients(db_path, Client(name="Acme"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        await pilot.press("ctrl+c")
    assert read_back()[0].archived
    with Repository(db_path) as again:
        assert again.clients(include_archived=True)[0].archived
    assert json.loads(db_path.read_text())["meta"]


async def test_many_clients_are_listed_at_once_and_made_as_they_come_on_screen(db_path):
    names = [f"Client {number:03d}" for number in range(150)]
    with Repository(db_path) as repository:
        repository.replace_all([Client(name=name) for name in reversed(names)])
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        clients = app.screen.clients
        assert len(clients.keys) == 150
        assert len(clients._rows) <= 30, "only the rows on screen are made"
        assert rows(app) == names
        clients.move_cursor(120)  # far below the first screenful
        await pilot.press("down", "x")  # archive Client 121: the list is read again
        await pilot.pause()
        assert rows(app) == names[:121] + names[122:]
        assert clients.cursor == 121, "the cursor stays where it was"
        assert f"{names[122]}" in " ".join(cell.plain for cell in clients.cells(clients.current_key))
        await pilot.press("end")
        assert clients.current_key == clients.keys[-1]
        await pilot.press("f", *"Client 14")
        await pilot.pause()
        assert rows(app) == [f"Client {number}" for number in range(140, 150)]


async def test_quitting_at_once_leaves_the_file_as_it_was_and_free(db_path):
    add_clients(db_path, Client(name="Acme"), Client(name="Beta"))
    before = db_path.read_bytes()
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")  # whether or not the file was opened behind the dashboard yet
    assert db_path.read_bytes() == before
    with Repository(db_path) as again:  # the lock is free
        assert [client.name for client in again.clients()] == ["Acme", "Beta"]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_enter_on_a_filter_with_one_match_opens_that_client(db_path, size):
    add_clients(db_path, Client(name="Acme"), Client(name="Beta Bakery"), Client(name="Bolt"))
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f", *"b", "enter")  # two match: the list takes the keys
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.clients.has_focus
        await pilot.press("f", *"ak", "enter")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert app.screen.client.name == "Beta Bakery"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_escape_on_the_list_clears_the_filter(db_path, screen_text, size):
    add_clients(db_path, Client(name="Acme"), Client(name="Beta Bakery"), Client(name="Bolt"))
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f", *"b", "enter")
        await pilot.pause()
        assert rows(app) == ["Beta Bakery", "Bolt"]
        assert app.screen.clients.has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert rows(app) == ["Acme", "Beta Bakery", "Bolt"]
        assert "3 shown" in screen_text(app)
        assert app.screen.query_one("#filter", Input).value == ""


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_an_archived_client_looks_archived_and_x_unarchives(db_path, read_back,
                                                                  screen_text, size):
    add_clients(db_path, Client(name="Acme"), Client(name="Old Co", archived=True))
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("h")
        await pilot.pause()
        clients = app.screen.clients
        acme, old = (clients.cells(key) for key in clients.keys)
        assert "archived" in " ".join(cell.plain for cell in old)
        assert "archived" not in " ".join(cell.plain for cell in acme)
        assert all("italic" in str(cell.style) and "dim" in str(cell.style) for cell in old)
        assert "x Archive " in " ".join(screen_text(app).split()) + " "
        await pilot.press("j")
        await pilot.pause()
        assert "archived · paused" in screen_text(app)
        assert "x Unarchive" in " ".join(screen_text(app).split())
        await pilot.press("x")
        await pilot.pause()
        assert "x Archive " in " ".join(screen_text(app).split()) + " "
    assert [client.archived for client in read_back()] == [False, False]


async def test_a_former_client_is_in_touch_and_one_at_work_at_their_step(db_path) -> None:
    """The row says where the current engagement stands; a client whose goodbye is done but for
    staying in touch is "in touch", as `sendoff clients` says it."""
    from storage.records.contract import Contract, NoticeGivenBy, NoticePeriod, NoticeUnit
    from storage.records.handover import HandoverItem, HandoverStatus
    from storage.records.interview import ExitInterview, TestimonialStatus
    from storage.records.work import WorkItem, WorkStatus

    former = Client.new(
        "Former", contract=Contract(notice=NoticePeriod(1, NoticeUnit.MONTHS),
                                    notice_given_on=date(2025, 1, 1),
                                    notice_given_by=NoticeGivenBy.ME,
                                    planned_last_day=date(2025, 2, 1)),
        work=[WorkItem("Logo", status=WorkStatus.DONE)],
        handover=[HandoverItem("Files", location="Drive", status=HandoverStatus.HANDED_OVER)],
        interview=ExitInterview(held=True, on=date(2025, 2, 1), liked="All of it",
                                disliked="Nothing", improve="More of it",
                                testimonial_status=TestimonialStatus.DECLINED))
    add_clients(db_path, former, Client(name="Working"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        clients = app.screen.query_one("#clients", RowList)
        assert [clients.cells(key)[2].plain for key in clients.keys] == ["in touch", "1 Stand"]
