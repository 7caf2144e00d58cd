"""The app meets values it cannot keep: a file holding one is explained on the file-problem screen
(never a traceback), and one typed in a form is refused at its field."""

from __future__ import annotations

import json

from storage.persistence.repository import Repository
from storage.records.client import Client
from tui.app import SendoffApp
from tui.screens.file_problem import FileProblemScreen


def stored_birthday(db_path, birthday: str, *, keep_index: bool) -> bytes:
    with Repository(db_path) as repository:
        repository.add_client(Client(name="Acme"))
    stored = json.loads(db_path.read_text())
    stored["clients"]["1"]["people"] = [{"id": "jo", "name": "Jo", "birthday": birthday}]
    db_path.write_text(json.dumps(stored))
    if not keep_index:
        db_path.with_name(f"{db_path.name}.index").unlink()
    return db_path.read_bytes()


async def test_a_stored_impossible_birthday_is_explained_with_client_and_field(
        db_path, wait_until_open, screen_text):
    for keep_index in (True, False):  # the index no longer fits the file, or there is none
        before = stored_birthday(db_path, "2026-02-30", keep_index=keep_index)
        app = SendoffApp(db_path)
        async with app.run_test(size=(110, 30)) as pilot:
            await wait_until_open(app, pilot)
            assert isinstance(app.screen, FileProblemScreen)
            shown = screen_text(app)
            assert "client #1 (Acme): people[0].birthday" in shown and "February 2026 has 28" in shown
            await pilot.press("n", "x")
            assert isinstance(app.screen, FileProblemScreen)
            await pilot.press("q")
        assert app.return_code in (0, None)
        assert db_path.read_bytes() == before
        for leftover in db_path.parent.iterdir():
            leftover.unlink()


async def test_a_birthday_in_year_0000_is_refused_in_the_new_client_form(db_path, read_back):
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"Acme", "tab", "tab", "tab", "tab", *"0000-01-01", "enter")
        await pilot.pause()
        error = str(app.screen.query_one("#error-birthday").render())
        assert "years 1900 to 2199" in error
        await pilot.press("escape")
    assert read_back() == []
