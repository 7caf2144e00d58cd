"""The command palette's commands: every key of the current screen, its key beside it, then
Textual's own commands that no key of ours already names, and a screenshot saved where a
folder exists."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.actions import parse as parse_action
from textual.app import SystemCommand
from textual.binding import Binding

from tui.bindings import own_bindings

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

SCREENSHOT = "Screenshot"


def key_commands(app: App, screen: Screen) -> Iterable[SystemCommand]:
    """A command for each key of the focused widget, its screen and the app that is enabled
    now, the nearest first when two share a name; its help starts with the key."""
    nodes = screen.focused.ancestors_with_self if screen.focused else [screen, app]
    seen: set[str] = set()
    for node in nodes:
        for binding in own_bindings(type(node)):
            if not binding.description or binding.description in seen:
                continue
            namespace, name, params = parse_action(binding.action)
            target = {"app": app, "screen": screen}.get(namespace, node)
            if target.check_action(name, params) is False:
                continue
            seen.add(binding.description)
            yield SystemCommand(
                binding.description,
                f"{key_shown(app, binding)} · {binding.tooltip or binding.description}",
                partial(node.run_action, binding.action),
            )


def key_shown(app: App, binding: Binding) -> str:
    """The binding's key as the footer shows it: its first key when it has several."""
    if binding.key_display:
        return binding.key_display
    return app.get_key_display(Binding(binding.key.split(",")[0].strip(), binding.action))


def palette_commands(app: App, screen: Screen,
                     textuals: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Our keys' commands, then those of Textual's (``textuals``) whose names they do not
    take, its Screenshot replaced by ours."""
    seen: set[str] = set()
    for command in key_commands(app, screen):
        seen.add(command.title)
        yield command
    for command in textuals:
        if command.title == SCREENSHOT:
            yield SystemCommand(SCREENSHOT, "Save a picture of the screen (SVG) and say where",
                                partial(app.set_timer, 0.1, partial(save_screenshot, app)))
        elif command.title not in seen:
            yield command


def screenshot_folder() -> Path:
    """The user's downloads folder when it exists, else the folder Sendoff was started in."""
    from platformdirs import user_downloads_path

    downloads = user_downloads_path()
    return downloads if downloads.is_dir() else Path.cwd()


def save_screenshot(app: App) -> None:
    """Save the screen as an SVG and tell the user where it is, or why it could not be."""
    folder = screenshot_folder()
    try:
        path = app.save_screenshot(path=str(folder))
    except OSError as problem:
        app.notify(f"{folder}: {problem.strerror or problem}", title="Screenshot not saved",
                   severity="error", timeout=20, markup=False)
        return
    app.notify(path, title="Screenshot saved", timeout=10, markup=False)
