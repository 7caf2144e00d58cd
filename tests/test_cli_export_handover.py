"""`sendoff export-handover`: run as a real process against a real data file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from storage.records.handover import AssetKind, HandoverItem, HandoverStatus
from tests.cli_process import sendoff

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def acme_db(db_path: Path) -> Path:
    with Repository(db_path) as repo:
        repo.add_client(Client.new(name="Acme Ltd", handover=[
            HandoverItem("Source code repository", AssetKind.SOURCE_CODE, "GitHub acme/site",
                         HandoverStatus.HANDED_OVER),
            HandoverItem("Site map"),
        ]))
    return db_path



def test_writes_the_manifest_to_the_file(acme_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover.md"

    result = sendoff("--db", str(acme_db), "export-handover", "Acme", "-o", str(out))

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote the handover manifest for Acme Ltd to {out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Handover for Acme Ltd\n\nPrepared on 2026-03-15")
    assert "| Source code repository | source code | GitHub acme/site | handed over |" in text
    assert "- **Site map** (document)" in text


def test_without_a_file_prints_the_manifest(acme_db: Path) -> None:
    result = sendoff("export-handover", "acme", "--db", str(acme_db))

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Handover for Acme Ltd\n")
    assert "Received by:" in result.stdout


def test_an_unknown_client_fails_clearly(acme_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover.md"

    result = sendoff("--db", str(acme_db), "export-handover", "Globex", "-o", str(out))

    assert result.returncode == 1
    assert result.stderr == f"sendoff: No client is called 'Globex' in {acme_db}.\n"
    assert result.stdout == ""
    assert not out.exists()


def test_the_file_is_private(acme_db: Path, tmp_path: Path, usual_umask) -> None:
    out = tmp_path / "handover.md"

    result = sendoff("--db", str(acme_db), "export-handover", "Acme", "-o", str(out))

    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_an_existing_file_is_kept_unless_forced(acme_db: Path, tmp_path: Path,
                                                usual_umask) -> None:
    out = tmp_path / "handover.md"
    out.write_text("keep me", encoding="utf-8")
    out.chmod(0o644)

    refused = sendoff("--db", str(acme_db), "export-handover", "Acme", "-o", str(out))

    assert refused.returncode == 1
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "keep me"

    forced = sendoff("--db", str(acme_db), "export-handover", "Acme", "-o", str(out), "--force")

    assert forced.returncode == 0, forced.stderr
    assert out.read_text(encoding="utf-8").startswith("# Handover for Acme Ltd")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_never_writes_over_the_data_file(acme_db: Path) -> None:
    before = acme_db.read_bytes()

    result = sendoff("--db", str(acme_db), "export-handover", "Acme", "-o", str(acme_db), "--force")

    assert result.returncode == 1
    assert "is the data file itself" in result.stderr
    assert acme_db.read_bytes() == before


def test_never_writes_over_the_files_kept_beside_the_data_file(acme_db: Path) -> None:
    with Repository(acme_db) as repo:  # a second session: the first backup and the index
        repo.add_client(Client(name="Globex"))
    journal = acme_db.with_name(f"{acme_db.name}.journal")
    journal.write_bytes(b"a record cut short")  # as a killed app may leave it
    kept = [acme_db.with_name(f"{acme_db.name}.bak1"), acme_db.with_name(f"{acme_db.name}.index"),
            journal]
    before = [path.read_bytes() for path in kept]

    for path in kept:
        result = sendoff("--db", str(acme_db), "export-handover", "Acme", "-o", str(path),
                         "--force")
        assert result.returncode == 1
        assert f"{path} is one of Sendoff's own files" in result.stderr
    assert [path.read_bytes() for path in kept] == before


def test_works_while_the_app_holds_the_writer_lock(acme_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover.md"
    with Repository(acme_db):  # the app is open on the same file
        result = sendoff("--db", str(acme_db), "export-handover", "Acme", "-o", str(out))

    assert result.returncode == 0, result.stderr
    assert out.exists()


def test_export_does_not_import_textual(acme_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "handover.md"
    script = (
        "import sys\n"
        "from tui.cli import main\n"
        f"code = main(['--db', {str(acme_db)!r}, 'export-handover', 'Acme', '-o', {str(out)!r}])\n"
        "assert code == 0, code\n"
        "assert 'textual' not in sys.modules, 'the export imported textual'\n"
    )
    env = {**os.environ, "SENDOFF_TODAY": "2026-03-15", "PYTHONPATH": str(ROOT)}

    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=30)

    assert result.returncode == 0, result.stderr
    assert out.exists()


# -- choosing the client ---------------------------------------------------------------------------


@pytest.fixture
def namesakes_db(db_path: Path) -> Path:
    """Two clients with the very same name (one archived), one whose name starts theirs, and
    two that share a start; each with its own handover item, to tell which one was written."""
    with Repository(db_path) as repo:
        for name, contact, archived in (
            ("Acme Ltd", "Ana Souza", False), ("ACME LTD", "Bo Chen", True),
            ("Acme", "", False), ("Blue Heron", "", False), ("Blue\x1b[2JHaze", "", False),
        ):
            repo.add_client(Client.new(name=name, contact_person=contact, archived=archived,
                                   handover=[HandoverItem(f"Notes from {contact or name}")]))
    return db_path


def handover_of(db_path: Path, chosen: str) -> subprocess.CompletedProcess[str]:
    return sendoff("--db", str(db_path), "export-handover", chosen)


def test_an_exact_name_in_any_case_wins_over_longer_names(namesakes_db: Path) -> None:
    result = handover_of(namesakes_db, "acme")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Handover for Acme\n")


def test_the_start_of_a_name_is_enough_when_only_one_client_has_it(namesakes_db: Path) -> None:
    result = handover_of(namesakes_db, "blue h")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Handover for Blue Heron\n")


def test_two_clients_of_the_same_name_are_listed_with_their_numbers(namesakes_db: Path) -> None:
    result = handover_of(namesakes_db, "Acme Ltd")

    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        f"sendoff: 'Acme Ltd' matches 2 clients in {namesakes_db}; give the number of the one "
        "you mean instead, in quotes (the shell reads # as a comment), e.g. '#1':\n"
        "  #1  Acme Ltd — Ana Souza\n"
        "  #2  ACME LTD (archived) — Bo Chen\n"
    )
    for number, contact in (("#1", "Ana Souza"), ("#2", "Bo Chen")):
        chosen = handover_of(namesakes_db, number)
        assert chosen.returncode == 0, chosen.stderr
        assert f"Notes from {contact}" in chosen.stdout


def test_a_start_shared_by_several_lists_them_printably(namesakes_db: Path) -> None:
    result = handover_of(namesakes_db, "Blue")

    assert result.returncode == 1
    assert sorted(result.stderr.splitlines()[1:]) == ["  #4  Blue Heron", "  #5  Blue␛[2JHaze"]
    assert "\x1b" not in result.stderr


def test_a_number_names_exactly_one_client(namesakes_db: Path) -> None:
    unknown = handover_of(namesakes_db, "#99")
    empty = handover_of(namesakes_db, "  ")

    assert unknown.returncode == 1
    assert unknown.stderr == f"sendoff: There is no client #99 in {namesakes_db}.\n"
    assert empty.returncode == 1
    assert empty.stderr == ("sendoff: say which client: its name, the start of its name, "
                            "or its number such as '#3'\n")


def test_a_name_that_looks_like_a_number_is_still_found(db_path: Path) -> None:
    with Repository(db_path) as repo:
        repo.add_client(Client(name="#42 Studio"))

    assert handover_of(db_path, "#42").stdout.startswith("# Handover for \\#42 Studio\n")


@pytest.mark.parametrize("command", [["export-handover", "Acme"], ["export-ics"]])
def test_both_exports_keep_an_existing_file_alike(acme_db: Path, tmp_path: Path,
                                                  command: list[str]) -> None:
    """`export-ics -o` and `export-handover -o` agree: refused without --force, same words."""
    out = tmp_path / "existing"
    out.write_text("keep me", encoding="utf-8")

    refused = sendoff("--db", str(acme_db), *command, "-o", str(out))

    assert refused.returncode == 1
    assert refused.stderr == (f"sendoff: {out} already exists; nothing was written "
                              "(use --force to replace it)\n")
    assert out.read_text(encoding="utf-8") == "keep me"
    assert sendoff("--db", str(acme_db), *command, "-o", str(out), "--force").returncode == 0
    assert out.read_text(encoding="utf-8") != "keep me"
