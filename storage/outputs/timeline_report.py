"""`sendoff timeline`: a client's timeline as aligned lines, or as JSON; text printed literally
(see `printable`)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from storage.outputs.printable import printable
from storage.views.timeline import Moment


def timeline_lines(moments: Sequence[Moment]) -> list[str]:
    """``date  kind  what``, newest first."""
    width = max((len(moment.kind) for moment in moments), default=0)
    return [f"{moment.on.isoformat()}  {moment.kind.ljust(width)}  {printable(moment.text)}"
            for moment in moments]


def timeline_json(moments: Sequence[Moment]) -> str:
    return json.dumps([{"date": moment.on.isoformat(), "kind": moment.kind,
                        "text": moment.text} for moment in moments], indent=2)
