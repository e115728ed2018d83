"""Why a candidate item was dropped: collected when the caller asks (``parse(..., explain=True)``).

Extractors call :func:`explain` for every candidate they drop with a reason (an
ungrounded department, a number that is a rate, not a target). Nothing is kept
unless the document asked for it, so the default path costs one dict lookup.
"""

from __future__ import annotations

from ..document import NormalizedDocument
from ..schemas import Dropped


def explain(doc: NormalizedDocument, field: str, text: str, span: tuple[int, int], reason: str) -> None:
    """Note that a candidate for ``field`` at ``span`` was dropped, and why."""
    dropped = doc.cache.get("explain")
    if dropped is not None:
        dropped.append(Dropped(field=field, text=text, span=span, reason=reason))
