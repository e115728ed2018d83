"""Where a long parse is (which page of what work), for whoever shows progress.

Readers call :func:`report` as they go through the pages of slow work (a PDF's
pages, OCR); the code that runs a parse listens with :func:`listening` (the CLI's
progress bar, through a batch worker's pipe). With no listener a report is a
function call and nothing else.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator, Optional

Listener = Callable[[str], None]
_listener: Optional[Listener] = None


def report(work: str, page: int, pages: int) -> None:
    """Say that ``work`` is on ``page`` of ``pages``.

    >>> seen = []
    >>> with listening(seen.append):
    ...     report("OCR", 3, 12)
    >>> seen
    ['OCR page 3 of 12']
    """
    if _listener is not None:
        _listener(f"{work} page {page} of {pages}")


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Send every :func:`report` made inside the block to ``listener``."""
    global _listener
    before, _listener = _listener, listener
    try:
        yield
    finally:
        _listener = before
