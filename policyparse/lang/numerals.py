"""Numbers as notices print them: Arabic, Chinese numerals, with 万/亿 multipliers.

Values are exact (``Decimal``): ``1.8万`` is 18000, not 17999.999….
Conversion only ever runs on a span that a pattern already matched; nothing
here rewrites running text (a sentence converter would turn 全国两会 into 全国2会).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional, Union

import regex as re

DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
          "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

# --- pattern parts (regex fragments without groups, combined by the modules above) -----------

CN_DIGIT = "〇○零一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
CN_NUMERAL = f"[{CN_DIGIT}十拾百佰千仟万亿]+"
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"  # 1,500 / 79.8
CN_COUNT = "[一二两三四五六七八九十百千]+"  # 三, 二十, 两百: a count in words
NUMBER = rf"(?:{ARABIC}|{CN_COUNT})"  # a value as notices print it, before its multiplier
MULTIPLIER = r"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|百)"  # 10万 → 100000
RANGE_SEP = r"(?:[-—–~～]{1,2}|至|到)"  # 1-2家, 1到2家
SMALL_NUMBER = r"(?:\d{1,4}(?:\.\d)?|[一二三四五六七八九十两百]{1,4})"  # a count of days, months, years (0.5个工作日)


def cn_to_int(s: str) -> Optional[int]:
    """An integer written in Chinese numerals, or None if ``s`` is not one.

    >>> cn_to_int("十八"), cn_to_int("二十一"), cn_to_int("三百"), cn_to_int("两万"), cn_to_int("二〇二四")
    (18, 21, 300, 20000, 2024)
    """
    if not s:
        return None
    if all(ch in DIGITS for ch in s):
        if len(s) == 1:
            return DIGITS[s]
        # digit by digit, as in years: 二〇二四
        return int("".join(str(DIGITS[ch]) for ch in s))
    total = 0
    section = 0
    digit: Optional[int] = None
    for ch in s:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (digit if digit is not None else 1) * SMALL_UNITS[ch]
            digit = None
        elif ch in BIG_UNITS:
            section += digit or 0
            total = (total + section) * BIG_UNITS[ch] if BIG_UNITS[ch] > 10_000 else total + section * BIG_UNITS[ch]
            section = 0
            digit = None
        else:
            return None
    return total + section + (digit or 0)


def to_decimal(number: str) -> Optional[Decimal]:
    """A number as printed (Arabic, with separators, or Chinese numerals) as a Decimal.

    >>> to_decimal("1,500"), to_decimal("79.8"), to_decimal("两")
    (Decimal('1500'), Decimal('79.8'), Decimal('2'))
    """
    number = number.strip()
    if not number:
        return None
    if re.fullmatch(ARABIC, number):
        try:
            return Decimal(number.replace(",", ""))
        except InvalidOperation:
            return None
    value = cn_to_int(number)
    return Decimal(value) if value is not None else None


def apply_multiplier(value: Decimal, multiplier: str) -> Decimal:
    """Scale by 万/亿/千/百/十 and combinations (``万亿``).

    >>> apply_multiplier(Decimal("1.8"), "万")
    Decimal('18000.0')
    """
    for ch in multiplier:
        if ch in BIG_UNITS:
            value *= BIG_UNITS[ch]
        elif ch in SMALL_UNITS:
            value *= SMALL_UNITS[ch]
    return value


def plain(value: Decimal) -> Union[int, float]:
    """An exact Decimal as the JSON number users expect: an int when integral.

    >>> plain(Decimal("18000.0")), plain(Decimal("79.8"))
    (18000, 79.8)
    """
    if value == value.to_integral_value():
        return int(value)
    return float(value)
