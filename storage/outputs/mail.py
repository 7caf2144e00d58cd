"""A message handed to the user's mail client: a ``mailto:`` address (RFC 6068) with the
subject and body, opened by the desktop's own opener."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from urllib.parse import quote

from storage.errors import SendoffError

LONG_MAILTO = 2000
"""Characters past which some mail clients (and Windows) cut a ``mailto:`` address short."""
OPENER_GRACE = 5.0
"""Seconds an opener may take to fail; one still running then has handed the message over."""


def mailto_url(to: str, subject: str, body: str) -> str:
    """The ``mailto:`` address of a message to ``to`` (which may be empty: the mail client asks),
    every line break sent as CRLF, as RFC 6068 asks."""
    fields = [f"{name}={_encoded(value)}"
              for name, value in (("subject", subject), ("body", body)) if value]
    return f"mailto:{quote(to.strip(), safe='@')}" + (f"?{'&'.join(fields)}" if fields else "")


def _encoded(value: str) -> str:
    return quote(value.replace("\r", "").replace("\n", "\r\n"), safe="")


def opener(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> list[str]:
    """The command that opens an address with the desktop's mail client; raises SendoffError
    saying plainly why there is none here (no desktop, as over ssh; no opener installed)."""
    if platform == "darwin":
        return ["open"]
    if platform == "win32":
        return ["cmd", "/c", "start", ""]
    if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        raise SendoffError("There is no desktop here to open a mail client in (no DISPLAY or "
                           "WAYLAND_DISPLAY, as over ssh): copy the message, or save it to a "
                           "file, instead")
    found = shutil.which("xdg-open", path=environ.get("PATH"))
    if found is None:
        raise SendoffError("xdg-open, which opens your mail client, is not installed: copy the "
                           "message, or save it to a file, instead")
    return [found]


def open_in_mail_client(url: str, environ: Mapping[str, str] = os.environ,
                        platform: str = sys.platform, grace: float = OPENER_GRACE) -> None:
    """Hand ``url`` to the desktop's opener; raises SendoffError when it cannot or says it
    failed. An opener still running after ``grace`` seconds is left to it."""
    command = [*opener(environ, platform), url]
    # What it says goes to a file, not a pipe: a mail client left running with the opener's
    # stderr would block once a pipe nobody reads is full.
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=errors,
                                       start_new_session=True, env=dict(environ))
        except OSError as error:
            raise SendoffError(f"{command[0]} could not be started: "
                               f"{error.strerror or error}") from None
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            return
        errors.seek(0)
        said = errors.read().decode("utf-8", "replace").strip().splitlines()
    if process.returncode:
        raise SendoffError(f"{os.path.basename(command[0])} could not open a mail client (it "
                           f"exited with {process.returncode}{': ' + said[-1] if said else ''})")
