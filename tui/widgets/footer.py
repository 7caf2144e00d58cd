"""Textual's Footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    """Textual's Footer rebuilds every key (a millisecond or more each) after each frame in
    which it heard that the bindings changed: as a screen opens, as focus lands in it, as a
    key is enabled, though the keys shown are often the same. This one is rebuilt only when
    the keys shown, their state or their tooltips differ.

    Its keys are built after the screen's first frame, as Textual's are: built with the
    screen, they were laid out and styled again with it (1.48 rather than 1.37 billion
    instructions from start to the dashboard ready, at 1,000 clients)."""

    _rebuild_queued = False
    _shown: tuple[object, ...] | None = None  # the keys as last built

    def _keys(self) -> tuple[object, ...]:
        """Every key the footer shows, with whether it is enabled and its tooltip."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple((key, binding, enabled, tooltip)
                     for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
                     if binding.show or key == palette)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:  # else Textual's Footer shows nothing yet
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
