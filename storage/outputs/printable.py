"""A freelancer's text, safe to print on one line of a terminal or a calendar: control characters
are shown, never obeyed, so an escape code typed into a client's name cannot repaint the screen.

`tui.text` does the same for the app, but imports rich; the command line and the exports use this.
"""

from __future__ import annotations

# C0 controls (newline and tab included: one record is one line) and DEL become their Unicode
# "control pictures" (ESC shows as ␛); C1 controls and the bidirectional overrides, which can
# reorder what is shown, become escapes such as \x9b and \u202e.
_VISIBLE: dict[int, int | str] = {code: 0x2400 + code for code in range(0x20)}
_VISIBLE[0x7F] = 0x2421
_VISIBLE.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})
_VISIBLE.update(
    {code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
)


def printable(text: str) -> str:
    """``text`` on one line with every control character made visible."""
    return text.translate(_VISIBLE)


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes: wide East Asian characters take two, combining
    marks none. Enough to line up columns without importing rich."""
    if text.isascii():
        return len(text)
    import unicodedata  # here, not at the top: `sendoff due` rarely needs it

    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )

