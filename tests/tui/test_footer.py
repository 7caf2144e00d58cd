"""The Footer is rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from storage.persistence.repository import Repository
from storage.records.client import Client
from tui.app import SendoffApp
from tui.screens.step import StepScreen
from tui.widgets.footer import Footer


def keys(app: SendoffApp) -> list[tuple[str, str, bool]]:
    """Each key in the footer: as shown, its description, and whether it is greyed out."""
    return [(key.key_display, key.description, key.has_class("-disabled"))
            for key in app.screen.query_one(Footer).query(FooterKey)]


def add_client(db_path, name: str) -> None:
    with Repository(db_path) as repository:
        repository.add_client(Client(name=name))


async def test_the_dashboard_lists_open_and_is_not_rebuilt_for_the_same_keys(db_path):
    add_client(db_path, "Acme")
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        first = list(app.screen.query_one(Footer).query(FooterKey))
        assert [description for _, description, _ in keys(app)][:3] == ["New", "Open", "Edit"]
        app.screen.set_focus(None)
        await pilot.pause()
        app.screen.set_focus(app.screen.query_one("#clients"))
        await pilot.pause()
        # Focus left the list and came back; the list brings no key of its own to show.
        assert list(app.screen.query_one(Footer).query(FooterKey)) == first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)


async def test_keys_that_change_state_are_redrawn(db_path):
    app = SendoffApp(db_path)  # no client yet: the keys that need one are greyed out
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert ("e", "Edit", True) in keys(app)
        await pilot.press("n", *"Acme", "enter")
        await pilot.pause()
        await pilot.pause()
        assert ("e", "Edit", False) in keys(app)
        assert ("d", "Delete", False) in keys(app)
