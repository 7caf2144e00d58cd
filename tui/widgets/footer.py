"""The keys of the screen on one line, the most needed kept when the line is short."""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import ActiveBinding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from tui.bindings import COMMAND_PALETTE, footer_rank, own_bindings

SEPARATOR = "▏"  # between the keys and the command palette's key, at the right end


class FooterKey(NamedTuple):
    """One key as the footer offers it."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    rank: int  # see tui.bindings.FOOTER_LEAVES_OUT: the lowest is left out first
    action: str
    namespace: DOMNode  # where the action runs, as when the key is pressed

    @property
    def label(self) -> str:
        """What follows the key: a space and the description, if it has one."""
        return f" {self.description}" if self.description else ""

    @property
    def width(self) -> int:
        return cell_len(self.display) + cell_len(self.label)


class Placed(NamedTuple):
    start: int
    end: int
    key: FooterKey
    is_palette: bool  # drawn at the right end, after SEPARATOR


def fit(keys: list[FooterKey], palette: FooterKey | None, width: int) -> list[Placed]:
    """Where each key goes on a line ``width`` cells wide. Keys are two cells apart while
    everything fits so, else one; then keys are left out, lowest rank first (of the same rank
    the rightmost), until the rest fit. The palette's key sits at the right end."""
    line = [*keys, *([palette] if palette else [])]

    def needed(shown: list[FooterKey], gap: int) -> int:
        return (sum(key.width for key in shown) + gap * (len(shown) - 1)
                + (len(SEPARATOR) if any(key is palette for key in shown) else 0))

    gap = 2 if needed(line, 2) <= width else 1
    left_out: set[int] = set()
    for index in sorted(range(len(line)), key=lambda index: (line[index].rank, -index)):
        if needed([key for i, key in enumerate(line) if i not in left_out], gap) <= width:
            break
        left_out.add(index)
    placed, x = [], 0
    for index, key in enumerate(line):
        if index in left_out:
            continue
        if key is palette:
            x = width - key.width
        placed.append(Placed(x, x + key.width, key, key is palette))
        x += key.width + gap
    return placed


class Footer(Widget, can_focus=False):
    """The keys of the screen's focused widget, its screen and the app, as Textual's Footer shows
    them, on one line drawn here: when the line is too short for all of them it closes the gaps,
    then leaves out whole keys, the least needed first (tui.bindings.FOOTER_LEAVES_OUT), never
    cutting one. It reads the bindings each time the screen says they changed, and is drawn
    again only when the keys it shows differ. A click runs the key's action."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--separator",
                         "footer--hover"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer--separator {
            color: $foreground 20%;
        }
        & > .footer--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.offered: tuple[list[FooterKey], FooterKey | None] | None = None
        self._placed: tuple[int, list[Placed]] | None = None  # the width laid out, and where
        self._hover: str | None = None  # the key under the mouse

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        keys = self._read_keys()
        if keys != self.offered:
            self.offered = keys
            self._placed = None
            self.refresh()

    def _read_keys(self) -> tuple[list[FooterKey], FooterKey | None]:
        """The keys the footer offers, in the order Textual's Footer shows them (one key an
        action), and the command palette's key."""
        keys: list[FooterKey] = []
        actions: set[str] = set()
        palette = None
        for key, (namespace, binding, enabled, tooltip) in self._active_bindings().items():
            if key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                name = COMMAND_PALETTE
            elif binding.show and binding.action not in actions:
                name = binding.id
                actions.add(binding.action)
            else:
                continue
            shown = FooterKey(key, self.app.get_key_display(binding), binding.description,
                              enabled, tooltip or binding.tooltip or binding.description,
                              footer_rank(name), binding.action, namespace)
            if name == COMMAND_PALETTE:
                palette = shown
            else:
                keys.append(shown)
        return keys, palette

    def _active_bindings(self) -> dict[str, ActiveBinding]:
        """The screen's keys, and in a dialog (which Textual gives only its own keys) the app's
        priority keys, which work there too, while they are enabled."""
        active = self.screen.active_bindings
        if not self.screen.is_modal:
            return active
        app = self.app
        for binding in own_bindings(type(app)):
            if binding.priority and binding.show and binding.key not in active:
                if app.check_action(binding.action, ()):
                    active[binding.key] = ActiveBinding(app, binding, True, binding.tooltip)
        return active

    def placed(self) -> list[Placed]:
        """Each key shown and the cells it takes."""
        width = self.size.width
        if self._placed is None or self._placed[0] != width:
            if self.offered is None:
                self.offered = self._read_keys()
            self._placed = (width, fit(*self.offered, width))
        return self._placed[1]

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer--key")
        description_style = self.get_component_rich_style("footer--description")
        hover = Style(bgcolor=self.get_component_rich_style("footer--hover").bgcolor)
        line = Text(no_wrap=True, overflow="crop", end="")
        for start, _, key, is_palette in self.placed():
            if is_palette:
                line.append(" " * (start - len(SEPARATOR) - line.cell_len))
                line.append(SEPARATOR, self.get_component_rich_style("footer--separator"))
            line.append(" " * (start - line.cell_len))
            extra = Style.chain(Style(dim=True) if not key.enabled else Style(),
                                hover if key.key == self._hover else Style())
            line.append(key.display, key_style + extra)
            line.append(key.label, description_style + extra)
        return line

    def _key_at(self, x: int) -> FooterKey | None:
        return next((key for start, end, key, _ in self.placed() if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x)
        hover = key.key if key else None
        if hover != self._hover:
            self._hover = hover
            self.tooltip = key.tooltip if key else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if not key.enabled:
            self.app.bell()
            return
        await self.app.run_action(key.action, key.namespace)
