"""The command line, run as a user would: a subprocess on real files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from storage.persistence.repository import Repository
from storage.records.client import Client
from tests.cli_process import sendoff

ROOT = Path(__file__).resolve().parent.parent



def test_demo_writes_every_stage_and_check_approves(db_path):
    done = sendoff("--db", str(db_path), "demo", "--clients", "12", "--seed", "7")
    assert done.returncode == 0, done.stderr
    assert f"Wrote 12 demo clients to {db_path}" in done.stdout
    with Repository(db_path, writable=False) as repository:
        from storage.rules.progress import progress
        from storage.rules.steps import stage

        everyone = repository.clients(include_archived=True)
        stages = {stage(progress(client)) for client in everyone}
    assert len(everyone) == 12
    assert len(stages) >= 4, stages
    assert any(client.archived for client in everyone)
    checked = sendoff("check", "--db", str(db_path))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "OK, 12 clients" in checked.stdout


def test_demo_is_deterministic(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for path in (first, second):
        assert sendoff("demo", "--db", str(path), "--clients", "5", "--seed", "3").returncode == 0
    assert json.loads(first.read_text()) == json.loads(second.read_text())


def test_demo_refuses_to_replace_clients_without_force(db_path):
    with Repository(db_path) as repository:
        repository.add_client(Client(name="Precious"))
    before = db_path.read_bytes()
    done = sendoff("demo", "--db", str(db_path))
    assert done.returncode == 1
    assert "--force" in done.stderr and str(db_path) in done.stderr
    assert db_path.read_bytes() == before
    assert sendoff("demo", "--db", str(db_path), "--clients", "3", "--force").returncode == 0
    with Repository(db_path, writable=False) as repository:
        assert "Precious" not in [c.name for c in repository.clients(include_archived=True)]


def test_check_reports_a_damaged_file_and_leaves_it(db_path):
    db_path.write_text('{"clients": {"1": {"name": "Acme"')
    before = db_path.read_bytes()
    done = sendoff("check", "--db", str(db_path))
    assert done.returncode == 1
    assert str(db_path) in done.stdout and "damaged" in done.stdout
    assert db_path.read_bytes() == before


def test_check_lists_every_bad_client(db_path):
    db_path.write_text(json.dumps({"meta": {"1": {"schema": 1}}, "clients": {
        "1": {"name": ""},
        "2": {"name": "Acme", "work": [{"title": "Logo", "due": "2026-02-30"}]},
        "3": {"name": "Fine"},
    }}))
    done = sendoff("check", "--db", str(db_path))
    assert done.returncode == 1
    assert "2 problem(s)" in done.stdout
    assert "client #1" in done.stdout and "name" in done.stdout
    assert "client #2 (Acme): work[0].due" in done.stdout and "28 days" in done.stdout


def test_the_data_file_comes_from_db_then_env_then_the_data_folder(tmp_path):
    env = os.environ.copy()
    env["XDG_DATA_HOME"] = str(tmp_path / "data-home")
    default = tmp_path / "data-home" / "sendoff" / "sendoff.json"
    checked = sendoff("check", env=env)
    assert checked.returncode == 0 and str(default) in checked.stdout
    assert not default.parent.exists(), "checking must not create anything"
    assert sendoff("demo", "--clients", "2", env=env).returncode == 0
    assert default.exists()
    env["SENDOFF_DB"] = str(tmp_path / "from-env.json")
    assert str(tmp_path / "from-env.json") in sendoff("check", env=env).stdout
    flag = tmp_path / "from-flag.json"
    assert str(flag) in sendoff("check", "--db", str(flag), env=env).stdout


def test_a_bad_pinned_date_is_explained(db_path):
    env = os.environ.copy()
    env["SENDOFF_TODAY"] = "2026-02-30"
    done = sendoff("demo", "--db", str(db_path), env=env)
    assert done.returncode == 1
    assert "SENDOFF_TODAY" in done.stderr and not db_path.exists()


@pytest.mark.parametrize(
    "argv",
    [["demo", "--clients", "2"], ["check"]],
)
def test_command_line_paths_never_import_textual(db_path, argv):
    script = (
        "import sys\n"
        "from tui.cli import main\n"
        f"code = main({[*argv, '--db', str(db_path)]!r})\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    command = next(line for line in readme.splitlines() if "pytest" in line and "pip install" in line)
    assert command in ci.splitlines()


def test_version_is_the_installed_package_version():
    from importlib.metadata import version

    done = sendoff("--version")

    assert done.returncode == 0, done.stderr
    assert done.stdout == f"sendoff {version('sendoff')}\n"


def test_version_without_package_metadata_says_so(tmp_path):
    """Run from a copy of the code that was never installed: ``-S`` leaves out site-packages,
    and the copy has no ``.egg-info`` beside it, so there is no metadata to read."""
    for package in ("storage", "tui"):
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run([sys.executable, "-S", "-m", "tui", "--version"], capture_output=True,
                          text=True, cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert done.stdout == "sendoff (version unknown: not installed as a package)\n"


@pytest.mark.parametrize(("clients", "said"), [("1", "1 demo client"), ("2", "2 demo clients")])
def test_the_demo_counts_its_clients_in_words(db_path, clients, said):
    done = sendoff("demo", "--db", str(db_path), "--clients", clients)

    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Wrote {said} to {db_path}\n"


def test_check_counts_one_client_as_one(db_path):
    assert sendoff("demo", "--db", str(db_path), "--clients", "1").returncode == 0

    checked = sendoff("check", "--db", str(db_path))

    assert "OK, 1 client (" in checked.stdout, checked.stdout
