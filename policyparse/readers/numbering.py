"""Word's automatic list numbering, rendered the way Word prints it.

A paragraph's label ("一、", "（二）", "3.") is not in its text: it comes from
``numbering.xml``. :class:`NumberingRenderer` reads the abstract numbering
definitions (start, format, level text, restart rule) and the list instances
(``w:num`` with start overrides), keeps the counters as paragraphs go by, and
returns each numbered paragraph's label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CN_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五.

    >>> [chinese_counting(n) for n in (1, 10, 11, 20, 21, 99, 100, 105)]
    ['一', '十', '十一', '二十', '二十一', '九十九', '一百', '一百零五']
    """
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CN_DIGITS[tens] + "十" + (_CN_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            return _CN_DIGITS[hundreds] + "百"
        tail = chinese_counting(rest)
        return _CN_DIGITS[hundreds] + "百" + ("零" + tail if rest < 10 else ("一" + tail if tail.startswith("十") else tail))
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: 27 → AA
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A counter in one of Word's number formats (``w:numFmt``)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
               "taiwaneseCounting", "koreanCounting", "ideographDigital"):
        return chinese_counting(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: Optional[int] = None  # w:lvlRestart: restart after this (1-based) level; 0 never


@dataclass
class _List:
    levels: dict[int, Level]
    counters: dict[int, int] = field(default_factory=dict)


class NumberingRenderer:
    """Labels of numbered paragraphs, in document order."""

    def __init__(self, numbering_xml: Any, styles_xml: Any = None):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.lists: dict[str, _List] = {}
        self.style_numpr: dict[str, tuple[Optional[str], Optional[int]]] = {}
        self.style_parent: dict[str, str] = {}
        if numbering_xml is not None:
            self._read_numbering(numbering_xml)
        if styles_xml is not None:
            self._read_styles(styles_xml)

    def _read_numbering(self, root: Any) -> None:
        for an in root.iter(f"{W}abstractNum"):
            aid = an.get(f"{W}abstractNumId")
            levels: dict[int, Level] = {}
            for lvl in an.iter(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                level = Level()
                for child in lvl:
                    tag, val = child.tag.replace(W, ""), child.get(f"{W}val")
                    if val is None:
                        continue
                    if tag == "start":
                        level.start = int(val)
                    elif tag == "numFmt":
                        level.fmt = val
                    elif tag == "lvlText":
                        level.text = val
                    elif tag == "lvlRestart":
                        level.restart = int(val)
                levels[ilvl] = level
            self.abstract[aid] = levels
        for num in root.iter(f"{W}num"):
            nid = num.get(f"{W}numId")
            ref = num.find(f"{W}abstractNumId")
            overrides: dict[int, int] = {}
            for ov in num.iter(f"{W}lvlOverride"):
                so = ov.find(f"{W}startOverride")
                if so is not None:
                    overrides[int(ov.get(f"{W}ilvl", "0"))] = int(so.get(f"{W}val"))
            if ref is not None:
                self.nums[nid] = (ref.get(f"{W}val"), overrides)

    def _read_styles(self, root: Any) -> None:
        for style in root.iter(f"{W}style"):
            sid = style.get(f"{W}styleId")
            based = style.find(f"{W}basedOn")
            if based is not None:
                self.style_parent[sid] = based.get(f"{W}val")
            numpr = style.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                num_id = numpr.find(f"{W}numId")
                ilvl = numpr.find(f"{W}ilvl")
                self.style_numpr[sid] = (
                    num_id.get(f"{W}val") if num_id is not None else None,
                    int(ilvl.get(f"{W}val")) if ilvl is not None else None,
                )

    def _numpr(self, p: Any) -> tuple[Optional[str], int]:
        ppr = p.find(f"{W}pPr")
        num_id: Optional[str] = None
        ilvl: Optional[int] = None
        style_id: Optional[str] = None
        if ppr is not None:
            numpr = ppr.find(f"{W}numPr")
            if numpr is not None:
                n = numpr.find(f"{W}numId")
                i = numpr.find(f"{W}ilvl")
                num_id = n.get(f"{W}val") if n is not None else None
                ilvl = int(i.get(f"{W}val")) if i is not None else None
            ps = ppr.find(f"{W}pStyle")
            style_id = ps.get(f"{W}val") if ps is not None else None
        seen = set()
        while (num_id is None or ilvl is None) and style_id and style_id not in seen:
            seen.add(style_id)
            s_num, s_lvl = self.style_numpr.get(style_id, (None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
            style_id = self.style_parent.get(style_id)
        return num_id, ilvl or 0

    def label(self, p: Any) -> str:
        """The printed label of paragraph element ``p`` ("" when it is not numbered)."""
        num_id, ilvl = self._numpr(p)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        aid, overrides = self.nums[num_id]
        levels = self.abstract.get(aid, {})
        # list instances with a start override count on their own; others share the abstract list
        key = num_id if overrides else f"abstract:{aid}"
        lst = self.lists.setdefault(key, _List(levels))
        level = levels.get(ilvl, Level())
        start = overrides.get(ilvl, level.start)
        lst.counters[ilvl] = lst.counters.get(ilvl, start - 1) + 1
        for deeper, lv in levels.items():
            if deeper <= ilvl or deeper not in lst.counters:
                continue
            if lv.restart is None or (lv.restart != 0 and ilvl <= lv.restart - 1):
                del lst.counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in text:
                lv = levels.get(k, Level())
                count = lst.counters.get(k, overrides.get(k, lv.start))
                text = text.replace(token, format_number(count, lv.fmt))
        return text
