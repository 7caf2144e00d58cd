"""The handover manifest: a receipt the client can read, check and sign."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from storage.outputs.manifest import handover_manifest, manifest_file_name, write_manifest
from storage.records.client import Client
from storage.records.handover import AssetKind, HandoverItem, HandoverStatus

TODAY = date(2026, 3, 15)


def acme() -> Client:
    return Client.new(
        name="Acme Ltd",
        handover=[
            HandoverItem("Source code repository", AssetKind.SOURCE_CODE, "GitHub acme/site",
                         HandoverStatus.HANDED_OVER),
            HandoverItem("Design files", AssetKind.DESIGN, status=HandoverStatus.WITHHELD,
                         withheld_reason="Final invoice is open",
                         release_condition="the final invoice is paid",
                         release_on=date(2026, 4, 1)),
            HandoverItem("Hosting account access", AssetKind.ACCOUNT,
                         "1Password vault 'Acme'", HandoverStatus.WITHHELD,
                         withheld_reason="Still hosting the old site"),
            HandoverItem("Site map", AssetKind.DOCUMENT),
        ],
    )


def section(text: str, title: str) -> str:
    """The lines under ``## title`` up to the next heading."""
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0].strip()


def test_manifest_lists_every_item_where_it_is_and_its_status() -> None:
    text = handover_manifest(acme(), TODAY)

    assert text.startswith("# Handover for Acme Ltd\n")
    assert "Prepared on 2026-03-15" in text
    assert section(text, "What is handed over").splitlines() == [
        "1 of 4 items handed over.",
        "",
        "| What | Kind | Where it is | Status |",
        "| --- | --- | --- | --- |",
        "| Source code repository | source code | GitHub acme/site | handed over |",
        "| Design files | design files | — | withheld |",
        "| Hosting account access | account access | 1Password vault 'Acme' | withheld |",
        "| Site map | document | — | pending |",
    ]


def test_manifest_says_what_is_withheld_why_and_until_when() -> None:
    text = handover_manifest(acme(), TODAY)

    assert section(text, "Withheld for now").splitlines() == [
        "- **Design files** (design files): Final invoice is open; "
        "released when: the final invoice is paid (planned for 2026-04-01)",
        "- **Hosting account access** (account access): Still hosting the old site; "
        "no release agreed yet",
    ]
    assert section(text, "Still to come") == "- **Site map** (document)"


@pytest.mark.parametrize(
    ("condition", "on", "reads"),
    [
        ("once the final invoice is paid", None, "released when: once the final invoice is paid"),
        ("Once the final invoice is paid", None, "released when: Once the final invoice is paid"),
        ("2027-01-01", None, "released when: 2027-01-01"),
        ("", date(2027, 1, 1), "released on 2027-01-01"),
        ("when the new host is live", date(2026, 5, 4),
         "released when: when the new host is live (planned for 2026-05-04)"),
    ],
)
def test_the_release_reads_with_whatever_was_typed(condition, on, reads) -> None:
    """The condition is quoted as typed after "released when:", so any way of typing it fits,
    and nothing typed is lower-cased or otherwise changed."""
    item = HandoverItem("Design files", AssetKind.DESIGN, status=HandoverStatus.WITHHELD,
                        withheld_reason="Final invoice is open", release_condition=condition,
                        release_on=on)

    withheld = section(handover_manifest(Client.new("Acme", handover=[item]), TODAY), "Withheld for now")

    assert withheld == f"- **Design files** (design files): Final invoice is open; {reads}"
    assert "until" not in withheld.replace(condition, "")


def test_manifest_ends_with_a_confirmation_block() -> None:
    text = handover_manifest(acme(), TODAY)

    assert "Received by: ____________________  Date: ____________" in section(text, "Confirmation")
    assert text.endswith("\n")


def test_markdown_in_user_text_cannot_break_the_table() -> None:
    client = Client.new(name="A|B *Co*", handover=[
        HandoverItem("Repo | mirror", AssetKind.SOURCE_CODE, "GitLab a|b\nsecond line",
                     HandoverStatus.HANDED_OVER),
        HandoverItem("Logo <img>", AssetKind.DESIGN, "[Drive](http://x) &amp; more"),
    ])

    text = handover_manifest(client, TODAY)

    assert text.startswith(r"# Handover for A\|B \*Co\*")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1:] == [
        r"| Repo \| mirror | source code | GitLab a\|b second line | handed over |",
        r"| Logo \<img\> | design files | \[Drive\](http://x) \&amp; more | pending |",
    ]
    # Every row still has exactly the four cells of the header.
    assert {line.replace("\\|", "").count("|") for line in rows} == {5}


def test_an_empty_handover_list_reads_sensibly() -> None:
    text = handover_manifest(Client(name="Acme Ltd"), TODAY)

    assert section(text, "What is handed over") == "Nothing is listed for handover yet."
    assert section(text, "Withheld for now") == "Nothing is withheld."
    assert "| What |" not in text
    assert "Received by:" in text


def test_file_name_comes_from_the_client_name() -> None:
    assert manifest_file_name(Client(name="Acme Ltd.")) == "handover-acme-ltd.md"
    assert manifest_file_name(Client(name="Öko & Söhne GmbH")) == "handover-öko-söhne-gmbh.md"
    assert manifest_file_name(Client(name="!!!")) == "handover-client.md"


def test_write_creates_a_private_file(tmp_path: Path, usual_umask) -> None:
    target = tmp_path / "handover.md"

    assert write_manifest(acme(), target, TODAY) == target

    assert target.read_text(encoding="utf-8") == handover_manifest(acme(), TODAY)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600, "it names people and how to reach them"
    assert [path.name for path in tmp_path.iterdir()] == ["handover.md"]


def test_write_refuses_to_overwrite_unless_told(tmp_path: Path) -> None:
    target = tmp_path / "handover.md"
    target.write_text("the client's own notes", encoding="utf-8")

    with pytest.raises(FileExistsError):
        write_manifest(acme(), target, TODAY)
    assert target.read_text(encoding="utf-8") == "the client's own notes"

    write_manifest(acme(), target, TODAY, overwrite=True)
    assert target.read_text(encoding="utf-8").startswith("# Handover for Acme Ltd")
    assert [path.name for path in tmp_path.iterdir()] == ["handover.md"]
