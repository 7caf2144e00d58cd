"""The one clock every date computation reads, so tests and screenshots can pin "today"."""

from __future__ import annotations

import os
from datetime import date

from storage.errors import ValidationError

TODAY_VARIABLE = "SENDOFF_TODAY"


def today() -> date:
    """Today's date, or the date pinned by ``SENDOFF_TODAY=YYYY-MM-DD``."""
    pinned = os.environ.get(TODAY_VARIABLE, "").strip()
    if not pinned:
        return date.today()
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        raise ValidationError(
            TODAY_VARIABLE, f"{pinned!r} is not a date; use the form 2026-03-15"
        ) from None
