"""Is this record a 公文? A verdict from the parts a notice is made of.

A folder of downloads also holds READMEs, 政策解读, news reposts and listing pages;
they parse into records too. :func:`notice_verdict` weighs the anatomy the
extractors found, and three points make a notice:

- a title ending in its type: 2 for one of the 15 文种 of a 公文 (通知, 意见, 函 …),
  1 for another type (办法, 方案, 条例 …, also published on their own);
- a 文号: 2; a 主送: 2;
- an issuer: 1; an issue date: 1; both (the 落款 that closes a notice): 1 more;
- numbered measures: 1.

A 通知 with its 主送 passes, and so does a notice's body whose title was lost but
whose 落款 is there; a law's bare text (条例 and its articles), a 政策解读 (sections)
and a news page (an issuer from the page) do not. Text with no words, or mostly not
Chinese (an English README), is not a notice whatever it cites. The weights were
read off the 1,384 readable files of ``../shared/bulk``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

import regex as re

from .lexicon import word_list
from .schemas import PolicyRecord

PASS = 3
_WORD = re.compile(r"[\p{L}\p{N}]")
_LETTER = re.compile(r"\p{L}")
_HAN = re.compile(r"\p{Han}")
_NAMES = {"doc_type": "a title naming its type (通知, 办法 …)", "doc_number": "文号", "recipients": "主送",
          "issuers": "issuer", "issue_date": "issue date", "measures": "numbered measures"}


@dataclass(frozen=True)
class Verdict:
    """``is_notice``, the parts found (``evidence``) and the parts missing."""

    is_notice: bool
    evidence: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    reason: Optional[str] = None  # set when the text itself rules a notice out

    def warning(self) -> Optional[str]:
        """What the record lacks to be a notice, or None for a notice."""
        if self.reason:
            return f"not a notice (公文): {self.reason}"
        if self.is_notice:
            return None
        found = ", ".join(_NAMES[p] for p in self.evidence) or "none"
        return f"not a notice (公文): found {found}; missing {', '.join(_NAMES[p] for p in self.missing)}"


def _statutory(doc_type: str) -> bool:
    return any(doc_type.endswith(t) for t in word_list("statutory_doc_types.txt"))


def notice_verdict(*, doc_type: Optional[str], doc_number: Any, recipients: Sequence[Any], issuers: Sequence[Any],
                   issue_date: Optional[dt.date], measures: Sequence[Any], text: str = "") -> Verdict:
    """Weigh a record's anatomy; the arguments are the record's fields of those names.

    >>> v = notice_verdict(doc_type="通知", doc_number=None, recipients=["各设区市人力资源社会保障局"],
    ...                    issuers=[], issue_date=None, measures=[])
    >>> v.is_notice, v.evidence
    (True, ['doc_type', 'recipients'])
    >>> notice_verdict(doc_type="条例", doc_number=None, recipients=[], issuers=[], issue_date=None,
    ...                measures=["第一条"]).warning()
    'not a notice (公文): found a title naming its type (通知, 办法 …), numbered measures; missing 文号, 主送, issuer, issue date'
    """
    if text and not _WORD.search(text):
        return Verdict(False, [], list(_NAMES), reason="the text has no words, only punctuation and symbols")
    sample = text[:20000]
    letters = len(_LETTER.findall(sample))
    if letters and len(_HAN.findall(sample)) < 0.5 * letters:
        return Verdict(False, [], list(_NAMES), reason="the text is mostly not Chinese")
    present = {"doc_type": bool(doc_type), "doc_number": bool(doc_number), "recipients": bool(recipients),
               "issuers": bool(issuers), "issue_date": issue_date is not None, "measures": bool(measures)}
    weight = {"doc_type": 2 if doc_type and _statutory(doc_type) else 1, "doc_number": 2, "recipients": 2}
    score = sum(weight.get(part, 1) for part, found in present.items() if found)
    score += present["issuers"] and present["issue_date"]  # together they are the 落款 that closes a notice
    return Verdict(score >= PASS, [p for p, found in present.items() if found], [p for p, found in present.items() if not found])


def judge(record: PolicyRecord, strict: bool = False) -> PolicyRecord:
    """Set ``is_notice`` and ``notice_evidence`` on a parsed record, with a warning when it is not a notice.

    With ``strict`` that warning raises :class:`~policyparse.errors.StrictModeError`, like any other.
    """
    v = notice_verdict(doc_type=record.doc_type, doc_number=record.doc_number, recipients=record.recipients,
                       issuers=record.issuers, issue_date=record.issue_date, measures=record.measures, text=record.text)
    record.is_notice = v.is_notice
    record.notice_evidence = v.evidence
    warning = v.warning()
    if warning:
        if strict:
            from .errors import StrictModeError

            raise StrictModeError(warning)
        record.warnings.append(warning)
    return record


def is_notice(rec: dict[str, Any]) -> bool:
    """A record (a dict, as read from JSONL) is a notice; older records without a verdict are judged here.

    >>> is_notice({"is_notice": True}), is_notice({"error": {"type": "EmptyFile", "message": ""}})
    (True, False)
    """
    if rec.get("error"):
        return False
    if rec.get("is_notice") is not None:
        return bool(rec["is_notice"])
    return notice_verdict(doc_type=rec.get("doc_type"), doc_number=rec.get("doc_number"),
                          recipients=rec.get("recipients") or [], issuers=rec.get("issuers") or [],
                          issue_date=rec.get("issue_date"), measures=rec.get("measures") or [],
                          text=rec.get("text") or "").is_notice
