"""Textual's Footer, drawn with the screen and rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    """Textual's Footer is empty in the screen's first frame and rebuilds every key (a
    millisecond or more each) after each frame in which it heard that the bindings changed:
    as a screen opens, then as focus lands in it, though a focused list usually brings no key
    of its own to show. This one shows its keys in the first frame and is rebuilt only when
    the keys shown, their state or their tooltips differ."""

    _rebuild_queued = False
    _shown: tuple[object, ...] | None = None  # the keys as last built

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self.set_reactive(TextualFooter._bindings_ready, True)  # built as it is mounted

    def _keys(self) -> tuple[object, ...]:
        """Every key the footer shows, with whether it is enabled and its tooltip."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple((key, binding, enabled, tooltip)
                     for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
                     if binding.show or key == palette)

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Styled compact as it is made: it would otherwise be styled a second time
                # as it takes the footer's compact state, once mounted.
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_queued and screen is self.screen:
            return  # the rebuild already queued reads the bindings as they will be then
        super().bindings_changed(screen)
        # The conditions under which Textual's Footer queues a rebuild.
        self._rebuild_queued = screen.app.app_focus and self.is_attached and screen is self.screen

    async def recompose(self) -> None:
        self._rebuild_queued = False
        if self.is_attached and self._keys() == self._shown:
            return
        await super().recompose()
