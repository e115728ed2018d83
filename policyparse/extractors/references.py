"""References (SPEC section 1): other documents the notice cites by 《title》 or 文号.

Not references: the notice itself, what it 印发/转发s and its 附件, aliases
(``以下简称《办法》``), forms and certificates (``data/reference_exclusions.txt``).
A title followed by its number in brackets is one reference.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Optional

import regex as re

from ..document import NormalizedDocument
from ..layout import Layout, Zone
from ..lexicon import alternation, word_list
from ..schemas import PolicyRecord, Reference
from ..lang.docnumber import DOC_NUMBER, find_doc_numbers
from .measures import innermost_measure

# 令 and 公告 numbers cite regulations and announcements: 建设部令第77号, 国务院令第699号,
# 广东省第十二届人民代表大会常务委员会第45号公告, 住房城乡建设部公告2019年第237号.
ORDER_NUMBER = re.compile(
    r"(?:[\p{Han}]{1,30}?)(?:令|公告)\s*(?:\d{4}\s*年)?\s*第\s*\d{1,4}\s*号|[\p{Han}]{0,30}?第\s*\d{1,4}\s*号(?:令|公告)"
)
_ENCLOSING = re.compile(r"《(?P<t>[^》\n]{2,120})》[^。\n]{0,30}?(?:印发|转发|公布|发布)给你们|现将《(?P<t2>[^》\n]{2,120})》")
# a short name ending like a form is a form (《进站函》, 《申请书》), not a cited document
_SHORT_FORM = re.compile(r"^[\p{Han}]{1,4}(?:函|书|证|表|单|卡)$")
_ALIAS = re.compile(r"以下(?:简称|称)\s*[“《]?(?P<a>[^”》）)]{1,20})[”》]?")
_NUMBER_AFTER = re.compile(r"^\s*[（(]\s*(?P<n>[^（）()]{2,40}?)\s*[）)]")


@lru_cache(maxsize=1)
def _form_suffix() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(word_list('reference_exclusions.txt'))})(?:[（(][^）)]*[）)])?$")


def iter_book_titles(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, title)`` for each outermost 《…》 in ``text`` (nesting allowed).

    >>> [t for _, _, t in iter_book_titles("按照《关于执行〈办法〉的请示》和《条例》")]
    ['关于执行〈办法〉的请示', '条例']
    """
    depth = 0
    start = -1
    for i, ch in enumerate(text):
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                title = text[start + 1 : i]
                if "\n" not in title and 0 < len(title) <= 150:
                    yield start, i + 1, title
        elif ch == "\n":
            depth = 0


def _norm(s: str) -> str:
    return re.sub(r"[\s《》〈〉<>“”\"]", "", s)


def _number_in(s: str) -> Optional[str]:
    m = DOC_NUMBER.search(s)
    if m:
        found = find_doc_numbers(s)
        return found[0][0].raw if found else None
    m = ORDER_NUMBER.search(s)
    if m:
        return re.sub(r"\s+", "", m.group(0))
    return None


def find_references(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[Reference]:
    """Cited documents in the body, in order, one per document."""
    title, own_number, measures = record.title, record.doc_number, record.measures
    text = doc.text
    # the title may cite (关于贯彻落实《…》的通知); what it 印发s is excluded below
    allowed = set(layout.item_lines()) | set(layout.lines(Zone.TITLE))

    excluded = set()
    if title:
        excluded.add(_norm(title))
        if "关于" in title:
            excluded.add(_norm(title[title.index("关于") :]))
    for i in layout.title_lines + layout.enclosed_title_lines:
        line = doc.line_text(i)
        for start, _, t in iter_book_titles(line):
            # what the notice 印发s/转发s is enclosed, not cited
            if re.search(r"(?:印发|转发|发布|公布|颁布)\s*$", line[:start]):
                excluded.add(_norm(t))
        excluded.add(_norm(line))
    for t in layout.attachment_note_titles:
        excluded.add(_norm(t))
    for z in layout.attachments:
        if z.title:
            excluded.add(_norm(z.title))
    # what the notice 印发s/转发s to its readers is enclosed, wherever the sentence is
    for m in _ENCLOSING.finditer(text):
        excluded.add(_norm(m.group("t") or m.group("t2")))
    aliases = {_norm(m.group("a")) for m in _ALIAS.finditer(text)}
    own = own_number.raw if own_number else None

    refs: list[Reference] = []
    taken: list[tuple[int, int]] = []
    by_key: dict[str, Reference] = {}

    def line_skipped(pos: int) -> bool:
        return doc.line_at(pos) not in allowed

    def add(ref_title: Optional[str], number: Optional[str], start: int, end: int) -> None:
        key_title = _norm(ref_title) if ref_title else None
        existing = (by_key.get("n:" + number) if number else None) or (by_key.get("t:" + key_title) if key_title else None)
        if existing:
            if number and not existing.doc_number:
                existing.doc_number = number
                by_key["n:" + number] = existing
            if ref_title and not existing.title:
                existing.title = ref_title
                by_key["t:" + key_title] = existing  # type: ignore[operator]
            return
        ref = Reference(
            title=ref_title,
            doc_number=number,
            text=text[start:end],
            span=(start, end),
            measure_id=innermost_measure(measures, start, end),
            page=doc.lines[doc.line_at(start)].page,
        )
        refs.append(ref)
        if number:
            by_key["n:" + number] = ref
        if key_title:
            by_key["t:" + key_title] = ref

    for start, end, t in iter_book_titles(text):
        if line_skipped(start):
            continue
        nt = _norm(t)
        number = None
        m = _NUMBER_AFTER.match(text[end : end + 60])
        full_end = end
        if m:
            number = _number_in(m.group("n"))
            if number:
                full_end = end + m.end()
        taken.append((start, full_end))
        if nt in excluded or nt in aliases or _form_suffix().search(t.strip()) or _SHORT_FORM.match(t.strip()):
            continue
        if number and number == own:
            continue
        add(t.strip(), number, start, full_end)

    for dn, start, end in find_doc_numbers(text):
        if any(a <= start < b for a, b in taken) or line_skipped(start):
            continue
        if own and dn.raw == own:
            continue
        add(None, dn.raw, start, end)
    refs.sort(key=lambda r: r.span[0])
    return refs
