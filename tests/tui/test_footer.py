"""The Footer shows each screen's keys from its first frame and is rebuilt only when they change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from storage.client import Client
from storage.repository import Repository
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


async def test_the_dashboard_lists_its_keys_in_its_first_frame_enter_opens(db_path):
    add_client(db_path, "Acme")
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        first = list(app.screen.query_one(Footer).query(FooterKey))
        assert [description for _, description, _ in keys(app)][:3] == ["New", "Open", "Edit"]
        assert app.screen.focused is app.screen.query_one("#clients")
        await pilot.pause()
        # Focus landed in the list, which brings no key of its own: the keys were not rebuilt.
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
