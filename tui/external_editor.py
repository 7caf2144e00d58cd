"""Long text edited in the user's own editor ($VISUAL, else $EDITOR), the app handing it the
terminal meanwhile. Whatever goes wrong leaves the field as it was and says why, once."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported
from textual.command import CommandPalette
from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

LONG_TEXT = "long-text"
"""The CSS class of an Input or TextArea whose text the editor key hands to the user's editor."""
FILE_NAME = "sendoff.txt"
NO_EDITOR = ("No $VISUAL or $EDITOR is set, so the text stays here to edit. To use your own "
             "editor, set one before starting Sendoff, e.g. export EDITOR=nano "
             "(or EDITOR=\"code --wait\").")
NOT_CHANGED = "Not changed"


class EditedInEditor(Message):
    """The text of ``widget`` was replaced by what the user wrote in their editor: a screen that
    saves a field as it is left saves this one now."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget


def focused_field(app: App) -> Widget | None:
    """The focused widget; while the command palette is open, the one it was opened from (whose
    keys it offers)."""
    screen = app.screen
    if isinstance(screen, CommandPalette) and len(app.screen_stack) > 1:
        screen = app.screen_stack[-2]
    return screen.focused


def long_text_focused(app: App) -> bool:
    """Whether a long-text field has focus (the editor key is offered only then)."""
    field = focused_field(app)
    return field is not None and field.has_class(LONG_TEXT)


def editor_command() -> list[str] | None:
    """The user's editor as a command line ($VISUAL, else $EDITOR); None when neither is set.
    Raises ValueError when the one set cannot be read as a command (an unbalanced quote)."""
    for name in ("VISUAL", "EDITOR"):
        words = shlex.split(os.environ.get(name, ""))
        if words:
            return words
    return None


def edit_focused(app: App) -> None:
    """Hand the focused long-text field to the user's editor and put back what they wrote."""
    from textual.widgets import Input  # the other kind is a TextArea, imported when first used

    if not long_text_focused(app):
        return
    field = focused_field(app)
    single_line = isinstance(field, Input)
    before = field.value if single_line else field.text
    after = edit_text(app, before, single_line=single_line)
    if after is None:
        return
    if single_line:
        field.value = after
        field.cursor_position = len(after)
    else:
        field.replace(after, field.document.start, field.document.end)  # ctrl+z in it takes it back
    field.post_message(EditedInEditor(field))


def edit_text(app: App, text: str, *, single_line: bool = False) -> str | None:
    """``text`` as the user left it in their editor; None, after telling them why, when they
    quit with an error, changed nothing, or no editor could be started. ``single_line``: the
    lines written are joined by spaces, for a field that keeps one line."""
    try:
        command = editor_command()
    except ValueError as problem:
        _not_edited(app, f"Sendoff cannot read $VISUAL or $EDITOR as a command ({problem}); "
                         "the text stays here to edit.")
        return None
    if command is None:
        app.notify(NO_EDITOR, title="No editor set", severity="warning", timeout=15, markup=False)
        return None
    try:
        folder = Path(tempfile.mkdtemp(prefix="sendoff-"))  # 0700: only this user may look in
        try:
            written = _edited(app, command, folder / FILE_NAME, text)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    except OSError as problem:  # no temporary folder, or a full disk
        _not_edited(app, f"Sendoff could not write the text to a temporary file for the editor "
                         f"({problem.strerror or problem}); the text stays here to edit.")
        return None
    if written is None:
        return None
    if not text.endswith("\n"):
        written = written.removesuffix("\n")  # the newline an editor ends its last line with
    if single_line and "\n" in written:
        written = " ".join(line.strip() for line in written.splitlines() if line.strip())
    if written == text:
        app.notify("The text came back from your editor as it was.", title=NOT_CHANGED,
                   markup=False)
        return None
    return written


def _edited(app: App, command: list[str], path: Path, text: str) -> str | None:
    """Write ``text`` to ``path`` (0600), run the editor on it, and read it back; None, after
    telling the user why, when that failed."""
    name = command[0]
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w",
                   encoding="utf-8") as file:
        file.write(text)
    try:
        with _terminal_for_editor(app):
            done = _run(command, path)  # Textual resumes the app only if nothing is raised here
    except SuspendNotSupported:
        _not_edited(app, "This terminal cannot be handed to another program; "
                         "the text stays here to edit.")
        return None
    if isinstance(done, OSError):  # not found, not executable
        _not_edited(app, f"{name}: {done.strerror or done}. The text was left as it was.")
        return None
    if done.returncode != 0:
        _not_edited(app, f"{name} exited with status {done.returncode}, "
                         "so the text was left as it was.")
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        _not_edited(app, f"What {name} left could not be read ({problem}); "
                         "the text was left as it was.")
        return None


def _run(command: list[str], path: Path) -> subprocess.CompletedProcess | OSError:
    try:
        return subprocess.run([*command, str(path)], check=False)
    except OSError as problem:
        return problem


def _terminal_for_editor(app: App):
    """The app suspended, so the editor has the terminal; nothing to suspend when the app draws
    on no terminal (headless, as under App.run_test), where the editor runs as it is.

    Raises SuspendNotSupported where the app's terminal cannot be handed over (Textual web)."""
    return nullcontext() if app.is_headless else app.suspend()


def _not_edited(app: App, message: str) -> None:
    app.notify(message, title=NOT_CHANGED, severity="warning", timeout=15, markup=False)
