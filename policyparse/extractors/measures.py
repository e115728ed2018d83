"""The measure tree (SPEC section 2): numbered items, their ids, levels and headings.

Levels follow marker styles in order of first appearance, as a stack: a style
already open closes everything below it; a new style opens a level under the
current item. Ids are the printed numbers from the top down, so numbering that
continues across parents (``二、`` then ``（四）`` is ``2.4``) and numbering that
restarts (``1.`` under each ``（一）``) both come out as printed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Optional

import regex as re

from ..document import NormalizedDocument
from ..layout import Layout
from ..schemas import Measure
from .numerals import cn_to_int


class Style(enum.Enum):
    PART = "第X部分"
    CHAPTER = "第X章"
    SECTION = "第X节"
    ARTICLE = "第X条"
    CN_COMMA = "一、"
    CN_PAREN = "（一）"
    AR_DOT = "1."
    AR_PAREN = "（1）"
    CIRCLED = "①"


_CN = "[一二三四五六七八九十百零〇]+"
_PATTERNS: list[tuple[Style, re.Pattern[str]]] = [
    (Style.PART, re.compile(rf"^第(?P<n>{_CN}|\d+)部分\s*")),
    (Style.CHAPTER, re.compile(rf"^第(?P<n>{_CN}|\d+)章\s*")),
    (Style.SECTION, re.compile(rf"^第(?P<n>{_CN}|\d+)节\s*")),
    # 第二十条第（一）项 cites an article; it does not start one
    (Style.ARTICLE, re.compile(rf"^第(?P<n>{_CN}|\d+)条(?!第|规定|之|所|中|的)\s*")),
    (Style.CN_COMMA, re.compile(r"^(?P<n>[一二三四五六七八九十百]+)[、.]\s*")),
    (Style.CN_PAREN, re.compile(r"^（(?P<n>[一二三四五六七八九十百]+)）\s*")),
    (Style.AR_DOT, re.compile(r"^(?P<n>\d{1,3})(?:[.、](?!\d)|\s+(?=[\p{Han}]))\s*")),
    (Style.AR_PAREN, re.compile(r"^（(?P<n>\d{1,3})）\s*")),
    (Style.CIRCLED, re.compile(r"^(?P<n>[①-⑳])\s*")),
]
# Styles that only structure 条-based documents; they always rank above 第X条.
_DOC_STYLES = (Style.PART, Style.CHAPTER, Style.SECTION, Style.ARTICLE)
# The usual nesting of the other styles, used to notice a skipped level.
_RANK = {Style.CN_COMMA: 0, Style.CN_PAREN: 1, Style.AR_DOT: 2, Style.AR_PAREN: 3, Style.CIRCLED: 4}


@dataclass
class MarkerMatch:
    style: Style
    number: int
    marker: str  # as printed
    end: int  # offset in the line where the item's own words start



# patterns used in hot functions, compiled once
_HEADING_END = re.compile(r"[。：:]")
_SPACE_IN_WORDS = re.compile(r"(?<=[\p{Han}])\s+(?=[\p{Han}])")
_NUMBER_THEN_UNIT = re.compile(r"^\d+\s*[年月日号%％万亿个人次家]")


def match_marker(line: str) -> Optional[MarkerMatch]:
    """The measure marker at the start of ``line``, if any.

    >>> m = match_marker("（四）降低先进制造业企业用工成本。")
    >>> m.style.name, m.number, m.marker
    ('CN_PAREN', 4, '（四）')
    >>> match_marker("2023年12月22日前，各设区市人社部门要牵头") is None
    True
    """
    for style, pattern in _PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        raw = m.group("n")
        if style is Style.CIRCLED:
            number = ord(raw) - ord("①") + 1
        elif raw.isdigit():
            number = int(raw)
        else:
            number = cn_to_int(raw) or 0
        if number <= 0:
            continue
        marker = line[: m.end()].rstrip()
        rest = line[m.end() :]
        if not rest.strip() and style not in _DOC_STYLES and style is not Style.CN_COMMA:
            return None  # a bare number on a line is not an item
        if style is Style.AR_DOT and _NUMBER_THEN_UNIT.match(line):
            return None
        return MarkerMatch(style, number, marker, m.end())
    return None


def heading_of(rest: str) -> Optional[str]:
    """SPEC's heading rule: the words up to the first 。 or ： or the line end, if ≤ 50 chars.

    >>> heading_of("加强信息衔接。各级人力资源社会保障、工业和信息化部门要加强信息衔接")
    '加强信息衔接'
    """
    m = _HEADING_END.search(rest)
    head = rest[: m.start()] if m else rest
    # up to 。/： or the line end (SPEC): a list item's closing ； stays
    head = _SPACE_IN_WORDS.sub("", head).strip()
    if not head or len(head) > 50:
        return None
    return head


@dataclass
class _Open:
    style: Style
    id: str
    index: int  # position in the output list


def find_measures(doc: NormalizedDocument, layout: Layout) -> tuple[list[Measure], list[str]]:
    """Numbered items of the body (or of the enclosed document), flat, in order.

    Returns the measures and warnings about the numbering (skipped levels, gaps,
    duplicates).
    """
    measures: list[Measure] = []
    warnings: list[str] = []
    ends: list[int] = []  # line index where each measure's span ends (exclusive)
    lines_of: list[int] = []
    taken: set[str] = set()
    skip = layout.toc_lines | layout.table_lines | set(layout.attachment_note_lines)
    for start, stop in layout.measure_ranges():
        stack: list[_Open] = []
        last_number: dict[tuple[str, Style], int] = {}
        for i in range(start, min(stop, len(doc.lines))):
            if i in skip or layout.in_attachment(i):
                continue
            text = doc.line_text(i)
            mm = match_marker(text.lstrip())
            if mm is None:
                continue
            # 第X条 documents: 章/节 always above 条, whatever appeared first
            while stack and (
                stack[-1].style == mm.style
                or mm.style in _DOC_STYLES and stack[-1].style in _DOC_STYLES
                and _DOC_STYLES.index(stack[-1].style) >= _DOC_STYLES.index(mm.style)
                or mm.style in _DOC_STYLES and stack[-1].style not in _DOC_STYLES
                or any(o.style == mm.style for o in stack)
            ):
                closed = stack.pop()
                ends[closed.index] = i
            parent = stack[-1] if stack else None
            mid = f"{parent.id}.{mm.number}" if parent else str(mm.number)
            depth = len(stack) + 1
            if parent and parent.style in _RANK and mm.style in _RANK and _RANK[mm.style] - _RANK[parent.style] > 1:
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
            ends[o.index] = stop
    _fill_spans(doc, measures, ends, lines_of)
    return measures, warnings


def _last_content_line(doc: NormalizedDocument, start: int, end: int) -> int:
    return max(start, end - 1)


def _fill_spans(doc: NormalizedDocument, measures: list[Measure], ends: list[int], lines_of: list[int]) -> None:
    for k, m in enumerate(measures):
        last = _last_content_line(doc, lines_of[k], ends[k])
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
