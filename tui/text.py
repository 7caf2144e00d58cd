"""Show a freelancer's text exactly as typed: no markup, no terminal escape codes."""

from __future__ import annotations

from rich.text import Text

from storage.outputs.printable import printable as visible

__all__ = ["literal", "one_line", "visible"]


def literal(text: str, style: str = "") -> Text:
    """A Rich Text that renders ``text`` literally, whatever brackets or escapes it holds."""
    return Text(visible(text), style=style)


def one_line(text: str, style: str = "") -> Text:
    """``text`` literally, its runs of spaces and line breaks made one space: a list cell."""
    return literal(" ".join(text.split()), style)
