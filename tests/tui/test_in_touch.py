"""Step 5 through the real app: follow-ups, contacts and the forward queue, saved at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select, Static

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.contact import Contact, ForwardItem
from storage.records.follow_up import FollowUp, FollowUpKind
from tui.app import SendoffApp
from tui.dialogs.form import FormDialog
from tui.screens.in_touch import InTouchScreen
from tui.widgets.checklist import Checklist

TODAY = date(2026, 3, 15)


def add_client(db_path: Path, **fields) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client.new(**{"name": "Acme", **fields}))


async def open_in_touch(pilot) -> InTouchScreen:
    await pilot.press("5")
    screen = pilot.app.screen
    assert isinstance(screen, InTouchScreen)
    return screen


def plain(widget: Static) -> str:
    return str(widget.render())


def column(table: Checklist, col: int) -> list[str]:
    """Column ``col`` of each row, as the list draws it."""
    widths = table.column_widths()
    start = sum(width + 2 for width in widths[:col] if width) + 1  # a cell of padding each side
    return [table.render_line(row + 1).text[start:start + widths[col]].rstrip()  # the header
            for row in range(len(table.keys))]


async def add_follow_up(pilot, preset: str, **values: str) -> FormDialog:
    """Open the add dialog, choose ``preset``, type ``values`` and press ctrl+s."""
    await pilot.press("a")
    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog)
    dialog.query_one("#field-preset", Select).value = preset
    await pilot.pause()
    for name, value in values.items():
        dialog.query_one(f"#field-{name}", Input).value = value
    await pilot.press("ctrl+s")
    return dialog


async def test_an_empty_step_explains_each_list(db_path) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        assert "press a to add one" in plain(screen.query_one("#follow-ups-empty"))
        assert "press l whenever you get in touch" in plain(screen.query_one("#contacts-empty"))
        assert "press f to keep an article" in plain(screen.query_one("#forward-empty"))
        assert app.focused is screen.query_one("#follow-ups")
        await pilot.press("tab")
        assert app.focused is screen.query_one("#contacts")
        await pilot.press("tab")
        assert app.focused is screen.query_one("#forward")
        await pilot.press("tab")
        assert app.focused is screen.query_one("#follow-ups")


async def test_add_twice_a_year_shows_its_next_three_dates(db_path, read_back) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        await pilot.press("a")
        dialog = app.screen
        # Only the fields a month-based preset needs are shown.
        assert not dialog.query_one("#field-rule").display
        assert not dialog.query_one("#field-birthday").display
        assert dialog.query_one("#field-start", Input).value == "2026-03-15"
        dialog.query_one("#field-start", Input).value = "2026-03-20"
        await pilot.press("ctrl+s")

        assert app.screen is screen
        table = screen.query_one("#follow-ups", Checklist)
        assert column(table, 0) == ["Twice a year"]
        assert column(table, 1) == ["● fresh"]
        assert column(table, 2) == ["2026-03-20"]
        assert column(table, 3) == ["2026-09-20, 2027-03-20"]
        assert "every 6 months from 2026-03-20" in plain(screen.query_one("#follow-up-detail"))
        assert not screen.query_one("#follow-ups-empty").display

    [acme] = read_back()
    [follow_up] = acme.follow_ups
    assert (follow_up.preset, follow_up.rule, follow_up.start, follow_up.grace_days) == (
        "twice-a-year", "FREQ=MONTHLY;INTERVAL=6", date(2026, 3, 20), 14)


async def test_birthday_preset_uses_the_clients_birthday(db_path, read_back) -> None:
    add_client(db_path, birthday=date(1980, 6, 2))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        await add_follow_up(pilot, "birthday")
        assert app.screen is screen
        assert column(screen.query_one("#follow-ups", Checklist), 2) == ["2026-06-02"]

    [follow_up] = read_back()[0].follow_ups
    assert (follow_up.rule, follow_up.start) == ("FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=2",
                                                 date(2026, 6, 2))


async def test_birthday_preset_without_a_birthday_asks_for_it_at_its_field(db_path,
                                                                          read_back) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        dialog = await add_follow_up(pilot, "birthday")
        assert app.screen is dialog
        assert "birthday is needed" in plain(dialog.query_one("#error-birthday"))
        assert app.focused is dialog.query_one("#field-birthday")
        assert app.repo.client(screen.client_id).follow_ups == []

        dialog.query_one("#field-birthday", Input).value = "1985-11-30"
        await pilot.press("enter")
        assert app.screen is screen

    [acme] = read_back()
    assert acme.birthday == date(1985, 11, 30)
    assert [(f.preset, f.start) for f in acme.follow_ups] == [("birthday", date(2026, 11, 30))]


async def test_a_custom_rule_is_stored_and_a_broken_one_explained(db_path, read_back) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        dialog = await add_follow_up(pilot, "custom", rule="FREQ=HOURLY", label="News")
        assert app.screen is dialog
        assert dialog.query_one("#field-rule").display
        assert "days, not hours" in plain(dialog.query_one("#error-rule"))
        assert app.focused is dialog.query_one("#field-rule")
        await pilot.press("escape", "enter")  # typed changes: Escape asks, enter discards them
        assert app.repo.client(screen.client_id).follow_ups == []

        await add_follow_up(pilot, "custom", rule="freq=monthly;interval=2;count=6",
                            label="Newsletter")
        assert app.screen is screen
        table = screen.query_one("#follow-ups", Checklist)
        assert column(table, 3) == ["2026-05-15, 2026-07-15"]

    [follow_up] = read_back()[0].follow_ups
    assert (follow_up.label, follow_up.rule, follow_up.preset) == (
        "Newsletter", "FREQ=MONTHLY;INTERVAL=2;COUNT=6", "custom")


async def test_a_cadence_shows_only_its_next_date(db_path, read_back) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        dialog = await add_follow_up(pilot, "cadence", cadence_days="0")
        assert "between 1 and" in plain(dialog.query_one("#error-cadence_days"))
        dialog.query_one("#field-cadence_days", Input).value = "45"
        await pilot.press("ctrl+s")

        table = screen.query_one("#follow-ups", Checklist)
        assert column(table, 0) == ["Every 45 days"]
        assert column(table, 2) == ["2026-04-29"]
        assert column(table, 3) == ["then 45 days after the next contact"]

    [follow_up] = read_back()[0].follow_ups
    assert (follow_up.kind, follow_up.cadence_days, follow_up.start) == (
        FollowUpKind.CADENCE, 45, TODAY)


async def test_contacted_today_marks_done_and_sends_the_forward_queue(db_path, read_back) -> None:
    add_client(
        db_path,
        follow_ups=[FollowUp.from_preset("twice-a-year", date(2026, 3, 1))],
        forward_queue=[ForwardItem("Audit article", TODAY, link="https://example.com/a"),
                       ForwardItem("Intro to Bea", TODAY)],
    )
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        table = screen.query_one("#follow-ups", Checklist)
        assert column(table, 1) == ["● due"]

        await pilot.press("c")
        dialog = app.screen
        assert dialog.query_one("#field-channel", Input).value == "email"
        assert "Audit article; Intro to Bea" in plain(dialog.query(".field-hint").first())
        dialog.query_one("#field-note", Input).value = "Caught up"
        await pilot.press("enter")

        assert app.screen is screen
        assert column(table, 1) == ["● fresh"]
        assert column(table, 2) == ["2026-09-01"]
        assert screen.query_one("#forward-empty").display
        contacts = screen.query_one("#contacts", Checklist)
        assert column(contacts, 0) == ["2026-03-15"]
        assert column(contacts, 3)[0].startswith("Audit article (https://exam")

    [acme] = read_back()
    assert acme.follow_ups[0].handled_through == date(2026, 3, 1)
    [contact] = acme.contacts
    assert (contact.on, contact.channel, contact.note, contact.follow_up_id) == (
        TODAY, "email", "Caught up", acme.follow_ups[0].id)
    assert contact.forwarded == ["Audit article (https://example.com/a)", "Intro to Bea"]
    assert acme.forward_queue == []


async def test_space_is_contacted_today_too_and_only_in_the_follow_ups(db_path, read_back) -> None:
    add_client(db_path, follow_ups=[FollowUp.from_cadence("Coffee", 30, date(2026, 1, 1))])
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        assert "c" in screen.active_bindings
        await pilot.press("tab")  # the contact log: "contacted" is about a follow-up
        assert "c" not in screen.active_bindings
        await pilot.press("space")
        assert app.screen is screen

        await pilot.press("shift+tab", "space")
        assert isinstance(app.screen, FormDialog)
        await pilot.press("enter")

    [acme] = read_back()
    assert acme.follow_ups[0].handled_through == TODAY
    assert [contact.on for contact in acme.contacts] == [TODAY]


async def test_snooze_moves_one_date_and_must_move_it_later(db_path, read_back) -> None:
    add_client(db_path, follow_ups=[FollowUp.from_preset("twice-a-year", date(2026, 3, 20))])
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        await pilot.press("s")
        dialog = app.screen
        field = dialog.query_one("#field-to", Input)
        assert field.value == "2026-03-27"
        field.value = "2026-03-19"
        await pilot.press("enter")
        assert app.screen is dialog
        assert "is not later" in plain(dialog.query_one("#error-to"))

        field.value = "2026-03-27"
        await pilot.press("enter")
        table = screen.query_one("#follow-ups", Checklist)
        assert column(table, 2) == ["2026-03-27"]
        assert column(table, 3) == ["2026-09-20, 2027-03-20"]

    [follow_up] = read_back()[0].follow_ups
    assert follow_up.exdates == [date(2026, 3, 20)]
    assert follow_up.rdates == [date(2026, 3, 27)]
    assert follow_up.rule == "FREQ=MONTHLY;INTERVAL=6"


async def test_logging_a_contact_restarts_a_cadence(db_path, read_back) -> None:
    add_client(db_path, follow_ups=[FollowUp.from_cadence("Coffee", 30, date(2026, 1, 1))],
               forward_queue=[ForwardItem("Audit article", TODAY)])
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        table = screen.query_one("#follow-ups", Checklist)
        assert column(table, 1) == ["● stale"]

        await pilot.press("l")
        dialog = app.screen
        assert dialog.query_one("#field-on", Input).value == "2026-03-15"
        assert dialog.query_one("#field-forward", Checkbox).value is True
        dialog.query_one("#field-on", Input).value = "2026-03-10"
        dialog.query_one("#field-channel", Input).value = "coffee"
        dialog.query_one("#field-forward", Checkbox).value = False
        await pilot.press("enter")

        assert column(table, 1) == ["● fresh"]
        assert column(table, 2) == ["2026-04-09"]
        assert app.focused is screen.query_one("#contacts")
        assert not screen.query_one("#forward-empty").display

    [acme] = read_back()
    [contact] = acme.contacts
    assert (contact.on, contact.channel, contact.follow_up_id, contact.forwarded) == (
        date(2026, 3, 10), "coffee", None, [])
    assert [item.text for item in acme.forward_queue] == ["Audit article"]
    assert acme.follow_ups[0].next_due(last_contact=acme.last_contact) == date(2026, 4, 9)


async def test_the_contact_log_is_newest_first(db_path) -> None:
    add_client(db_path, contacts=[Contact(date(2026, 1, 5), "email", "[b]hi"),
                                  Contact(date(2026, 2, 5), "call"),
                                  Contact(date(2025, 12, 1), "coffee")])
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        contacts = screen.query_one("#contacts", Checklist)
        assert column(contacts, 0) == ["2026-02-05", "2026-01-05", "2025-12-01"]
        assert column(contacts, 2)[1] == "[b]hi"
        assert "Last contact 2026-02-05 (38 days ago)" in plain(screen.query_one("#summary"))


async def test_forward_queue_add_and_delete(db_path, read_back) -> None:
    add_client(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        await pilot.press("f", "enter")
        dialog = app.screen
        assert "cannot be empty" in plain(dialog.query_one("#error-text"))
        dialog.query_one("#field-text", Input).value = "Audit article"
        dialog.query_one("#field-link", Input).value = "https://example.com/a"
        await pilot.press("enter")
        await pilot.press("f", *"Bea", "enter")
        forward = screen.query_one("#forward", Checklist)
        assert app.focused is forward
        assert column(forward, 0) == ["Audit article", "Bea"]
        assert forward.border_subtitle == "sent with your next contact (c or l)"

        await pilot.press("d")
        assert column(forward, 0) == ["Audit article"]

    [acme] = read_back()
    assert [(item.text, item.link, item.added_on) for item in acme.forward_queue] == [
        ("Audit article", "https://example.com/a", TODAY)]


async def test_delete_a_follow_up_and_undo(db_path, read_back) -> None:
    add_client(db_path, follow_ups=[FollowUp.from_preset("monthly", TODAY, label="One"),
                                    FollowUp.from_preset("quarterly", TODAY, label="Two")])
    app = SendoffApp(db_path)
    notes: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.notify = lambda message, **kwargs: notes.append(message)
        screen = await open_in_touch(pilot)
        table = screen.query_one("#follow-ups", Checklist)
        await pilot.press("j", "d")
        assert column(table, 0) == ["One"]
        assert notes[-1] == "Deleted “Two”. Press u to undo."

        await pilot.press("u")
        assert column(table, 0) == ["One", "Two"]
        assert notes[-1] == "Undone: delete “Two”"

    assert [f.label for f in read_back()[0].follow_ups] == ["One", "Two"]


async def test_edit_a_custom_rule_keeps_its_snoozes(db_path, read_back) -> None:
    follow_up = FollowUp.from_rule("News", "FREQ=MONTHLY", date(2026, 3, 20))
    follow_up.snooze(date(2026, 3, 20), date(2026, 3, 22), last_contact=None)
    add_client(db_path, follow_ups=[follow_up])
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_in_touch(pilot)
        await pilot.press("e")
        dialog = app.screen
        dialog.query_one("#field-rule", Input).value = "FREQ=MONTHLY;BYDAY=XX"
        await pilot.press("enter")
        assert app.screen is dialog
        assert plain(dialog.query_one("#error-rule"))
        dialog.query_one("#field-rule", Input).value = "freq=monthly;interval=2"
        dialog.query_one("#field-grace_days", Input).value = "7"
        dialog.query_one("#field-label", Input).value = "Industry news"
        await pilot.press("enter")

    [stored] = read_back()[0].follow_ups
    assert (stored.label, stored.rule, stored.grace_days) == (
        "Industry news", "FREQ=MONTHLY;INTERVAL=2", 7)
    assert (stored.exdates, stored.rdates) == ([date(2026, 3, 20)], [date(2026, 3, 22)])


async def test_names_labels_and_notes_render_as_typed(db_path) -> None:
    add_client(db_path, name="[bold]Acme\x1b[31m",
               follow_ups=[FollowUp.from_preset("monthly", TODAY, label="[red]Hi")],
               forward_queue=[ForwardItem("[link=x]read", TODAY)])
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        assert plain(screen.query_one("#tabs")).startswith("[bold]Acme␛[31m")
        assert column(screen.query_one("#follow-ups", Checklist), 0) == ["[red]Hi"]
        assert column(screen.query_one("#forward", Checklist), 0) == ["[link=x]read"]
        await pilot.press("c")
        assert "[bold]Acme␛[31m" in plain(app.screen.query_one("#form-title"))


async def test_at_80_columns_the_dates_fit_and_the_rule_is_under_the_list(db_path) -> None:
    add_client(db_path, follow_ups=[FollowUp.from_cadence("Coffee when we have news", 120, TODAY),
                                    FollowUp.from_preset("monthly", TODAY)],
               contacts=[Contact(TODAY, "email", "A long note " * 10, forwarded=["x " * 40])])
    app = SendoffApp(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_in_touch(pilot)
        table = screen.query_one("#follow-ups", Checklist)
        assert [column.label for column in table.columns] == [
            "Follow-up", "State", "Next", "Then"]
        assert column(table, 0)[0] == "Coffee when we…"
        for list_id in ("follow-ups", "contacts"):
            shown = screen.query_one(f"#{list_id}", Checklist)
            assert shown.virtual_size.width <= shown.scrollable_content_region.width
        assert "every 120 days after the last contact" in plain(
            screen.query_one("#follow-up-detail"))
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert [column.label for column in table.columns][-1] == "Repeats"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_snoozing_past_the_next_regular_date_says_that_date_now_comes_first(
        db_path, size) -> None:
    add_client(db_path, follow_ups=[FollowUp.from_preset("monthly", date(2026, 3, 20))])
    app = SendoffApp(db_path)
    told: list[str] = []
    async with app.run_test(size=size) as pilot:
        app.notify = lambda message, **kwargs: told.append(message)
        screen = await open_in_touch(pilot)
        await pilot.press("s")
        app.screen.query_one("#field-to", Input).value = "2026-04-25"
        await pilot.press("enter")
        await pilot.pause()
        assert told[-1] == ("Moved “Monthly” of Acme from 2026-03-20 to 2026-04-25. "
                            "2026-04-20 now comes first.")
        table = screen.query_one("#follow-ups", Checklist)
        assert column(table, 2) == ["2026-04-20"]
        await pilot.press("s")  # 2026-04-20 to a day before 2026-04-25: nothing jumped over
        app.screen.query_one("#field-to", Input).value = "2026-04-22"
        await pilot.press("enter")
        await pilot.pause()
        assert told[-1] == "Moved “Monthly” of Acme from 2026-04-20 to 2026-04-22."


async def test_a_contact_is_logged_with_one_of_their_people(db_path, read_back,
                                                            screen_text) -> None:
    """The dialog asks with whom, the main contact to begin with; names show as typed."""
    from textual.widgets import Select

    from storage.records.person import Person

    add_client(db_path, contact_person="Ana", people=[])
    with Repository(db_path) as repo:
        acme = repo.client(1)
        acme.people.append(Person("[b]Bo"))
        repo.save_client(acme)
    bo = acme.people[1]
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_in_touch(pilot)
        await pilot.press("l")
        await pilot.pause()
        with_whom = app.screen.query_one("#field-person_id", Select)
        assert with_whom.value == acme.main_person.id
        with_whom.value = bo.id
        await pilot.pause()
        assert "[b]Bo" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "email with [b]Bo" in screen_text(app), "the log says with whom"
    [contact] = read_back()[0].contacts
    assert contact.person_id == bo.id


async def test_a_birthday_follow_up_is_the_persons_chosen(db_path, read_back) -> None:
    """Whose birthday: the main contact to begin with; another person's is kept on them, and
    their own birthday is used when none is typed."""
    from storage.records.person import Person

    add_client(db_path, contact_person="Ana", birthday=date(1980, 6, 2))
    with Repository(db_path) as repo:
        acme = repo.client(1)
        acme.people.append(Person("Bo", birthday=date(1975, 4, 9)))
        repo.save_client(acme)
    ana, bo = acme.people
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_in_touch(pilot)
        await pilot.press("a")
        dialog = app.screen
        dialog.query_one("#field-preset", Select).value = "birthday"
        await pilot.pause()
        whose = dialog.query_one("#field-person_id", Select)
        assert whose.display and whose.value == ana.id
        whose.value = bo.id
        dialog.query_one("#field-birthday", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    [follow_up] = read_back()[0].follow_ups
    assert (follow_up.person_id, follow_up.start) == (bo.id, date(2026, 4, 9))


async def test_editing_a_contact_offers_whom_it_was_with_and_keeps_a_notes_lines(
        db_path, read_back) -> None:
    from textual.widgets import TextArea

    from storage.records.person import Person

    CY = "c0ffee01"
    note = "Subject: Hello again\n\nHello Bo,\nthe article you asked for."
    add_client(db_path, contact_person="Bo Lind", main_contact="b0b0b0b0",
               people=[Person("Bo Lind", id="b0b0b0b0"), Person("Cy Moss", id=CY)],
               contacts=[Contact(date(2026, 3, 1), "email", note=note)])
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_in_touch(pilot)
        screen.query_one("#contacts", Checklist).focus()
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        who = dialog.query_one("#field-person_id", Select)
        assert who.value == ""  # logged with nobody in particular: not the main contact
        assert dialog.query_one("#field-note", TextArea).text == note  # its lines, to read
        who.value = CY
        dialog.query_one("#field-channel", Input).value = "letter"
        await pilot.press("ctrl+s")
        assert app.screen is screen
    [contact] = read_back()[0].contacts
    assert (contact.channel, contact.note) == ("letter", note)
    assert contact.person_id == CY
