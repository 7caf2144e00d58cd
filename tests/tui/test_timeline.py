"""`t` on the list of clients: the client's timeline, newest first, read from the data file,
each text shown literally; escape goes back."""

from __future__ import annotations

from datetime import date

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact
from storage.records.work import WorkItem, WorkStatus
from tui.app import SendoffApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.timeline import TimelineScreen

ACME = Client.new(name="Acme [b]Ltd[/b]", contacts=[
    Contact(on=date(2026, 3, 1), channel="call", note="Line one\nline two"),
    Contact(on=date(2026, 1, 10), channel="email", note="[red]Hello[/red]")],
    work=[WorkItem(title="Logo", status=WorkStatus.DONE, done_on=date(2026, 2, 2))])
SHOWN = ["2026-03-01 contact call: Line one line two", "2026-02-02 done Logo",
         "2026-01-10 contact email: [red]Hello[/red]"]
EMPTY = "Nothing dated yet: the timeline fills as you mark work done"


@pytest.mark.parametrize(("client", "dated"), [(ACME, SHOWN), (Client(name="Fresh"), [])],
                         ids=["dated", "nothing-dated"])
async def test_t_shows_the_timeline_newest_first_and_escape_goes_back(
        db_path, screen_lines, client, dated):
    with Repository(db_path) as repository:
        repository.add_client(client)
    async with (app := SendoffApp(db_path)).run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        lines = screen_lines(app)
        assert lines[1].strip() == client.name
        shown = [" ".join(line.strip(" │").split()) for line in lines
                 if line.strip(" │")[:4] == "2026"]
        assert shown == dated
        assert app.screen.sub_title == f"Timeline: {len(dated)} dated"
        assert (EMPTY in " ".join(" ".join(lines).split())) == (not dated)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
