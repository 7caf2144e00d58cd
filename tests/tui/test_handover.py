"""Step 3 through the real app: every change is on disk the moment it is made."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.handover import PRESETS, AssetKind, HandoverItem, HandoverStatus, ProjectKind
from tui.app import SendoffApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog
from tui.screens.handover import HandoverScreen
from tui.widgets.checklist import Checklist


def add_acme(db_path: Path, *handover: HandoverItem, kind: ProjectKind | None = None) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client.new(name="Acme Ltd", project_kind=kind, handover=list(handover)))


async def open_handover(pilot) -> HandoverScreen:
    await pilot.press("3")
    screen = pilot.app.screen
    assert isinstance(screen, HandoverScreen)
    return screen


def fill(dialog: FormDialog, **values: object) -> None:
    """Set the dialog's fields at once (typing every character is slow)."""
    for name, value in values.items():
        dialog.query_one(f"#field-{name}").value = value


def error_at(dialog: FormDialog, field: str) -> str:
    return str(dialog.query_one(f"#error-{field}", Static).render())


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notification the app shows, in order."""
    shown: list[str] = []
    monkeypatch.setattr(SendoffApp, "notify", lambda self, message, **kwargs: shown.append(message))
    return shown


async def test_add_an_item_and_its_location(db_path, read_back) -> None:
    add_acme(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_handover(pilot)
        assert screen.query_one("#handover-empty").display

        await pilot.press("a", *"Repo")
        fill(app.screen, kind=AssetKind.SOURCE_CODE, location="GitHub acme/site | main")
        await pilot.press("enter")

        handover = screen.query_one("#handover", Checklist)
        row = handover.cells(handover.keys[0])
        assert [cell.plain for cell in row] == ["☐", "Repo", "source code",
                                                "GitHub acme/site | main", ""]
        assert not screen.query_one("#handover-empty").display

    [acme] = read_back()
    assert [item.to_dict() | {"id": "-"} for item in acme.handover] == [
        HandoverItem("Repo", AssetKind.SOURCE_CODE, "GitHub acme/site | main", id="-").to_dict()
    ]


async def test_a_secret_looking_location_is_refused_at_the_field(db_path, read_back) -> None:
    add_acme(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_handover(pilot)
        await pilot.press("a")
        dialog = app.screen
        fill(dialog, what="Hosting", location="password: hunter2")
        await pilot.press("enter")

        assert app.screen is dialog
        assert "looks like a password" in error_at(dialog, "location")
        assert app.focused is dialog.query_one("#field-location")
        await pilot.press("escape")

    assert read_back()[0].handover == []


async def test_space_hands_over_an_item_with_a_location(db_path, read_back) -> None:
    add_acme(db_path, HandoverItem("Repo", location="GitHub acme/site", id="r1"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_handover(pilot)
        await pilot.press("space")
        handover = screen.query_one("#handover", Checklist)
        assert handover.cells(handover.keys[0])[0].plain == "☑"
        assert app.repo.undo() == "hand over Repo"
        screen.reload()
        await pilot.press("space", "space")  # handed over, then back to pending

    assert read_back()[0].handover[0].status is HandoverStatus.PENDING


async def test_handing_over_without_a_location_asks_where_it_is(db_path, read_back, notes) -> None:
    add_acme(db_path, HandoverItem("Site map", id="s1"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_handover(pilot)
        await pilot.press("space")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert notes == ["say where the client finds it before marking it handed over"]
        assert "say where the client finds it" in error_at(dialog, "location")
        assert dialog.query_one("#field-status").value is HandoverStatus.HANDED_OVER
        assert app.focused is dialog.query_one("#field-location")
        assert app.repo.client(1).handover[0].status is HandoverStatus.PENDING

        await pilot.press(*"Drive", "enter")

    [item] = read_back()[0].handover
    assert (item.id, item.status, item.location) == ("s1", HandoverStatus.HANDED_OVER, "Drive")


async def test_edit_and_delete_then_undo(db_path, read_back, notes) -> None:
    add_acme(db_path, HandoverItem("Repo", id="r1"), HandoverItem("Logo", id="l2"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_handover(pilot)
        await pilot.press("e")
        fill(app.screen, what="Source code", location="GitHub acme/site")
        await pilot.press("enter")

        await pilot.press("j", "d")
        assert [item.id for item in app.repo.client(screen.client_id).handover] == ["r1"]
        assert notes[-1] == "Deleted “Logo”. Press u to undo."
        await pilot.press("u")
        assert len(screen.query_one("#handover", Checklist).keys) == 2

    assert [(item.id, item.what, item.location) for item in read_back()[0].handover] == [
        ("r1", "Source code", "GitHub acme/site"),
        ("l2", "Logo", ""),
    ]


async def test_presets_for_the_project_kind_come_in_one_key(db_path, read_back, notes) -> None:
    add_acme(db_path, HandoverItem("Site map", id="s1"), kind=ProjectKind.WEBSITE)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_handover(pilot)
        await pilot.press("p", "enter")  # every preset is ticked: enter adds them all
        assert notes[-1] == "Added 7 items usual for website; fill in where each lives."
        await pilot.press("p")
        assert notes[-1] == "All presets for website are already on the list."

    [acme] = read_back()
    assert [(item.what, item.kind) for item in acme.handover] == list(PRESETS[ProjectKind.WEBSITE])
    assert acme.handover[0].id == "s1"


async def test_presets_ask_for_the_project_kind_once(db_path, read_back, notes) -> None:
    add_acme(db_path)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_handover(pilot)
        await pilot.press("p")
        dialog = app.screen
        assert app.focused is dialog.query_one("#field-kind")
        assert "Save" in [binding.description for (_, binding, enabled, _) in
                          dialog.active_bindings.values() if binding.show and enabled]
        fill(dialog, kind=ProjectKind.CONSULTING)
        await pilot.press("ctrl+s", "enter")
        assert notes[-1] == "Added 3 items usual for consulting; fill in where each lives."

    [acme] = read_back()
    assert acme.project_kind is ProjectKind.CONSULTING
    assert [(item.what, item.kind) for item in acme.handover] == list(
        PRESETS[ProjectKind.CONSULTING])


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_presets_let_the_user_choose_which_all_ticked_first(
        db_path, read_back, notes, screen_text, size) -> None:
    add_acme(db_path, HandoverItem("Site map", id="s1"), kind=ProjectKind.WEBSITE)
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await open_handover(pilot)
        await pilot.press("p")
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert "Usual items for a website project" in shown
        assert "Source code repository" in shown and "Site map" not in shown, "only the missing"
        assert "⏎ Add" in shown and "space ticks or unticks" in shown
        await pilot.press("space", "down", "space", "down", "space", "space", "enter")
        assert notes[-1] == "Added 5 items usual for website; fill in where each lives."

    [acme] = read_back()
    missing = [what for what, _ in PRESETS[ProjectKind.WEBSITE]][1:]
    assert [item.what for item in acme.handover] == ["Site map", *missing[2:]], (
        "the two unticked ones are left out")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_presets_read_ticked_and_unticked_as_the_checklists_do(
        db_path, screen_lines, size) -> None:
    """☑ when ticked, ☐ when not: never an X in both states, dimmed when off."""
    add_acme(db_path, kind=ProjectKind.CONSULTING)
    app = SendoffApp(db_path)
    async with app.run_test(size=size) as pilot:
        await open_handover(pilot)
        await pilot.press("p")
        await pilot.pause()
        first, second = [what for what, _ in PRESETS[ProjectKind.CONSULTING]][:2]

        def row(what: str) -> str:
            return next(line for line in screen_lines(app) if what in line)

        assert "☑" in row(first) and "☑" in row(second)
        await pilot.press("space")
        await pilot.pause()
        assert "☐" in row(first) and "☑" not in row(first) and "☑" in row(second)
        assert not any("X" in line for line in screen_lines(app) if first in line)


async def test_presets_escape_and_nothing_ticked_add_nothing(db_path, read_back, notes) -> None:
    add_acme(db_path, kind=ProjectKind.CONSULTING)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_handover(pilot)
        await pilot.press("p", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        await pilot.press("p", "space", "down", "space", "down", "space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        assert notes[-1] == "Nothing was added: no item was ticked."
    assert read_back()[0].handover == []


async def test_withhold_needs_a_reason(db_path, read_back) -> None:
    add_acme(db_path, HandoverItem("Design files", AssetKind.DESIGN, id="d1"))
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_handover(pilot)
        await pilot.press("w", "enter")
        dialog = app.screen
        assert "say why this item is withheld" in error_at(dialog, "withheld_reason")
        assert app.repo.client(screen.client_id).handover[0].status is HandoverStatus.PENDING

        fill(dialog, withheld_reason="Final invoice is open",
             release_condition="design files once the final invoice is paid",
             release_on="2026-04-01")
        await pilot.press("enter")
        handover = screen.query_one("#handover", Checklist)
        cells = handover.cells(handover.keys[0])
        assert (cells[0].plain, cells[4].plain) == (
            "⏸", "design files once the final invoice is paid · 2026-04-01")

    [item] = read_back()[0].handover
    assert (item.status, item.withheld_reason, item.release_condition, item.release_on) == (
        HandoverStatus.WITHHELD, "Final invoice is open",
        "design files once the final invoice is paid", date(2026, 4, 1))


async def test_export_writes_the_manifest(db_path, tmp_path, monkeypatch, notes,
                                          usual_umask) -> None:
    monkeypatch.chdir(tmp_path)
    add_acme(db_path, HandoverItem("Repo", location="GitHub acme/site",
                                   status=HandoverStatus.HANDED_OVER))
    target = tmp_path / "handover-acme-ltd.md"
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_handover(pilot)
        await pilot.press("m")
        assert app.screen.query_one("#field-path").value == str(target)
        await pilot.press("enter")
        assert notes[-1] == f"Wrote the handover manifest to {target}"

    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Handover for Acme Ltd\n")
    assert "| Repo | document | GitHub acme/site | handed over |" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600, "it names people and how to reach them"


async def test_export_asks_before_replacing_a_file(db_path, tmp_path, monkeypatch, notes,
                                                   usual_umask) -> None:
    monkeypatch.chdir(tmp_path)
    add_acme(db_path)
    target = tmp_path / "handover-acme-ltd.md"
    target.write_text("the signed copy", encoding="utf-8")
    target.chmod(0o644)
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_handover(pilot)
        await pilot.press("m", "enter")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        assert notes[-1] == "Nothing was written."
        assert target.read_text(encoding="utf-8") == "the signed copy"

        await pilot.press("m", "enter", "enter")

    assert target.read_text(encoding="utf-8").startswith("# Handover for Acme Ltd")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_export_never_writes_over_sendoffs_own_files(db_path, tmp_path, monkeypatch,
                                                           notes) -> None:
    monkeypatch.chdir(tmp_path)
    add_acme(db_path)
    with Repository(db_path) as repo:  # a second session: the data file has its first backup
        repo.add_client(Client(name="Beta"))
    backup = db_path.with_name(f"{db_path.name}.bak1")
    before = backup.read_bytes()
    app = SendoffApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_handover(pilot)
        await pilot.press("m")
        fill(app.screen, path=str(backup))
        await pilot.press("enter")
        assert isinstance(app.screen, FormDialog)
        assert "one of Sendoff's own files" in error_at(app.screen, "path")
    assert backup.read_bytes() == before
