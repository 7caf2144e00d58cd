"""Something slow to make, such as the open data file, made once: in a background thread, or at
once by the first caller that needs it before that thread has started."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Generic, TypeVar

T = TypeVar("T")


class Opening(Generic[T]):
    """``make()`` run exactly once; ``made()`` is called after it, from the thread that ran it."""

    def __init__(self, make: Callable[[], T], made: Callable[[], None]) -> None:
        self._make = make
        self._made = made
        self._claimed = False
        self._lock = threading.Lock()
        self._future: Future[T] = Future()

    def start(self) -> None:
        """Make it in a background thread (a plain thread, which starts at once)."""
        threading.Thread(target=self._make_once, name="sendoff-open", daemon=True).start()

    def result(self) -> T:
        """What was made, making it now if nobody has started to; raises what making raised,
        or CancelledError after `cancel`."""
        self._make_once()
        return self._future.result()

    def cancel(self) -> None:
        """Never make it, unless it is being or has been made."""
        if self._claim():
            self._future.cancel()

    @property
    def ready(self) -> bool:
        """Whether it is made, without problems (never waits)."""
        future = self._future
        return future.done() and not future.cancelled() and future.exception() is None

    @property
    def failure(self) -> BaseException | None:
        """What making it raised, once made (never waits)."""
        future = self._future
        if not future.done() or future.cancelled():
            return None
        return future.exception()

    def _claim(self) -> bool:
        with self._lock:
            claimed, self._claimed = self._claimed, True
        return not claimed

    def _make_once(self) -> None:
        if not self._claim():
            return
        try:
            self._future.set_result(self._make())
        except BaseException as error:  # handed to whoever asks for the result
            self._future.set_exception(error)
        self._made()

