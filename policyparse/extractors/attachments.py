"""Attachments (附件): each one's title and tables, from the 附件说明 and the bodies at the end."""

from __future__ import annotations

import regex as re

from ..document import NormalizedDocument
from ..layout import Layout
from ..schemas import Attachment


def _norm(s: str) -> str:
    return re.sub(r"[\s《》“”]", "", s)


def tables_in(doc: NormalizedDocument, start: int, end: int) -> list[list[list[str]]]:
    """Tables whose rows lie in lines ``[start, end)``, as rows of cell strings."""
    tables: dict[int, list[list[str]]] = {}
    for i in range(start, min(end, len(doc.lines))):
        line = doc.lines[i]
        if line.table is None:
            continue
        cells = [c.strip() for c in doc.line_text(i).split("\t")]
        tables.setdefault(line.table, []).append(cells)
    return list(tables.values())


def find_attachments(doc: NormalizedDocument, layout: Layout) -> list[Attachment]:
    """One item per attachment: those named in the 附件说明 and those printed at the end."""
    out: list[Attachment] = []
    for z in layout.attachments:
        span = (doc.lines[z.head_line].start, doc.lines[z.end - 1].end if z.end > z.head_line else doc.lines[z.head_line].end)
        out.append(Attachment(title=z.title, tables=tables_in(doc, z.start, z.end), span=span))
    for t in layout.attachment_note_titles:
        if not any(a.title and (_norm(a.title) == _norm(t) or _norm(t) in _norm(a.title)) for a in out):
            out.append(Attachment(title=t, tables=[]))
    # order: as listed in the note, then any others
    order = {_norm(t): k for k, t in enumerate(layout.attachment_note_titles)}
    out.sort(key=lambda a: order.get(_norm(a.title or ""), len(order)))
    return out
