"""Item markers: how notices number their measures (一、 （一） 1. （1） ①, 第X章/第X条).

:func:`match_marker` is the one place a line's marker is read; the layout, the
normalizer (which must not join a marker line to the line before) and the
measure tree all use it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Optional

import regex as re

from .numerals import cn_to_int


class Style(enum.Enum):
    """A numbering style, named by how its first item prints."""

    PART = "第X部分"
    CHAPTER = "第X章"
    SECTION = "第X节"
    ARTICLE = "第X条"
    CN_COMMA = "一、"
    CN_PAREN = "（一）"
    AR_DOT = "1."
    AR_PAREN = "（1）"
    CIRCLED = "①"


# --- pattern parts -------------------------------------------------------------------------

CN_ORDINAL = "[一二三四五六七八九十百]+"  # 十二 in 十二、
CN_ORDINAL_ZERO = "[一二三四五六七八九十百零〇]+"  # 一百零三 in 第一百零三条
AR_ORDINAL = r"\d{1,3}"
_N = rf"(?P<n>{CN_ORDINAL_ZERO}|\d+)"  # the number of a 第X章/条
# 第二十条第（一）项 cites an article; it does not start one
_CITES_ARTICLE = r"(?!第|规定|之|所|中|的)"
# 1. and 1、 but not 1.5; "1 加强…" (a space, then words) is an item too
_AR_DOT_END = r"(?:[.、](?!\d)|\s+(?=[\p{Han}]))"

_PATTERNS: list[tuple[Style, re.Pattern[str]]] = [
    (Style.PART, re.compile(rf"^第{_N}部分\s*")),
    (Style.CHAPTER, re.compile(rf"^第{_N}章\s*")),
    (Style.SECTION, re.compile(rf"^第{_N}节\s*")),
    (Style.ARTICLE, re.compile(rf"^第{_N}条{_CITES_ARTICLE}\s*")),
    (Style.CN_COMMA, re.compile(rf"^(?P<n>{CN_ORDINAL})[、.]\s*")),
    (Style.CN_PAREN, re.compile(rf"^（(?P<n>{CN_ORDINAL})）\s*")),
    (Style.AR_DOT, re.compile(rf"^(?P<n>{AR_ORDINAL}){_AR_DOT_END}\s*")),
    (Style.AR_PAREN, re.compile(rf"^（(?P<n>{AR_ORDINAL})）\s*")),
    (Style.CIRCLED, re.compile(r"^(?P<n>[①-⑳])\s*")),
]
# Any marker, as a regex fragment for patterns that look for one inside a larger match.
ANY_MARKER = (
    rf"(?:第(?:{CN_ORDINAL_ZERO}|\d+)(?:章|节|条|部分|篇)|{CN_ORDINAL}[、.]|（{CN_ORDINAL}）|（{AR_ORDINAL}）"
    r"|\d{1,3}[.、](?!\d)|[①-⑳])"
)
# Styles that only structure 条-based documents; they always rank above 第X条.
DOC_STYLES = (Style.PART, Style.CHAPTER, Style.SECTION, Style.ARTICLE)
# The usual nesting of the other styles, used to notice a skipped level.
RANK = {Style.CN_COMMA: 0, Style.CN_PAREN: 1, Style.AR_DOT: 2, Style.AR_PAREN: 3, Style.CIRCLED: 4}


@dataclass
class MarkerMatch:
    """A marker read at the start of a line."""

    style: Style
    number: int
    marker: str  # as printed
    end: int  # offset in the line where the item's own words start


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
        if not rest.strip() and style not in DOC_STYLES and style is not Style.CN_COMMA:
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


def starts_with_marker(line: str) -> bool:
    """True when ``line`` (leading spaces allowed) opens a numbered item.

    >>> starts_with_marker("  （二）完善政策"), starts_with_marker("2024年起实施")
    (True, False)
    """
    return match_marker(line.lstrip()) is not None
