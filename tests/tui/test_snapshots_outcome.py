"""A snapshot of the outcome report (`o`), from the demo data on the pinned date of the
screenshots: the demo has former clients with testimonials, and no referrals yet."""

from __future__ import annotations

from screenshots.generate import PINNED_TODAY, write_demo_file
from tui.app import SendoffApp


def test_outcomes(snap_compare, tmp_path, pinned_today):
    assert pinned_today.isoformat() == PINNED_TODAY
    db_path = write_demo_file(tmp_path / "demo.json")

    async def open_outcomes(pilot) -> None:
        await pilot.press("o")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(SendoffApp(db_path), run_before=open_outcomes, terminal_size=(80, 24))
