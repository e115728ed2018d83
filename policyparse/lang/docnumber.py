"""发文字号 (document numbers): ``苏人社发〔2024〕45号`` and its printed variants.

Sites print the year brackets as 〔〕, [], （）, 【】 or ［］; ``parse_doc_number``
normalizes them to 〔〕. A standard's number (``GB50014``) is not a 文号.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Optional

import regex as re

from ..lexicon import alternation, mapping, word_list
from ..schemas import DocNumber

_OPEN = "〔［\\[（(【{｛"
_CLOSE = "〕］\\]）)】}｝"
# The 机关代字 is a few Han characters, sometimes with a space or a digit inside
# ("高 教", "京教基二", "国信办发文").
AGENCY = r"[\p{Han}][\p{Han}\d ]{0,11}?"
DOC_NUMBER = re.compile(
    rf"(?P<agency>{AGENCY})\s*[{_OPEN}]\s*(?P<year>(?:19|20)\d{{2}})\s*[{_CLOSE}]\s*第?\s*(?P<serial>\d{{1,5}})\s*号"
)


@lru_cache(maxsize=1)
def _leading_words() -> re.Pattern[str]:
    # a page's metadata label glued to its value ("发文字号 自然资发〔2023〕29号") is a lead word too
    labels = [label for label, key in mapping("page_meta_labels.tsv", "label", "key").items() if key == "doc_number"]
    return re.compile(rf"^(?:{alternation(list(word_list('docnumber_lead_words.txt')) + labels)})+")


def clean_agency(agency: str) -> str:
    """Drop words glued in front of a 机关代字 in running text (``按照国发`` → ``国发``)."""
    agency = agency.replace(" ", "")
    stripped = _leading_words().sub("", agency)
    return stripped or agency


_YEAR_BRACKET = re.compile(rf"[{_OPEN}]\s*(?:19|20)\d{{2}}\s*[{_CLOSE}]")


def _search(text: str) -> Iterator[re.Match[str]]:
    """DOC_NUMBER matches, tried only where a bracketed year is (the cheap anchor)."""
    last_end = 0
    for anchor in _YEAR_BRACKET.finditer(text):
        start = max(last_end, anchor.start() - 14)
        m = DOC_NUMBER.search(text, start, min(len(text), anchor.end() + 12))
        if m and m.start() < anchor.end():
            last_end = m.end()
            yield m


def parse_doc_number(text: str) -> Optional[DocNumber]:
    """The first 文号 in ``text``, normalized.

    >>> parse_doc_number("教基一厅[2016]1号").raw
    '教基一厅〔2016〕1号'
    >>> parse_doc_number("东府〔FlFileYear〕FlFileSerial号") is None
    True
    """
    m = next(_search(text), None)
    if not m:
        return None
    return doc_number_from_match(m)


def doc_number_from_match(m: re.Match[str]) -> DocNumber:
    agency = clean_agency(m.group("agency"))
    year = int(m.group("year"))
    serial = int(m.group("serial"))
    return DocNumber(raw=f"{agency}〔{year}〕{serial}号", agency=agency, year=year, serial=serial)


def find_doc_numbers(text: str) -> list[tuple[DocNumber, int, int]]:
    """Every 文号 in ``text`` with its span (agency start to 号), in order."""
    out = []
    for m in _search(text):
        dn = doc_number_from_match(m)
        # the span starts at the cleaned agency, after any glued leading words
        raw_agency = m.group("agency")
        start = m.start("agency") + max(0, raw_agency.replace(" ", "").rfind(dn.agency or "")) if dn.agency else m.start()
        out.append((dn, start, m.end()))
    return out


# The number of a 公告 series: 国家税务总局公告2018年第31号, 财政部 税务总局公告2025年第17号.
# Read as the document's own number only on a line of its own (under the title).
ANNOUNCEMENT_NUMBER_LINE = re.compile(
    r"^(?P<agency>[\p{Han}][\p{Han} ]{1,40}?公告)\s*(?P<year>(?:19|20)\d{2})\s*年\s*第\s*(?P<serial>\d{1,5})\s*号$"
)


def parse_announcement_number(line: str) -> Optional[DocNumber]:
    """The number of a 公告 printed on its own line, as printed.

    >>> parse_announcement_number("财政部 税务总局公告2025年第17号").raw
    '财政部 税务总局公告2025年第17号'
    >>> parse_announcement_number("现将有关事项公告如下：") is None
    True
    """
    m = ANNOUNCEMENT_NUMBER_LINE.match(line.strip())
    if not m:
        return None
    agency = re.sub(r"\s+", " ", m.group("agency")).strip()
    year, serial = int(m.group("year")), int(m.group("serial"))
    return DocNumber(raw=f"{agency}{year}年第{serial}号", agency=agency, year=year, serial=serial)
