"""A checkbox reads as a checklist's row does: ☐ when unticked, ☑ when ticked (Textual's own
shows an X either way), on step 1, step 4 and in the dialogs, read from the screen."""

from __future__ import annotations

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from tui.app import SendoffApp

SIZES = [(80, 24), (100, 30)]


def add_client(db_path) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client(name="Acme"))


def shown(screen_text, app) -> str:
    """The screen's words, one space apart (the SVG parts a label from its box)."""
    return " ".join(screen_text(app).split())


async def focus(pilot, selector: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_business_days_on_step_1_is_an_empty_box_until_ticked(
        db_path, read_back, screen_text, size):
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("1")
        await focus(pilot, "#field-notice_business_days")
        assert "☐ business days" in shown(screen_text, app)
        assert "X business days" not in shown(screen_text, app)

        await pilot.press("space")
        await pilot.pause()
        assert "☑ business days" in shown(screen_text, app)
        assert "☐ business days" not in shown(screen_text, app)
    assert read_back()[0].contract.notice.business_days


@pytest.mark.parametrize("size", SIZES)
async def test_held_and_the_testimonial_uses_on_step_4_show_what_is_ticked(
        db_path, read_back, screen_text, size):
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        await focus(pilot, "#field-held")
        assert "☐ held" in shown(screen_text, app)
        await pilot.press("space")
        await pilot.pause()
        assert "☑ held" in shown(screen_text, app)

        await focus(pilot, "#use-linkedin")
        await pilot.press("space")
        await pilot.pause()
        assert "☑ LinkedIn" in shown(screen_text, app)
        assert "☐ website" in shown(screen_text, app)
    interview = read_back()[0].interview
    assert interview.held and [use.value for use in interview.testimonial_use] == ["LinkedIn"]


async def test_a_dialog_checkbox_is_an_empty_box_until_ticked(db_path, screen_text):
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        await focus(pilot, "#field-extra")
        assert "☐ An unexpected extra, beyond the brief" in shown(screen_text, app)
        await pilot.press("space")
        await pilot.pause()
        assert "☑ An unexpected extra, beyond the brief" in shown(screen_text, app)
