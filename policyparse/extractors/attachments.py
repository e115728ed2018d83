"""Attachments (附件): each one's title and tables, from the 附件说明 and the bodies at the end."""

from __future__ import annotations

import regex as re

from ..document import NormalizedDocument
from ..layout import Layout
from ..schemas import Attachment, PolicyRecord


def _norm(s: str) -> str:
    return re.sub(r"[\s《》“”]", "", s)


def find_attachments(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[Attachment]:
    """One item per attachment: those named in the 附件说明 and those printed at the end."""
    out: list[Attachment] = []
    for z in layout.attachments:
        span = (doc.lines[z.head_line].start, doc.lines[z.end - 1].end if z.end > z.head_line else doc.lines[z.head_line].end)
        tables = [t.cells() for t in layout.tables if z.start <= t.lines[0] < z.end]
        out.append(Attachment(title=z.title, tables=tables, span=span))
    for t in layout.attachment_note_titles:
        if not any(a.title and (_norm(a.title) == _norm(t) or _norm(t) in _norm(a.title)) for a in out):
            out.append(Attachment(title=t, tables=[]))
    # order: as listed in the note, then any others
    order = {_norm(t): k for k, t in enumerate(layout.attachment_note_titles)}
    out.sort(key=lambda a: order.get(_norm(a.title or ""), len(order)))
    return out
