"""Saving off the UI thread: a writer thread that keeps the order of changes.

Each submission is a whole snapshot of the data, so when changes come faster than the disk the
writer skips straight to the newest one: it holds every earlier change too. A failed write is
reported and retried with the next change; `flush` waits until the newest state is on disk.

The writer starts a change `SETTLE` seconds after it is submitted, unless a flush hurries it:
rewriting a large file competes with the UI thread for the interpreter and the CPU, and the
UI thread needs that time to show the change (one frame is 16 ms).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from storage.errors import DataFileError

Snapshot = dict[str, Any]
SETTLE = 0.010  # seconds


class WriteBehind:
    """Runs ``write(snapshot)`` in one background thread, newest snapshot first."""

    def __init__(self, write: Callable[[Snapshot], None],
                 on_error: Callable[[DataFileError], None] | None = None) -> None:
        self._write = write
        self._on_error = on_error
        self._changed = threading.Condition()
        self._pending: Snapshot | None = None
        self._due = 0.0  # when the pending snapshot may be written (time.monotonic)
        self._unsaved: Snapshot | None = None  # the newest snapshot not known to be on disk
        self._busy = False
        self._hurry = False  # a flush is waiting: no settling
        self._closing = False
        self.failure: DataFileError | None = None
        self._thread = threading.Thread(target=self._run, name="sendoff-writer", daemon=True)
        self._thread.start()

    def submit(self, snapshot: Snapshot) -> None:
        """Queue ``snapshot`` to be written; returns at once."""
        with self._changed:
            self._pending = self._unsaved = snapshot
            self._due = time.monotonic() + SETTLE
            self._changed.notify_all()

    def flush(self) -> None:
        """Wait until the newest snapshot is on disk; raises the failure if it cannot be."""
        with self._changed:
            if self._pending is None and self._unsaved is not None and not self._busy:
                self._pending = self._unsaved  # the last attempt failed: try once more
            self._hurry = True
            self._changed.notify_all()
            self._changed.wait_for(lambda: self._pending is None and not self._busy)
            self._hurry = False
            if self._unsaved is not None and self.failure is not None:
                raise self.failure

    def close(self) -> None:
        """Flush, then stop the thread; the failure, if any, is raised after stopping."""
        try:
            self.flush()
        finally:
            with self._changed:
                self._closing = True
                self._changed.notify_all()
            self._thread.join()

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._pending is not None or self._closing)
                if self._pending is None:
                    return
                # Newer changes replace the pending one meanwhile: one write holds them all.
                # The settling time counts from the submission: time spent finishing the
                # previous write (and the index after it) is not waited again.
                self._changed.wait_for(lambda: self._hurry,
                                       timeout=max(0.0, self._due - time.monotonic()))
                snapshot, self._pending, self._busy = self._pending, None, True
            failure = None
            try:
                self._write(snapshot)
            except DataFileError as error:
                failure = error
            with self._changed:
                self._busy = False
                self.failure = failure
                if failure is None and self._unsaved is snapshot:
                    self._unsaved = None
                self._changed.notify_all()
            if failure is not None and self._on_error is not None:
                self._on_error(failure)
