"""Keys typed ahead reach the screen, dialog and field they were typed for.

Textual hands a key to the focused widget and runs its bindings only when the key comes back
up to the app; the keys behind it are handed out meanwhile, to whatever has the focus then. So
the text typed right after a key that opens a screen, moves the focus or closes a dialog went
to what was there before: `n` then "Acme" ran the dashboard's `e`, and "questions" typed after
`4` quit from the old step.

`TypeAheadApp` hands out one key at a time. The next key goes out once the last one has
- passed every widget it was sent to, then passed them twice more: behind the messages it made
  them post (a list's `a` posts Add, which its screen answers by opening a dialog), and behind
  the messages those posted (enter in the command palette posts Submitted, whose handler selects
  the command, whose message closes the palette and runs it);
- and the screen or dialog it opened, if any, is mounted with its focus set;
- and the flow it started (an action decorated with `asks`) is asking in a dialog, or done.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from textual import events, on
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.dom import DOMNode
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.worker import Worker

ReturnType = TypeVar("ReturnType")
Answer = TypeVar("Answer")
Typed = events.Key | events.Paste


@dataclass
class _Trip:
    """The key handed out last, on its way through the widgets it was sent to."""

    target: MessagePump
    marker: Message
    passes_left: int = 2  # after the first pass: behind what the key made them post, and so on


@dataclass
class _Flow:
    """An action that asks in dialogs: it holds the keys while it runs, except while asking."""

    asking: Screen | None = None
    done: bool = False
    worker: Worker | None = None

    @property
    def over(self) -> bool:
        return self.done or (self.worker is not None and self.worker.is_cancelled)

    @property
    def holds_keys(self) -> bool:
        return self.asking is None and not self.over


_current_flow: ContextVar[_Flow | None] = ContextVar("current_flow", default=None)


class TypeAheadApp(App[ReturnType]):
    """An app whose keys, however fast they come, each reach what the keys before left open."""

    class KeyPassed(Message, verbose=True):
        """Follows a key through the widgets it was sent to, and back up to the app."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._typed: deque[Typed] = deque()
        self._trip: _Trip | None = None
        self._arriving: Screen | None = None  # opened, not yet mounted with its focus set
        self._flows: list[_Flow] = []

    @property
    def keys_pending(self) -> bool:
        """Whether typed keys are waiting, or the last one handed out is still being handled."""
        return bool(self._typed) or not self._ready_for_a_key()

    # Keys ----------------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, Typed) and not event.is_forwarded:
            self._typed.append(event)
            if self._trip is not None and not self._trip.target.is_attached:
                self._trip = None  # its widget was removed with the key's marker in its queue
            await self._hand_out()
            return
        await super().on_event(event)

    def _ready_for_a_key(self) -> bool:
        self._flows = [flow for flow in self._flows if not flow.over]
        return (self._trip is None and self._arriving is None
                and not any(flow.holds_keys for flow in self._flows))

    async def _hand_out(self) -> None:
        while self._typed and self.screen_stack and self._ready_for_a_key():
            event = self._typed.popleft()
            target = self.focused or self.screen  # where Textual sends it
            await super().on_event(event)
            self._send_marker(_Trip(target, self.KeyPassed()))

    def _send_marker(self, trip: _Trip) -> None:
        self._trip = trip if trip.target.post_message(trip.marker) else None

    @on(KeyPassed)
    async def _key_passed(self, message: KeyPassed) -> None:
        trip = self._trip
        if trip is None or message is not trip.marker:
            return  # a key given up on, when the screen it opened came
        if trip.passes_left:
            self._send_marker(_Trip(trip.target, self.KeyPassed(), trip.passes_left - 1))
            if self._trip is not None:
                return
        self._trip = None
        await self._hand_out()

    # Screens -------------------------------------------------------------------------------
    # Every way to change the screen waits for the new one: it gets the keys typed meanwhile.

    def push_screen(self, screen: Screen[Any] | str, callback: Any = None,
                    wait_for_dismiss: bool = False, *, mode: str | None = None) -> Any:
        pushed = super().push_screen(screen, callback, wait_for_dismiss, mode=mode)
        self._wait_for_screen()
        return pushed

    def switch_screen(self, screen: Screen[Any] | str) -> AwaitComplete:
        switched = super().switch_screen(screen)
        self._wait_for_screen()
        return switched

    def pop_screen(self) -> AwaitComplete:
        leaving = self.screen
        popped = super().pop_screen()
        for flow in self._flows:
            if flow.asking is leaving:
                flow.asking = None  # answered: the flow holds the keys again, from this moment
        self._wait_for_screen()
        return popped

    def _wait_for_screen(self) -> None:
        """Hold the keys until the current screen has handled what is queued for it now: its
        mount (which sets the focus on some screens) and resume (AUTO_FOCUS)."""
        screen = self._arriving = self.screen
        if not screen.call_later(self.call_later, self._screen_ready, screen):
            self._arriving = None
        # The second hop, through the app's queue, comes after the focus changes that
        # widgets asked for as they mounted (Widget.focus goes through the app's queue).

    async def _screen_ready(self, screen: Screen) -> None:
        if self._arriving is not screen:
            return
        self._arriving = None
        self._trip = None  # what follows is the new screen's, wherever the last key still is
        await self._hand_out()

    # Flows ---------------------------------------------------------------------------------

    def _flow_ended(self, flow: _Flow) -> None:
        flow.done = True
        self.call_later(self._hand_out)

    async def ask(self, screen: Screen[Answer]) -> Answer:
        """Show ``screen`` and wait for its result (in a flow started by `asks`): the keys typed
        while it is up are its own, and once it is dismissed, they wait for the flow again."""
        answer = self.push_screen(screen, wait_for_dismiss=True)
        flow = _current_flow.get()
        if flow is not None:
            flow.asking = screen
        try:
            return await asyncio.shield(answer)  # cancelling the flow must not cancel the answer
        finally:
            if flow is not None:
                flow.asking = None


def asks(action: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run ``action``, which asks the user with ``await self.app.ask(dialog)``, in a worker of
    its node. Keys typed meanwhile wait for its dialog, or for it to end."""

    @wraps(action)
    def start(node: DOMNode, *args: Any, **kwargs: Any) -> None:
        app = node.app
        flow = _Flow()
        app._flows.append(flow)

        async def run() -> None:
            _current_flow.set(flow)
            try:
                await action(node, *args, **kwargs)
            finally:
                app._flow_ended(flow)

        flow.worker = node.run_worker(run, name=action.__name__, group="asks")

    return start
