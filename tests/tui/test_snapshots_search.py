"""A snapshot of search (`/`), from the demo data on the pinned date of the screenshots."""

from __future__ import annotations

from screenshots.generate import PINNED_TODAY, write_demo_file
from tui.app import SendoffApp


def test_search(snap_compare, tmp_path, pinned_today):
    assert pinned_today.isoformat() == PINNED_TODAY
    db_path = write_demo_file(tmp_path / "demo.json")

    async def search(pilot) -> None:
        await pilot.press("slash", *"logo")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(SendoffApp(db_path), run_before=search, terminal_size=(100, 30))
