"""Copying through the terminal (OSC 52), and saying plainly where that cannot reach the
clipboard: the app cannot see whether the terminal took the copy, but it knows the setups that
drop it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping

TMUX_ASKS = ["tmux", "show-options", "-gv", "set-clipboard"]
NOT_PASSED = "It may not have reached your clipboard: "


def _tmux_set_clipboard(environ: Mapping[str, str]) -> str:
    """tmux's ``set-clipboard`` option ("on", "external", "off"), or "" when it cannot be asked."""
    try:
        done = subprocess.run(TMUX_ASKS, capture_output=True, text=True, timeout=2,
                              env=dict(environ), stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def copy_caveat(environ: Mapping[str, str] = os.environ) -> str:
    """Why a copy made through the terminal would not reach the clipboard here, in a sentence
    that says what to do; "" when nothing known stands in the way."""
    if environ.get("TMUX"):
        setting = _tmux_set_clipboard(environ)
        if setting != "on":
            now = f" (it is {setting!r} now)" if setting else ""
            return (f"{NOT_PASSED}inside tmux a copy from an app passes to your terminal only "
                    f"with `set -g set-clipboard on` in ~/.tmux.conf{now}.")
    if environ.get("STY"):
        return f"{NOT_PASSED}GNU screen does not pass a copy from an app to your terminal."
    if environ.get("TERM_PROGRAM") == "Apple_Terminal":
        return (f"{NOT_PASSED}macOS Terminal does not take copies from apps (OSC 52); "
                "iTerm2, kitty, WezTerm and most others do.")
    if environ.get("TERM") == "linux":
        return f"{NOT_PASSED}the Linux console has no clipboard to copy to."
    return ""
