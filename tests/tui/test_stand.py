"""Step 1 through the real app: the contract is saved field by field, the result is live."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Static

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contract import Contract, ContractKind, NoticeGivenBy, NoticePeriod, NoticeUnit
from tui.app import SendoffApp
from tui.screens.stand import StandScreen
from tui.widgets.step_tabs import StepTabs


def add_client(db_path: Path, name: str = "Acme", contract: Contract | None = None) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client.new(name=name, contract=contract or Contract()))


async def open_stand(pilot) -> StandScreen:
    await pilot.press("1")
    screen = pilot.app.screen
    assert isinstance(screen, StandScreen)
    assert pilot.app.focused is screen.query_one(screen.FORM_SELECTOR), "the step keys work at once"
    await pilot.press("tab")
    return screen


def plain(widget: Static) -> str:
    return str(widget.render())


def shown(screen: StandScreen, selector: str) -> str:
    return plain(screen.query_one(selector, Static))


async def test_kind_and_dates_are_saved_as_each_field_is_left(db_path, read_back) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_stand(pilot)
        assert app.focused is screen.query_one("#field-kind")
        await pilot.press("enter", "up", "up", "enter")  # "No contract" is last; two up: retainer
        assert app.repo.client(1).contract.kind is ContractKind.RETAINER

        await pilot.press("tab", *"2025-01-06")
        assert app.repo.client(1).contract.start is None  # not while typing
        await pilot.press("tab")
        assert app.repo.client(1).contract.start == date(2025, 1, 6)

    contract = read_back()[0].contract
    assert (contract.kind, contract.start) == (ContractKind.RETAINER, date(2025, 1, 6))


async def test_notice_end_is_live_and_a_shortfall_asks_for_an_arrangement(db_path, read_back):
    add_client(db_path, contract=Contract(
        kind=ContractKind.RETAINER, start=date(2025, 1, 6), planned_last_day=date(2026, 2, 20),
        notice=NoticePeriod(1, NoticeUnit.MONTHS), notice_given_by=NoticeGivenBy.ME,
    ))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_stand(pilot)
        assert shown(screen, "#notice-end") == "Notice not given yet (1 month needed)"
        assert not screen.query_one("#row-arrangement").has_class("-needed")

        screen.query_one("#field-notice_given_on").focus()
        await pilot.press(*"2026-01-31")
        # Live, before anything is saved.
        assert shown(screen, "#notice-end") == "Notice ends 2026-02-28 (1 month from 2026-01-31)"
        assert shown(screen, "#sufficiency") == (
            "Notice falls 8 days short of the planned last day 2026-02-20"
        )
        assert screen.query_one("#sufficiency").has_class("-short")
        assert screen.query_one("#row-arrangement").has_class("-needed")
        assert app.repo.client(1).contract.notice_given_on is None

        await pilot.press("tab")
        assert app.repo.client(1).contract.notice_given_on == date(2026, 1, 31)
        assert "Agree an arrangement: notice falls 8 days short" in shown(screen, "#todo")

        screen.query_one("#field-arrangement", Input).value = "Pay in lieu for 8 days"
        screen.query_one("#field-arrangement").focus()
        await pilot.press("enter")
        assert screen.query_one("#row-arrangement").has_class("-needed", "-agreed")
        assert shown(screen, "#todo") == "✓ This step is done"

    [acme] = read_back()
    assert acme.contract.notice_given_on == date(2026, 1, 31)
    assert acme.contract.arrangement == "Pay in lieu for 8 days"
    assert acme.contract.notice_end == date(2026, 2, 28)


async def test_an_impossible_date_is_shown_at_its_field_and_not_stored(db_path, read_back) -> None:
    add_client(db_path, contract=Contract(start=date(2025, 1, 6)))
    before = db_path.read_bytes()
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_stand(pilot)
        await pilot.press("tab", *"2026-02-30", "tab")

        start = screen.query_one("#field-start", Input)
        assert "February 2026 has 28 days" in shown(screen, "#row-start .field-error")
        assert screen.query_one("#row-start").has_class("-invalid")
        assert start.value == "2026-02-30"
        assert app.focused is start

        await pilot.press("escape")  # leaving is held back once, with the reason
        assert app.screen is screen
        await pilot.press("escape")
        assert app.screen is not screen

    assert db_path.read_bytes() == before
    assert read_back()[0].contract.start == date(2025, 1, 6)


async def test_a_rule_broken_across_fields_is_shown_where_it_applies(db_path, read_back) -> None:
    add_client(db_path, contract=Contract(start=date(2025, 6, 1)))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_stand(pilot)
        await pilot.press("tab", "tab", *"2025-05-01", "enter")
        assert "before the start 2025-06-01" in shown(screen, "#row-planned_last_day .field-error")

        screen.query_one("#field-planned_last_day", Input).value = "2025-07-01"
        await pilot.press("enter")
        assert not screen.query_one("#row-planned_last_day").has_class("-invalid")

    assert read_back()[0].contract.planned_last_day == date(2025, 7, 1)


async def test_business_days_skip_weekends(db_path, read_back) -> None:
    add_client(db_path, contract=Contract(
        kind=ContractKind.RETAINER, notice_given_by=NoticeGivenBy.CLIENT,
        notice_given_on=date(2026, 3, 13),  # a Friday
    ))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_stand(pilot)
        screen.query_one("#field-notice_amount").focus()
        await pilot.press("1", "0", "tab")
        assert shown(screen, "#notice-end") == "Notice ends 2026-03-23 (10 days from 2026-03-13)"

        await pilot.press("tab", "space")
        assert shown(screen, "#notice-end") == (
            "Notice ends 2026-03-27 (10 business days from 2026-03-13)"
        )
        assert app.repo.client(1).contract.notice.business_days

        # Business days only count in days: weeks are refused at the unit.
        await pilot.press("shift+tab", "enter", "down", "enter")
        assert "only be counted in days" in shown(screen, "#row-notice_unit .field-error")

    notice = read_back()[0].contract.notice
    assert notice == NoticePeriod(10, NoticeUnit.DAYS, business_days=True)


async def test_undo_restores_the_value_before_the_change(db_path, read_back) -> None:
    add_client(db_path, contract=Contract(start=date(2025, 1, 6)))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_stand(pilot)
        await pilot.press("tab", *"2025-02-03", "shift+tab")
        assert app.repo.client(1).contract.start == date(2025, 2, 3)

        await pilot.press("u")
        assert screen.query_one("#field-start", Input).value == "2025-01-06"

    assert read_back()[0].contract.start == date(2025, 1, 6)


async def test_a_name_with_markup_is_shown_as_typed(db_path) -> None:
    add_client(db_path, name="[bold]Acme")
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_stand(pilot)
        tabs = screen.query_one(StepTabs)
        first_line = tabs.render_lines(tabs.region.reset_offset)[0].text
        assert first_line.strip().startswith("[bold]Acme   "), "the name, then the details"


async def test_escape_steps_out_of_a_field_then_leaves_the_step(db_path, read_back) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_stand(pilot)
        await pilot.press("tab", *"2025-01-06", "escape")
        assert app.focused is screen.query_one("#stand-form")
        assert read_back()[0].contract.start == date(2025, 1, 6)
        await pilot.press("4")
        assert app.screen.sub_title == "4 Exit interview"
        await pilot.press("1", "escape")
        await pilot.pause()
        assert app.screen.sub_title == "Clients: 1 shown"


async def test_the_to_do_list_shows_one_item_a_line(db_path) -> None:
    add_client(db_path, contract=Contract(kind=ContractKind.RETAINER))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_stand(pilot)
        assert shown(screen, "#todo").splitlines() == [
            "• Record who gave notice and when", "• Set the last day of the engagement"]


async def test_the_result_never_claims_a_value_the_save_refuses(db_path, read_back) -> None:
    add_client(db_path, contract=Contract(start=date(2025, 6, 1)))  # no contract: no notice
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_stand(pilot)
        assert shown(screen, "#todo") == "• Set the last day of the engagement"
        await pilot.press("tab", "tab", *"2025-05-01")  # before the start
        assert shown(screen, "#todo") == "• Set the last day of the engagement"
        await pilot.press("enter")
        assert "before the start" in shown(screen, "#row-planned_last_day .field-error")
        assert shown(screen, "#todo") == "• Set the last day of the engagement"

        screen.query_one("#field-planned_last_day", Input).value = "2025-07-01"
        await pilot.pause()
        assert shown(screen, "#todo") == "✓ This step is done"  # as typed, and valid
        await pilot.press("enter")

    assert read_back()[0].contract.planned_last_day == date(2025, 7, 1)
