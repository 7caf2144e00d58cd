"""Textual's Footer, rebuilt once however often the keys change before it is next drawn."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's Footer rebuilds every key each time it hears that the bindings changed; when
    a screen opens it hears so twice in a row (the screen, then its focus), and each rebuild
    of a dozen keys takes longer than a frame."""

    _rebuild_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_queued and screen is self.screen:
            return  # the rebuild already queued reads the bindings as they will be then
        super().bindings_changed(screen)
        # The conditions under which Textual's Footer queues a rebuild.
        self._rebuild_queued = screen.app.app_focus and self.is_attached and screen is self.screen

    async def recompose(self) -> None:
        self._rebuild_queued = False
        await super().recompose()
