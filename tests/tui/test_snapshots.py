"""Snapshots of every screen, from the demo data on the pinned date of the screenshots."""

from __future__ import annotations

import pytest

from screenshots.generate import PINNED_TODAY, SCENARIOS, Scenario, write_demo_file
from tui.app import SendoffApp


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name)
def test_screen(scenario: Scenario, snap_compare, tmp_path, pinned_today):
    assert pinned_today.isoformat() == PINNED_TODAY
    db_path = write_demo_file(tmp_path / "demo.json")

    async def walk(pilot) -> None:
        for key in scenario.press:
            await pilot.press(key)
            await pilot.pause()

    assert snap_compare(SendoffApp(db_path), run_before=walk, terminal_size=scenario.size)


def test_light_theme(snap_compare, tmp_path):
    db_path = write_demo_file(tmp_path / "demo.json")

    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await pilot.press("3")
        await pilot.pause()

    assert snap_compare(SendoffApp(db_path), run_before=light, terminal_size=(100, 30))


def test_empty_state(snap_compare, tmp_path):
    assert snap_compare(SendoffApp(tmp_path / "new.json"), terminal_size=(80, 24))
