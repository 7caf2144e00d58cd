"""Snapshots of every screen, from the demo data on the pinned date of the screenshots."""

from __future__ import annotations

from dataclasses import replace

import pytest

from screenshots.generate import PINNED_TODAY, SCENARIOS, Scenario, write_demo_file
from tui.app import SendoffApp

SMALLEST = (80, 24)
AT_80X24 = (
    *(replace(scenario, name=f"{scenario.name}-80x24", size=SMALLEST)
      for scenario in SCENARIOS if scenario.size != SMALLEST
      and f"{scenario.name}-80x24" not in {shown.name for shown in SCENARIOS}),
    Scenario("new-client-80x24", "The new-client dialog", ("n",), SMALLEST),
    Scenario("details-80x24", "A client's details from step 3", ("3", "E"), SMALLEST),
    Scenario("presets-80x24", "Choosing handover presets, one unticked",
             ("3", "d", "d", "p", "space"), SMALLEST),
    Scenario("follow-up-80x24", "Adding a follow-up", ("down", "down", "down", "down", "5", "a"),
             SMALLEST),
)
"""Every screen and the main dialogs in the smallest terminal Sendoff is made for."""


@pytest.mark.parametrize("scenario", SCENARIOS + AT_80X24, ids=lambda scenario: scenario.name)
def test_screen(scenario: Scenario, snap_compare, tmp_path, pinned_today):
    assert pinned_today.isoformat() == PINNED_TODAY
    db_path = write_demo_file(tmp_path / "demo.json")

    async def walk(pilot) -> None:
        for key in scenario.press:
            await pilot.press(key)
            await pilot.pause()
        pilot.app.clear_notifications()  # a toast (Deleted…) would go at a time of its own
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
