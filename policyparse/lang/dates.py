"""Calendar dates as notices print them: ``2024年12月18日``, ``二〇二四年十二月十八日``,
``2023-12-12``, ``2016.5.1``, ``20150213``.

``DATE`` matches a full date; :func:`parse_date` turns a matched string into a
``datetime.date`` (None when the numbers make no real date).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Optional

import regex as re

from .numerals import cn_to_int

# --- pattern parts (regex fragments without groups) -----------------------------------------

CN_YEAR = "[〇○零一二三四五六七八九]{4}"  # 二〇二四
YEAR = rf"(?:(?:19|20)\d{{2}}|{CN_YEAR})"  # 2024 or 二〇二四, before 年
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"  # 12, 09, 十二, before 月
DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
QUARTER = r"(?:第?[一二三四1-4]季度末?)"  # 三季度, 第4季度末
MONTH_PART = r"(?:底|末|中旬|上旬|下旬|中)"  # 6月底, 3月中旬

YEAR_MONTH_DAY = rf"{YEAR}\s*年\s*{MONTH}\s*月\s*{DAY}\s*[日号]"
ISO_DATE = r"(?<!\d)(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)"
COMPACT_DATE = r"(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)"

DATE = re.compile(rf"{YEAR_MONTH_DAY}|{ISO_DATE}|{COMPACT_DATE}")
DATE_LINE = re.compile(rf"^\s*(?:{YEAR_MONTH_DAY})\s*$")


def _num(s: str) -> Optional[int]:
    s = s.strip()
    return int(s) if s.isdigit() else cn_to_int(s)


def make_date(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> Optional[dt.date]:
    """The last day of a month: ``month_end(2022, 4)`` is 2022-04-30."""
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_date(s: str) -> Optional[dt.date]:
    """A date from a string that :data:`DATE` matched.

    >>> parse_date("二〇〇八年一月三十日"), parse_date("2016 年 4 月 26 日"), parse_date("20150213")
    (datetime.date(2008, 1, 30), datetime.date(2016, 4, 26), datetime.date(2015, 2, 13))
    """
    s = s.strip()
    m = re.fullmatch(r"(.+?)\s*年\s*(.+?)\s*月\s*(.+?)\s*[日号]", s)
    if m:
        year, month, day = (_num(g) for g in m.groups())
        if year is None or month is None or day is None:
            return None
        return make_date(year, month, day)
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    if m:
        return make_date(*(int(g) for g in m.groups()))
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
    if m:
        return make_date(*(int(g) for g in m.groups()))
    return None


def find_date(s: str) -> Optional[dt.date]:
    """The first full date written anywhere in ``s`` (page metadata values)."""
    for m in DATE.finditer(s):
        d = parse_date(m.group(0))
        if d:
            return d
    return None
