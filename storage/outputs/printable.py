"""A freelancer's text, safe to print on one line of a terminal or a calendar: control characters
are shown, never obeyed, so an escape code typed into a client's name cannot repaint the screen.

`tui.text` does the same for the app, but imports rich; the command line and the exports use this.
"""

from __future__ import annotations

from collections.abc import Sequence

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



def aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    """The rows as lines of columns two spaces apart, each column but the last as wide as its
    widest text."""
    if not rows:
        return []
    widths = [max(display_width(row[column]) for row in rows)
              for column in range(len(rows[0]) - 1)]
    return ["  ".join([*(cell + " " * (width - display_width(cell))
                         for cell, width in zip(row[:-1], widths, strict=True)), row[-1]]).rstrip()
            for row in rows]
