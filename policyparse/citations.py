"""Which notices of one run cite which: references resolved by 文号, else by title.

A record's ``references`` name other documents by 《title》 and 发文字号. Within
one run (a folder parsed together, a JSONL file of records) a reference
*resolves* to the records it names:

- by 文号 when the reference has one: ``苏人社发[2024]45号`` and ``苏人社发〔2024〕45号``
  are the same number (brackets, spaces and widths do not count);
- else by title, after normalizing widths, spaces, 《》 and quotes. A notice that
  印发s/转发s a document answers to that document's title too
  (``市政府办公室印发《关于进一步推进…的实施意见》的通知`` is cited as
  ``《关于进一步推进…的实施意见》``), and a title cited without its issuers
  (``《关于实施…的通知》``) finds the one notice whose title ends that way.

A reference never resolves to the citing document itself, nor to its other copies
(the same 文号 or the same title: a notice parsed from TXT and from PDF). A
reference with a 文号 never resolves by title to a record that has another 文号.
A reference that matches several records (copies of one notice in several
formats) gives one citation per record; one that matches none gives one row with
``to_document_id`` empty and ``resolved_by`` ``unresolved``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

import regex as re

from .lang.docnumber import parse_doc_number

CITATION_COLUMNS = ["document_id", "path", "item", "measure_id", "span_start", "span_end", "doc_number", "title",
                    "to_document_id", "to_path", "to_title", "resolved_by"]

# the document a notice 印发s/转发s: 关于印发《X》的通知, 市政府转发X的通知
_ENCLOSED = re.compile(r"(?:印发|转发|公布|发布|颁布|下发)(?P<t>.+?)的(?:通知|函|决定|公告|通告)$")
_DROP = re.compile(r"[\s《》〈〉“”‘’\"'「」『』]+")
_DASHES = str.maketrans({"—": "-", "–": "-", "―": "-", "－": "-", "~": "-", "〜": "-", "～": "-"})


def doc_number_key(raw: Optional[str]) -> Optional[str]:
    """A 文号 as a key that ignores how it was printed.

    >>> doc_number_key("苏人社发 [2024] 第45号"), doc_number_key("GB50014")
    ('苏人社发〔2024〕45号', None)
    """
    if not raw:
        return None
    dn = parse_doc_number(raw)
    if dn is None or dn.year is None or dn.serial is None:
        return None
    return f"{(dn.agency or '').replace(' ', '')}〔{dn.year}〕{dn.serial}号"


def title_key(title: Optional[str]) -> Optional[str]:
    """A title as a key: full-width forms, spaces, 《》 and quotes do not count.

    >>> title_key("《江苏省就业促进条例》"), title_key("行动计划（2021－2023年）")
    ('江苏省就业促进条例', '行动计划(2021-2023年)')
    """
    if not title:
        return None
    key = _DROP.sub("", unicodedata.normalize("NFKC", title).translate(_DASHES))
    return key or None


def _tail(key: str) -> Optional[str]:
    """The part of a title key from its first 关于 on, when something stands before it."""
    at = key.find("关于")
    return key[at:] if at > 0 else None


@dataclass
class _Doc:
    id: str
    path: Optional[str]
    title: Optional[str]
    number: Optional[str]
    titles: set[str] = field(default_factory=set)  # its own title key and the enclosed document's


@dataclass
class _Ref:
    doc: _Doc
    item: int
    ref: dict[str, Any]


class CitationIndex:
    """Collects records of one run (only their keys and references), then resolves.

    >>> idx = CitationIndex()
    >>> idx.add("a", {"source": {"path": "a.txt"}, "title": "关于实施先进制造业促就业行动的通知",
    ...               "doc_number": {"raw": "苏人社发〔2024〕45号"}, "references": []})
    >>> idx.add("b", {"source": {"path": "b.txt"}, "title": "关于开展就业支撑行动的通知", "references": [
    ...     {"title": None, "doc_number": "苏人社发[2024]45号", "span": [10, 22]},
    ...     {"title": "江苏省就业促进条例", "doc_number": None, "span": [40, 51]}]})
    >>> [(r["document_id"], r["to_document_id"], r["resolved_by"]) for r in idx.rows()]
    [('b', 'a', 'doc_number'), ('b', None, 'unresolved')]
    """

    def __init__(self) -> None:
        self._docs: list[_Doc] = []
        self._refs: list[_Ref] = []

    def add(self, document_id: str, record: dict[str, Any]) -> None:
        """Take one record (a dict, as in JSONL) under the id its rows will carry."""
        if record.get("error"):
            return
        dn = record.get("doc_number") or {}
        title = record.get("title")
        doc = _Doc(document_id, (record.get("source") or {}).get("path"), title, doc_number_key(dn.get("raw")))
        own = title_key(title)
        if own:
            doc.titles.add(own)
            enclosed = _ENCLOSED.search(own)
            if enclosed and len(enclosed.group("t")) >= 4:
                doc.titles.add(enclosed.group("t"))
        self._docs.append(doc)
        for k, ref in enumerate(record.get("references") or []):
            self._refs.append(_Ref(doc, k, ref))

    def rows(self) -> list[dict[str, Any]]:
        """One row per (reference, document it resolves to), or per unresolved reference."""
        by_number: dict[str, list[_Doc]] = {}
        by_title: dict[str, list[_Doc]] = {}
        by_tail: dict[str, list[_Doc]] = {}
        for d in self._docs:
            if d.number:
                by_number.setdefault(d.number, []).append(d)
            for t in d.titles:
                by_title.setdefault(t, []).append(d)
                tail = _tail(t)
                if tail:
                    by_tail.setdefault(tail, []).append(d)
        out = []
        for r in self._refs:
            targets, how = self._resolve(r, by_number, by_title, by_tail)
            span = r.ref.get("span") or [None, None]
            base = {"document_id": r.doc.id, "path": r.doc.path, "item": r.item, "measure_id": r.ref.get("measure_id"),
                    "span_start": span[0], "span_end": span[1], "doc_number": r.ref.get("doc_number"),
                    "title": r.ref.get("title")}
            if not targets:
                out.append({**base, "to_document_id": None, "to_path": None, "to_title": None,
                            "resolved_by": "unresolved"})
            for t in targets:
                out.append({**base, "to_document_id": t.id, "to_path": t.path, "to_title": t.title, "resolved_by": how})
        return out

    @staticmethod
    def _resolve(r: _Ref, by_number: dict[str, list[_Doc]], by_title: dict[str, list[_Doc]],
                 by_tail: dict[str, list[_Doc]]) -> tuple[list[_Doc], str]:
        src = r.doc
        number = doc_number_key(r.ref.get("doc_number"))
        title = title_key(r.ref.get("title"))

        def other(d: _Doc) -> bool:  # not the citing notice nor a copy of it
            if d is src or (src.number and d.number == src.number) or (src.titles & d.titles):
                return False
            return not (number and d.number and d.number != number)

        if number:
            found = [d for d in by_number.get(number, []) if other(d)]
            if found:
                return found, "doc_number"
        if title:
            found = [d for d in by_title.get(title, []) if other(d)]
            if found:
                return found, "title"
            if title.startswith("关于"):
                found = [d for d in by_tail.get(title, []) if other(d)]
                if len({d.number or min(d.titles) for d in found}) == 1:  # one notice (maybe in several copies)
                    return found, "title"
        return [], "unresolved"


def resolve_citations(records: Iterable[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Citation rows for ``(document_id, record)`` pairs of one run (see :class:`CitationIndex`)."""
    idx = CitationIndex()
    for did, rec in records:
        idx.add(did, rec)
    return idx.rows()
