"""The measure tree (SPEC section 2): numbered items, their ids, levels and headings.

Levels follow marker styles in order of first appearance, as a stack: a style
already open closes everything below it; a new style opens a level under the
current item. Ids are the printed numbers from the top down, so numbering that
continues across parents (``二、`` then ``（四）`` is ``2.4``) and numbering that
restarts (``1.`` under each ``（一）``) both come out as printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


from ..document import NormalizedDocument
from ..layout import ITEM_ZONES, Layout, Zone
from ..schemas import Measure, PolicyRecord
from ..lang.markers import DOC_STYLES, RANK, Style, heading_of, match_marker


@dataclass
class _Open:
    style: Style
    id: str
    index: int  # position in the output list


def find_measures(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[Measure]:
    """Numbered items of the body (or of the enclosed document), flat, in order.

    Warnings about the numbering (skipped levels, gaps, duplicates) go to the record.
    """
    warnings: list[str] = []
    measures = _tree(doc, layout, layout.measure_ranges(), warnings)
    if not measures:
        # Never silently empty: numbered lines the layout left outside its body range (an
        # enclosed draft after the signature, a body it cut short) still make the tree.
        everywhere = [(0, len(doc.lines))]
        fallback_warnings: list[str] = []
        fallback = _tree(doc, layout, everywhere, fallback_warnings)
        if has_marker_run(doc, layout, everywhere):
            record.warnings.append(f"measures from markers: layout found none in the body range, "
                                   f"{len(fallback)} numbered lines outside it")
            warnings = fallback_warnings
            measures = fallback
    record.warnings.extend(warnings)
    return measures


def has_marker_run(doc: NormalizedDocument, layout: Layout, ranges: list[tuple[int, int]], run: int = 3) -> bool:
    """Some marker style numbers ``run`` item lines 1, 2, 3 … in order (一、二、三、, 第一条 第二条 第三条)."""
    count: dict[Style, int] = {}
    for start, stop in ranges:
        for i in range(start, min(stop, len(doc.lines))):
            if layout.zone(i) not in ITEM_ZONES or i in layout.table_lines:
                continue
            mm = match_marker(doc.line_text(i).lstrip())
            if mm is None:
                continue
            if mm.number == 1:
                count[mm.style] = 1
            elif mm.number == count.get(mm.style, 0) + 1:
                count[mm.style] += 1
            if count.get(mm.style, 0) >= run:
                return True
    return False


def _tree(doc: NormalizedDocument, layout: Layout, ranges: list[tuple[int, int]], warnings: list[str]) -> list[Measure]:
    """The measure tree of the item lines in ``ranges``; warnings about the numbering go to ``warnings``."""
    measures: list[Measure] = []
    ends: list[int] = []  # line index where each measure's span ends (exclusive)
    lines_of: list[int] = []
    taken: set[str] = set()
    for start, stop in ranges:
        stack: list[_Open] = []
        last_number: dict[tuple[str, Style], int] = {}
        for i in range(start, min(stop, len(doc.lines))):
            if layout.zone(i) not in ITEM_ZONES or i in layout.table_lines:
                continue
            text = doc.line_text(i)
            mm = match_marker(text.lstrip())
            if mm is None:
                continue
            # 第X条 documents: 章/节 always above 条, whatever appeared first
            while stack and (
                stack[-1].style == mm.style
                or mm.style in DOC_STYLES and stack[-1].style in DOC_STYLES
                and DOC_STYLES.index(stack[-1].style) >= DOC_STYLES.index(mm.style)
                or mm.style in DOC_STYLES and stack[-1].style not in DOC_STYLES
                or any(o.style == mm.style for o in stack)
            ):
                closed = stack.pop()
                ends[closed.index] = i
            parent = stack[-1] if stack else None
            mid = f"{parent.id}.{mm.number}" if parent else str(mm.number)
            depth = len(stack) + 1
            if parent and parent.style in RANK and mm.style in RANK and RANK[mm.style] - RANK[parent.style] > 1:
                warnings.append(f"measure {mid} ({mm.marker}) sits directly under {parent.id}: a level is skipped")
            key = (parent.id if parent else "", mm.style)
            prev_n = last_number.get(key)
            if prev_n is not None and mm.number not in (prev_n, prev_n + 1):  # a repeat is reported below
                warnings.append(f"measure numbering jumps from {prev_n} to {mm.number} at {mid}")
            last_number[key] = mm.number
            if mid in taken:
                # the printed numbering repeats: the repeat gets ~2, ~3 so ids stay unique
                n = 2
                while f"{mid}~{n}" in taken:
                    n += 1
                warnings.append(f"measure {mid} is numbered again; the repeat is {mid}~{n}")
                mid = f"{mid}~{n}"
            taken.add(mid)
            lead = len(text) - len(text.lstrip())
            line = doc.lines[i]
            rest = text.lstrip()[mm.end :]
            measures.append(
                Measure(
                    id=mid,
                    level=depth,
                    marker=mm.marker,
                    parent=parent.id if parent else None,
                    heading=heading_of(rest),
                    text="",
                    span=(line.start + lead, line.end),
                    page=line.page,
                )
            )
            ends.append(stop)
            lines_of.append(i)
            stack.append(_Open(mm.style, mid, len(measures) - 1))
        for o in stack:
            ends[o.index] = min(stop, len(doc.lines))
    _fill_spans(doc, layout, measures, ends, lines_of)
    return measures


def _last_content_line(layout: Layout, start: int, end: int) -> int:
    """The last line of a measure running from ``start`` to ``end`` (exclusive): the page's
    footer the layout zoned as CHROME after the notice's last item is not part of it."""
    last = max(start, end - 1)
    while last > start and layout.zone(last) is Zone.CHROME:
        last -= 1
    return last


def _fill_spans(doc: NormalizedDocument, layout: Layout, measures: list[Measure], ends: list[int],
                lines_of: list[int]) -> None:
    for k, m in enumerate(measures):
        last = _last_content_line(layout, lines_of[k], ends[k])
        span_end = doc.lines[min(last, len(doc.lines) - 1)].end
        m.span = (m.span[0], span_end)
        own_end = span_end
        if k + 1 < len(measures) and measures[k + 1].parent == m.id:
            own_end = doc.lines[lines_of[k + 1]].start - 1
        m.text = doc.text[m.span[0] : max(m.span[0], own_end)].strip()


def innermost_measure(measures: list[Measure], start: int, end: int) -> Optional[str]:
    """The id of the deepest measure whose span contains ``[start, end)``."""
    best: Optional[Measure] = None
    for m in measures:
        if m.span[0] <= start and end <= m.span[1]:
            if best is None or m.level >= best.level:
                best = m
    return best.id if best else None
