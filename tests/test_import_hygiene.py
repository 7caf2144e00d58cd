"""storage/ never imports textual, and neither does any command but the app: each module and each
command line is imported or run in a fresh interpreter, which then says whether textual came in."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import storage

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(module.name for module in pkgutil.walk_packages(storage.__path__, "storage."))
REPORT = "import sys; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')[:1])"


def test_every_storage_module_is_listed():
    assert len(MODULES) > 40 and "storage.persistence.repository" in MODULES


@pytest.mark.parametrize("module", MODULES)
def test_a_storage_module_does_not_import_textual(module):
    done = subprocess.run([sys.executable, "-c", f"import {module}; {REPORT}"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hygiene") / "sendoff.json"
    subprocess.run([sys.executable, "-m", "tui", "--db", str(path), "demo", "--clients", "3"],
                   check=True, capture_output=True, cwd=ROOT, timeout=60)
    return path


COMMANDS = {
    "help": ["--help"],
    "demo": ["demo", "--clients", "2", "--force"],
    "check": ["check"],
    "due": ["due", "--within", "30"],
    "due, as JSON": ["due", "--json"],
    "export-ics": ["export-ics", "-o", "{out}/calendar.ics", "--force"],
    "export-handover": ["export-handover", "#1"],
    "outcomes": ["outcomes"],
    "search": ["search", "a", "--json"],
    "templates": ["templates"],
    "message": ["message", "#1", "check-in"],
    "log": ["log", "#1", "A call"],
    "add": ["add", "Hygiene Ltd", "--email", "hi@hygiene.example"],
    "forward": ["forward", "#1", "An article", "--link", "https://example.org"],
    "a bad argument": ["due", "--within", "never"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_command_line_does_not_import_textual(command, demo_file, tmp_path):
    args = [arg.format(out=tmp_path) for arg in COMMANDS[command]]
    if command not in ("help", "a bad argument"):
        args = ["--db", str(tmp_path / "sendoff.json" if command == "demo" else demo_file), *args]
    code = (f"import sys\nfrom tui.cli import main\ntry:\n    code = main({args!r})\n"
            f"except SystemExit as end:\n    code = end.code\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')[:1], "
            f"file=sys.stderr)\nsys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          timeout=60)
    assert done.returncode == (2 if command == "a bad argument" else 0), done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
