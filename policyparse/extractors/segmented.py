"""The jieba-segmented extractor: targets, deadlines and departments found on words.

It shares reading, normalization, the layout, metadata, measures and references
with ``rules``, and the second halves that turn a found item into values
(``resolve_deadline``, ``canonical_names``, number parsing). What differs is how
items are found and delimited: on jieba words with part-of-speech tags, via the
spaCy pipeline of :mod:`policyparse.spacy_pipeline` (Matcher spans for quantities
and time expressions, organ words), not on character patterns:

- a department is a noun phrase of name words ending in an organ word, assigned by
  the word after it (要/负责/牵头/配合…) or before it (由/会同/联合, 责任单位：);
- a target is a matched quantity; its indicator is the words of its clause without
  framing words, and exclusions are matched on whole words, not substrings;
- a deadline is a matched time expression widened to its trigger words (到/至/于
  before it, 前/起/内 after it).

A per-field combination of the two was measured (README, "Two extractors"): rules
scores at least as well as jieba on every field of both gold sets, so taking each
field from its best extractor gives back ``rules``, and no third extractor is offered.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import regex as re

from ..document import NormalizedDocument
from ..layout import Layout
from ..schemas import Deadline, Department, Target
from .base import Fields, register
from .common import shared_fields
from .deadlines import _inside_book_title, find_deadline_mentions, reference_date, resolve_deadline
from ..lang.organs import expand_abbreviations
from .departments import canonical_names
from .measures import innermost_measure
from .targets import (Quantity, _context, _due_for, _lead_in, _split_indicators, build_target, find_quantities,
                      find_table_targets, past_sections)

# --- words that decide -------------------------------------------------------------------------

_ROLE_AFTER = {
    "要": "responsible", "需要": "responsible", "须": "responsible", "必须": "responsible", "应当": "responsible",
    "应": "responsible", "负责": "responsible", "请": "responsible", "牵头": "lead", "配合": "cooperate",
    "协助": "cooperate", "参与": "cooperate", "参加": "cooperate", "会同": "lead", "联合": "responsible",
}
_LABELS = {"牵头单位": "lead", "牵头部门": "lead", "责任单位": "responsible", "责任部门": "responsible",
           "配合单位": "cooperate", "配合部门": "cooperate", "协办单位": "cooperate", "主办单位": "lead"}
_NAME_TAGS = {"n", "nt", "ns", "nz", "j", "nr", "ng", "an", "vn", "l", "r"}
_STOP = {"要", "由", "的", "在", "对", "将", "把", "向", "与", "为", "以", "从", "经", "按", "请", "并", "和",
         "及", "、", "或", "同", "于", "被", "让", "使", "给", "跟", "加强", "建立", "健全", "推动", "组织",
         "支持", "鼓励", "引导", "督促", "指导", "会同", "联合", "其中", "同时", "此外", "今后", "各地", "有关",
         "相关", "其他", "该", "本"}
_JOIN = {"、", "和", "及", "与", "以及"}
_EXCLUDE_WORDS = {
    "rate": {"补助", "补贴", "奖励", "奖补", "资助", "经费", "费用", "工资", "收费", "价格", "标准", "给予", "缴费",
             "缴纳", "报销", "支付", "贷款", "担保", "利率", "津贴", "罚款", "起付线", "封顶线"},
    "condition": {"符合", "条件", "具备", "具有", "申请", "申报", "年满", "须", "需", "凡", "方可", "资格", "资质",
                  "注册资本", "认定为", "视为"},
    "past": {"已经", "已", "累计", "截至", "共有", "现有", "目前", "同比", "以来", "过去", "近年来", "近年", "增长了"},
    "constraint": {"只能", "仅限", "仅", "只", "不得低于", "不得少于"},
}
_FRAMING = {"其中", "力争", "确保", "争取", "努力", "计划", "预计", "实现", "全面", "进一步", "每年", "每季度", "每月",
            "年内", "全年", "年均", "到", "至", "全省", "全市", "全区", "全县", "全国", "各地", "均", "都", "分别",
            "不少于", "不低于", "至少", "超过", "达到", "达", "保持", "控制", "在"}


def _tokens(doc: NormalizedDocument) -> Any:
    from ..spacy_pipeline import shared_nlp

    return shared_nlp()(doc.text)


# --- departments ---------------------------------------------------------------------------------


def _name_part(tok: Any) -> bool:
    t = tok.text
    if not t.strip() or t in _STOP:
        return False
    if re.fullmatch(r"[（）()]", t):
        return True
    return tok.tag_ in _NAME_TAGS or tok.tag_ == "x" and bool(re.fullmatch(r"[\p{Han}]+", t))


def _organ_word(tok: Any) -> bool:
    from ..spacy_pipeline import _ends_like_organ

    return tok.tag_ == "nt" or _ends_like_organ(tok.text) or tok.text in ("总工会", "工商联", "妇联", "残联", "科协")


def _noun_phrase_before(sdoc: Any, head: int) -> int:
    """First token of the organ noun phrase that ends at token ``head`` (lists included)."""
    i = head
    while i - 1 >= 0:
        prev = sdoc[i - 1]
        if prev.text in _JOIN and i - 2 >= 0 and _name_part(sdoc[i - 2]):
            i -= 2
            continue
        if prev.text == "等" or _name_part(prev):
            i -= 1
            continue
        break
    # drop leading qualifiers the canonical names drop anyway, keep levels
    return i


def find_departments_on_words(doc: NormalizedDocument, layout: Layout, fields: Fields, sdoc: Any) -> list[Department]:
    allowed = set(layout.item_lines())
    out: list[Department] = []
    from .departments import contact_mentions

    for i in layout.contact_lines:
        for men in contact_mentions(doc, i):
            out.append(Department(text=men.printed, name=expand_abbreviations(re.sub(r"\s+", "", men.printed)),
                                  role="contact", span=(men.start, men.end), page=doc.lines[i].page,
                                  measure_id=innermost_measure(fields.measures, men.start, men.end)))
    n = len(sdoc)
    used_until = -1
    for k in range(n):
        tok = sdoc[k]
        if k <= used_until or not _organ_word(tok):
            continue
        # extend the head over following organ words of the same name (工业和信息化部门 + 办公室)
        end = k
        while end + 1 < n and (_organ_word(sdoc[end + 1]) or sdoc[end + 1].text == "等" and end + 2 < n and _organ_word(sdoc[end + 2])):
            end += 1
        start = _noun_phrase_before(sdoc, k)
        line_i = doc.line_at(sdoc[start].idx)
        if line_i not in allowed:
            continue
        role = _role_for(sdoc, start, end, line_i in layout.contact_lines)
        used_until = end
        if role is None:
            continue
        s, e = sdoc[start].idx, sdoc[end].idx + len(sdoc[end].text)
        printed = doc.text[s:e]
        names = [expand_abbreviations(printed.strip())] if role == "contact" else canonical_names(printed)
        for name in names:
            out.append(Department(text=printed, name=name, role=role, span=(s, e),  # type: ignore[arg-type]
                                  measure_id=innermost_measure(fields.measures, s, e),
                                  page=doc.lines[line_i].page))
    from .departments import _table_mentions

    for men in _table_mentions(layout):
        for name in canonical_names(men.printed):
            out.append(Department(text=men.printed, name=name, role=men.role, span=(men.start, men.end),  # type: ignore[arg-type]
                                  measure_id=None, page=doc.lines[doc.line_at(men.start)].page))
    return out


def _role_for(sdoc: Any, start: int, end: int, contact_line: bool) -> Optional[str]:
    n = len(sdoc)
    nxt = [t.text for t in sdoc[end + 1 : min(n, end + 4)] if t.text.strip()]
    prev = [t.text for t in sdoc[max(0, start - 3) : start] if t.text.strip()]
    if contact_line:
        return "contact"
    if prev and prev[-1] in ("：", ":") and len(prev) >= 2 and prev[-2] in _LABELS:
        return _LABELS[prev[-2]]
    if prev and prev[-1] in ("会同", "联合"):
        return "cooperate"
    if prev and prev[-1] == "由":
        return "lead" if nxt and nxt[0] in ("牵头", "会同") else "responsible"
    if nxt:
        first = nxt[0]
        if first in ("要", "应当", "应", "须", "必须", "负责") and len(nxt) > 1 and nxt[1] in ("牵头", "会同"):
            return "lead"
        if first in ("要", "应当", "应") and len(nxt) > 1 and nxt[1] in ("配合", "协助"):
            return "cooperate"
        if first in _ROLE_AFTER:
            return _ROLE_AFTER[first]
        if first in ("为", "作为") and any("主体" in t for t in nxt[1:]):
            return "lead"
    return None


# --- deadlines -----------------------------------------------------------------------------------

_BEFORE_TRIGGERS = {"到", "至", "截至", "截止", "于", "在", "延长", "有效期至", "自", "从", "每", "按", "力争", "确保"}
_AFTER_TRIGGERS = {"前", "以前", "之前", "为止", "起", "开始", "内", "以内", "之内", "底", "末", "年底", "年末", "底前"}


def find_deadlines_on_words(doc: NormalizedDocument, layout: Layout, fields: Fields, sdoc: Any) -> list[Deadline]:
    ref, approximate = reference_date(fields)
    allowed = set(layout.item_lines())
    out: list[Deadline] = []
    for span in sdoc.spans["pp_time"]:
        s, e = span.start, span.end
        while s - 1 >= 0 and sdoc[s - 1].text in _BEFORE_TRIGGERS | {"“", "\""}:
            s -= 1
        while e < len(sdoc) and sdoc[e].text in _AFTER_TRIGGERS | {"”", "\""}:
            e += 1
        cs, ce = sdoc[s].idx, sdoc[e - 1].idx + len(sdoc[e - 1].text)
        line_i = doc.line_at(cs)
        if line_i not in allowed or _inside_book_title(doc.text, cs):
            continue
        for m in find_deadline_mentions(doc.text, cs, ce):
            d = resolve_deadline(m, ref, None)
            if d is None or (ref and d.kind in ("by", "period") and d.date and d.date < ref):
                continue
            if approximate and m.pattern == "start_doc":
                d.start = None
            d.measure_id = innermost_measure(fields.measures, d.span[0], d.span[1])
            d.page = doc.lines[line_i].page
            out.append(d)
    from .deadlines import DeadlineMention, _table_deadline_cells
    from ..lang.dates import MONTH, YEAR

    for cs, ce in _table_deadline_cells(layout):  # task tables: shared with rules
        cell = doc.text[cs:ce]
        ms = find_deadline_mentions(doc.text, cs, ce)
        if not ms and re.fullmatch(rf"\s*{YEAR}\s*年\s*(?:{MONTH}\s*月)?\s*", cell):
            ms = [DeadlineMention(cs, ce, "by_bare", cell, {"d": cell})]
        for m in ms:
            d = resolve_deadline(m, ref, None)
            if d is not None:
                out.append(d)
    # deduplicate: overlapping spans from neighbouring matches
    out.sort(key=lambda d: (d.span[0], -(d.span[1] - d.span[0])))
    kept: list[Deadline] = []
    for d in out:
        if kept and d.span[0] < kept[-1].span[1]:
            continue
        kept.append(d)
    return kept


# --- targets -------------------------------------------------------------------------------------


def _clause_words(sdoc: Any, first: int) -> list[Any]:
    words = []
    i = first - 1
    while i >= 0 and sdoc[i].text not in ("，", "。", "；", "：", "！", "？", "\n", ",", ";"):
        words.insert(0, sdoc[i])
        i -= 1
    return words


def find_targets_on_words(doc: NormalizedDocument, layout: Layout, fields: Fields, sdoc: Any) -> list[Target]:
    allowed = set(layout.item_lines(attachments=False))
    ref = fields.issue_date or fields.publish_date
    out: list[Target] = []
    text = doc.text
    past = past_sections(fields.measures)
    for span in sdoc.spans["pp_quantity"]:
        cs = span.start_char
        line_i = doc.line_at(cs)
        line = doc.lines[line_i]
        if line_i not in allowed:
            continue
        if any(a <= cs < b for a, b in past):
            continue
        prev = sdoc[span.start - 1].text if span.start > 0 else ""
        nxt = sdoc[span.end].text if span.end < len(sdoc) else ""
        if prev in ("第", "前", "后", "近", "每") or prev.endswith(("+", "“")) or nxt.startswith(("+", "”")):
            continue
        clause = _clause_words(sdoc, span.start)
        words = {t.text for t in clause}
        quantities = find_quantities(text, cs, span.end_char)
        if not quantities:
            continue
        q0 = quantities[0]
        if q0.unit in ("元", "%") and words & _EXCLUDE_WORDS["rate"]:
            continue
        if words & (_EXCLUDE_WORDS["condition"] | _EXCLUDE_WORDS["past"] | _EXCLUDE_WORDS["constraint"]):
            continue
        if q0.chinese and not (q0.after or re.search(r"[万亿]", span.text)):
            continue
        if line.start <= cs and text[line.start:cs].count("《") > text[line.start:cs].count("》"):
            continue
        ctx = _context(text, line.start, line.end, q0)
        due = _due_for(fields.deadlines, q0, ctx, line.start, line.end, _lead_in(doc, fields.deadlines, line_i))
        if due and ref and due < ref:
            continue
        indicator_words = [t.text for t in clause]
        while indicator_words and (indicator_words[0] in _FRAMING or re.fullmatch(r"\d+|年|[\p{Han}]?年底?", indicator_words[0])):
            indicator_words.pop(0)
        while indicator_words and indicator_words[-1] in _FRAMING | {"为", "是", "在"}:
            indicator_words.pop()
        indicator = "".join(indicator_words).strip() or None
        for q in quantities:
            ind = _split_indicators(indicator, q.count)[q.index] if q.count > 1 else indicator
            out.append(_make_target(doc, fields, q, ctx, ind, due, words))
    return out


def _make_target(doc: NormalizedDocument, fields: Fields, q: Quantity, ctx: Any, indicator: Optional[str],
                 due: Optional[dt.date], words: set[str]) -> Target:
    period = next((w for w in ("每年", "每季度", "每月", "每半年", "年内", "全年", "年均") if w in words), None)
    scope = next((w for w in ("全省", "全市", "全区", "全县", "全国") if w in words), None)
    return build_target(doc, fields, q, ctx, indicator, due, period, scope)


# --- the extractors --------------------------------------------------------------------------------


class JiebaExtractor:
    """Targets, deadlines and departments found on jieba words through the spaCy pipeline."""

    name = "jieba"

    def extract(self, doc: NormalizedDocument, layout: Layout) -> Fields:
        fields = shared_fields(doc, layout)
        sdoc = _tokens(doc)
        fields.deadlines = find_deadlines_on_words(doc, layout, fields, sdoc)
        fields.targets = find_targets_on_words(doc, layout, fields, sdoc) + find_table_targets(doc, layout, fields)
        fields.departments = find_departments_on_words(doc, layout, fields, sdoc)
        return fields


register("jieba")(JiebaExtractor)
