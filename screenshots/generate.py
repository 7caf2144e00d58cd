"""Regenerate the screenshots in this folder from the demo data on a pinned date.

    python screenshots/generate.py

The snapshot tests walk the same scenarios, so a screen that changes shows up in both.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PINNED_TODAY = "2026-03-15"
DEMO_CLIENTS = 12
DEMO_SEED = 1


@dataclass(frozen=True)
class Scenario:
    """Keys pressed from the dashboard to reach one screen, and the terminal size."""

    name: str
    title: str
    press: tuple[str, ...] = ()
    size: tuple[int, int] = (100, 30)


# Rows on the dashboard are sorted by name: Acme Analytics, Blue Heron Bakery, Fjord & Finch,
# Greenway Transit, Harbour Physio, Kestrel Legal, Lumen Architects, Marigold Dental, Northwind
# Studio (who came back for a second engagement)...
SCENARIOS = (
    Scenario("dashboard", "Dashboard: every client's progress through the five steps"),
    Scenario("step-1-where-you-stand", "1 Where you stand: notice falls short", ("down", "1")),
    Scenario("step-2-finish-work", "2 Finish outstanding work", ("down", "2")),
    Scenario("step-3-hand-over", "3 Hand over documentation", ("3",)),
    Scenario("step-4-exit-interview", "4 Exit interview: answers and a drafted testimonial",
             ("down", "down", "4"), (100, 60)),
    Scenario("step-5-stay-in-touch", "5 Stay in touch", ("down", "down", "down", "down", "5")),
    Scenario("agenda", "Agenda: what is due across all clients", ("g",)),
    Scenario("timeline", "A client's timeline: everything dated, newest first",
             ("down", "down", "down", "down", "t")),
    Scenario("overview", "A client at a glance: people, referrals given, the timeline",
             ("down", "down", "down", "down", "enter")),
    Scenario("overview-returning", "A returning client: the earlier engagement kept",
             ("down",) * 7 + ("enter",)),
    Scenario("message", "Write a message: the handover cover note, filled from the record",
             ("3", "W")),
    Scenario("help", "Every key", ("question_mark",)),
    Scenario("dashboard-80x24", "The dashboard in an 80x24 terminal", (), (80, 24)),
)


def pin_environment() -> None:
    """Pin today's date; every screen depends on it."""
    os.environ["SENDOFF_TODAY"] = PINNED_TODAY


def write_demo_file(path: Path) -> Path:
    """The demo data set the screenshots show."""
    from storage.demo import demo_clients
    from storage.persistence.repository import Repository

    with Repository(path) as repository:
        repository.replace_all(demo_clients(DEMO_CLIENTS, DEMO_SEED))
    return path


async def _shoot(scenario: Scenario, db_path: Path, out_dir: Path) -> Path:
    from tui.app import SendoffApp

    app = SendoffApp(db_path)
    async with app.run_test(size=scenario.size) as pilot:
        for key in scenario.press:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        return Path(app.save_screenshot(f"{scenario.name}.svg", str(out_dir)))


def main() -> int:
    sys.path.insert(0, str(HERE.parent))
    pin_environment()
    with tempfile.TemporaryDirectory() as folder:
        db_path = write_demo_file(Path(folder) / "demo.json")
        for scenario in SCENARIOS:
            written = asyncio.run(_shoot(scenario, db_path, HERE))
            print(f"wrote {written.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
