"""Quantitative targets (SPEC section 3): amounts, counts, rates and quotas a notice
commits to reach, keep or stay within.

Two halves: :func:`find_quantities` finds numbers with their unit, multiplier and
comparator words (one item per value of a distributive list); :func:`find_targets`
keeps those in a commitment context and fills indicator, period, due and scope.
Exclusions say why (a name, a rate, a threshold, the past), not which string.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex as re

from ..document import NormalizedDocument
from ..layout import Layout
from ..lexicon import alternation, table, word_list
from .vocab import target_cue
from ..lang.markers import match_marker
from ..schemas import Deadline, Measure, PolicyRecord, Target

from .measures import innermost_measure
from ..lang.numerals import ARABIC, MULTIPLIER, NUMBER, RANGE_SEP, apply_multiplier, plain, to_decimal

# patterns used in hot functions, compiled once
_TRAILING_LINK_WORD = re.compile(
    r"(?:为|是|共|总计|合计|累计|均|都|分别|约|近|超|以上|在|(?:增加|提高|提升|增长|扩大|降低|下降|减少|控制)到)$")
_PLUS_BEFORE = re.compile(r"[+＋]\s*$")
_PLUS_AFTER = re.compile(r"^\s*[+＋]")
_SHARED_VALUE = re.compile(r"(?:均|都)\s*(?:达到|达|保持|不低于|不少于)?\s*$")
_COMPARATOR_OVER_VERB = re.compile(r"(至少|最多|约|大约)[\p{Han}]{1,3}$")


@lru_cache(maxsize=1)
def _unit_alt() -> str:
    return alternation(word_list("units.txt"))


@lru_cache(maxsize=1)
def _comparators() -> tuple[dict[str, str], dict[str, str]]:
    before, after = {}, {}
    for row in table("comparators.tsv"):
        (before if row["position"] == "before" else after)[row["word"]] = row["comparator"]
    return before, after


@lru_cache(maxsize=1)
def _quantity() -> re.Pattern[str]:
    unit = _unit_alt()
    before, after = _comparators()
    one = rf"(?P<n1>{NUMBER})\s*(?P<m1>{MULTIPLIER})?"
    rng = rf"(?:{RANGE_SEP}\s*(?P<n2>{NUMBER})\s*(?P<m2>{MULTIPLIER})?)"
    # a distributive list: 15%、10%、5%以上 — the values share a unit and a comparator
    more = rf"(?P<more>(?:\s*[%％]?\s*、\s*{NUMBER}\s*{MULTIPLIER}?)+)"
    # a unit word that starts a time word is not a unit: 20个工作日, 3个月
    not_time = r"(?!工作日|月|小时|自然日|星期|季度|学期|年度|周岁|门)"
    return re.compile(
        rf"百分之(?P<pct>{NUMBER})(?P<pafter>{alternation(list(after))})?"
        rf"|(?<![\d.])(?:{one}\s*(?:{rng}|{more})?)\s*(?P<unit>{unit}){not_time}(?P<after>{alternation(list(after))})?"
    )


@dataclass
class Quantity:
    """A number (or range, or one value of a list) with its unit, as matched."""

    start: int
    end: int
    value: Decimal
    value_max: Optional[Decimal]
    unit: str
    after: Optional[str]
    index: int = 0  # position in a distributive list
    count: int = 1  # size of the list
    chinese: bool = False


def _value(number: Optional[str], mult: Optional[str]) -> Optional[Decimal]:
    if not number:
        return None
    v = to_decimal(number)
    if v is None:
        return None
    return apply_multiplier(v, mult or "")


def _norm_unit(unit: str) -> str:
    unit = unit.replace("％", "%")
    return "百分点" if unit == "个百分点" else unit


def find_quantities(text: str, start: int = 0, end: Optional[int] = None) -> list[Quantity]:
    """Numbers with a unit in ``text[start:end]``; a distributive list gives one per value.

    >>> [(plain(q.value), q.unit, q.after) for q in find_quantities("占比达15%、10%、5%以上")]
    [(15, '%', '以上'), (10, '%', '以上'), (5, '%', '以上')]
    >>> q = find_quantities("谋划建设1到2家市级人力资源产业园")[0]
    >>> plain(q.value), plain(q.value_max), q.unit
    (1, 2, '家')
    """
    end = len(text) if end is None else end
    out: list[Quantity] = []
    for m in _quantity().finditer(text, start, end):
        if m.group("pct"):
            v = to_decimal(m.group("pct"))
            if v is None:
                continue
            out.append(Quantity(m.start(), m.end(), v, None, "%", m.group("pafter"), chinese=True))
            continue
        unit = _norm_unit(m.group("unit"))
        n1 = m.group("n1")
        chinese = not n1[0].isdigit()
        v1 = _value(n1, m.group("m1"))
        if v1 is None:
            continue
        if m.group("more"):
            values = [v1]
            for part in re.findall(rf"({NUMBER})\s*({MULTIPLIER})?", m.group("more")):
                v = _value(part[0], part[1])
                if v is not None:
                    values.append(v)
            for k, v in enumerate(values):
                out.append(Quantity(m.start(), m.end(), v, None, unit, m.group("after"), k, len(values), chinese))
            continue
        v2 = _value(m.group("n2"), m.group("m2") or m.group("m1"))
        if v2 is not None and m.group("m2") and not m.group("m1"):
            v1 = apply_multiplier(v1, m.group("m2"))  # 1-2万人: both ends in 万
        out.append(Quantity(m.start(), m.end(), v1, v2, unit, m.group("after"), chinese=chinese))
    return out


# --- context ---------------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(r"[，。；：！？,;\n]")
_SENTENCE_BREAK = re.compile(r"[。；！？\n]")
_FRAME_BREAK = re.compile(r"[。！？\n]")  # a time frame (到2025年，…) reaches across ；




# 从“十一五”末的85%提升到95%: the figure after 从 is the baseline, not the target.
_BASELINE_AFTER = re.compile(r"^\s*(?:以上|以下|左右)?\s*(?:提升|提高|增加|增长|上升|扩大|下降|降低|减少|缩小)?(?:到|至)")
# 在16万元以内（含16万元）的, 超过5000万元的部分: a quantity that delimits a case.
_FROM_BEFORE = re.compile(r"(?:从|由)[^，。；]*$")
_FROM_BASELINE = re.compile(r"(?:从|由)[^，。；]*\d[^，。；]*$")
_FORMULA = re.compile(r"[=＝×÷*]|[）)]\s*[+＋－-]\s*[（(]|[（(]\s*1\s*[－-]")
_CASE_AND_BEYOND = re.compile(r"\s*[（(]?(?:含)?[）)]?\s*及(?:以上|以下)")
_CASE_OR_BELOW = re.compile(r"或[^，。；]{0,6}$")
_CASE_AFTER = re.compile(r"^(?:[（(][^（）()]*[）)])?(?:及?以上|及?以下|以内|之内)?(?:[（(][^（）()]*[）)])?的")
_FRAMING = target_cue("framing", "^{}+")
_SCOPE = target_cue("scope")
_PERIOD = target_cue("period")


@dataclass
class _Context:
    clause: str  # the clause up to the number
    clause_start: int
    sentence: str
    sentence_start: int
    after: str  # the rest of the clause after the quantity
    frame_start: int = 0  # where the time frame of the number starts


def _list_floor(text: str, prev_end: int, start: int) -> int:
    """Where a quantity's own clause can start at the earliest: after a 、 that follows the
    quantity before it (幼儿园843所、中小学200所: the second target is 中小学200所)."""
    between = text[prev_end:start]
    k = between.rfind("、")
    if k == -1 or _CLAUSE_BREAK.search(between):
        return 0
    return prev_end + k + 1


def clause_context(text: str, line_start: int, line_end: int, q: Quantity, floor: int = 0) -> _Context:
    line = text[line_start:line_end]
    rel = q.start - line_start
    marker = match_marker(line)  # 二、到2025年…: the clause starts after the item's marker
    cb = max((m.end() for m in _CLAUSE_BREAK.finditer(line, 0, rel)), default=marker.end if marker and marker.end <= rel else 0)
    cb = max(cb, floor - line_start)
    # a 、 list of indicators belongs to the clause, so only hard breaks delimit it
    sb = max((m.end() for m in _SENTENCE_BREAK.finditer(line, 0, rel)), default=0)
    fb = max((m.end() for m in _FRAME_BREAK.finditer(line, 0, rel)), default=0)
    se = _SENTENCE_BREAK.search(line, q.end - line_start)
    ce = _CLAUSE_BREAK.search(line, q.end - line_start)
    return _Context(
        clause=line[cb:rel],
        clause_start=line_start + cb,
        sentence=line[sb : se.start() if se else len(line)],
        sentence_start=line_start + sb,
        after=line[q.end - line_start : ce.start() if ce else len(line)],
        frame_start=line_start + fb,
    )


def _comparator(q: Quantity, clause: str) -> str:
    before, after = _comparators()
    if q.value_max is not None:
        return "range"
    if q.after:
        return after[q.after]
    tail = clause[-6:]
    for word in sorted(before, key=len, reverse=True):
        if tail.endswith(word) or tail.endswith(word + "在"):
            return before[word]
    # 至少组织1次, 最多安排2名: the word may govern a short verb before the number
    m = _COMPARATOR_OVER_VERB.search(tail)
    if m:
        return before[m.group(1)]
    # 不超过我省年度中央财政资金总规模的15%: the word governs a share "of" something
    m = _comparator_over_share().search(clause)
    if m:
        return before[m.group(1)]
    return "="


@lru_cache(maxsize=1)
def _comparator_over_share() -> re.Pattern[str]:
    return re.compile(rf"({alternation(list(_comparators()[0]))})[^，。；、\d]{{1,24}}的$")


@lru_cache(maxsize=1)
def _comparator_tail() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(list(_comparators()[0]))})\s*在?$")


def _indicators(clause: str, q: Quantity) -> Optional[str]:
    """What is counted: the clause before the number without framing words."""
    s = clause.strip()
    for _ in range(3):
        s = _comparator_tail().sub("", s).strip()
        s = _TRAILING_LINK_WORD.sub("", s).strip()
    s = _FRAMING.sub("", s).strip("，、 ")
    s = _FROM_BASELINE.sub("", s).strip()  # 毛入园率从“十一五”末的85%以上提升到 → 毛入园率
    return s or None


def split_indicators(indicator: Optional[str], n: int) -> list[Optional[str]]:
    """``高校毕业生、高技能人才、副高级以上专业技术人才占比`` for three values → three indicators."""
    if not indicator or n <= 1:
        return [indicator] * max(n, 1)
    m = re.match(r"^(?P<items>.+?)(?P<suffix>占比|比例|比重|覆盖率|率|数量|人数|规模)?$", indicator)
    items = re.split(r"、", m.group("items")) if m else [indicator]
    suffix = (m.group("suffix") or "") if m else ""
    if len(items) == n:
        return [it.strip() + suffix for it in items]
    return [indicator] * n


@lru_cache(maxsize=1)
def _etc() -> dict[str, re.Pattern[str]]:
    return {
        "class_tail": re.compile(rf"^\s*(?:超|过|逾)\s*{NUMBER}"),
        "repeat_token": re.compile(rf"{ARABIC}\s*(?:条|个|项|大|类|家)"),
    }


def _is_name(text: str, q: Quantity) -> bool:
    """A number inside a short quoted name (“十条新政”, “1650”产业体系) or a 10+N label."""
    before = text[max(0, q.start - 12) : q.start]
    after = text[q.end : q.end + 12]
    if "“" in before and "”" in after and before.rfind("“") > before.rfind("”") and after.find("”") < after.find("“") if "“" in after else "“" in before and before.rfind("“") > before.rfind("”") and "”" in after:
        return True
    if _PLUS_BEFORE.search(before) or _PLUS_AFTER.match(after):
        return True
    return False


def _category_count(text: str, q: Quantity) -> bool:
    """``3条超500亿产业链``: a count of things in a size class, describing what exists."""
    return bool(_etc()["class_tail"].match(text[q.end : q.end + 8]))


def _repeated(text: str, q: Quantity) -> bool:
    """The same number and unit three times or more names a set (20条重点产业链)."""
    token = text[q.start : q.end]
    if not _etc()["repeat_token"].fullmatch(token):
        return False
    count, pos = 0, text.find(token)
    while pos != -1 and count < 3:
        if pos == 0 or not (text[pos - 1].isdigit() or text[pos - 1] == "."):
            count += 1
        pos = text.find(token, pos + 1)
    return count >= 3


def _ordinal(text: str, q: Quantity) -> bool:
    return text[max(0, q.start - 1) : q.start] in ("第", "前", "后", "每", "近", "头")


def due_for(deadlines: list[Deadline], q: Quantity, ctx: _Context, line_start: int, line_end: int,
             lead_in: Optional[Deadline]) -> Optional[dt.date]:
    """The by-date of the clause or sentence, else of the paragraph's opening, else of a lead-in."""
    bys = [d for d in deadlines if d.kind == "by" and d.date and line_start <= d.span[0] < line_end]
    in_sentence = [d for d in bys if ctx.frame_start <= d.span[0] < q.start]
    if in_sentence:
        return in_sentence[-1].date
    opening = [d for d in bys if d.span[0] < q.start and d.span[0] - line_start <= 2]
    if opening:
        return opening[0].date
    # a deadline after the number in the same clause: 2020年底前在每个设区市明确1个试点县
    same_clause = [d for d in bys if ctx.clause_start <= d.span[0] and d.span[0] < q.end]
    if same_clause:
        return same_clause[0].date
    return lead_in.date if lead_in else None


def lead_in_deadline(doc: NormalizedDocument, deadlines: list[Deadline], i: int) -> Optional[Deadline]:
    """A by-date in the line before, when that line ends with ： and introduces a list."""
    if i == 0:
        return None
    prev = doc.lines[i - 1]
    if not doc.line_text(i - 1).rstrip().endswith(("：", ":")):
        return None
    bys = [d for d in deadlines if d.kind == "by" and d.date and prev.start <= d.span[0] < prev.end]
    return bys[0] if bys else None


def _counts_its_list(clause: str, q: Quantity) -> bool:
    """Whether the number counts the 、 list printed just before it."""
    if q.value_max is not None or q.count > 1 or q.after or "、" not in clause:
        return False
    if target_cue("build_verb").search(clause) or target_cue("commit_verb").search(clause):
        return False  # 建成光伏、汽车、电商、信息传媒学院4个: a commitment after all
    items = clause.split("、")
    return len(items) >= 3 and q.value == len(items)


def past_sections(measures: list[Measure]) -> list[tuple[int, int]]:
    """Spans of the sections whose heading says they report the past (发展基础, 工作回顾).

    >>> from policyparse.schemas import Measure
    >>> past_sections([Measure(id="1.1", level=2, marker="（一）", heading="发展基础", span=(10, 90))])
    [(10, 90)]
    """
    pattern = _past_headings()
    return [m.span for m in measures if m.heading and pattern.search(m.heading)]


@lru_cache(maxsize=1)
def _past_headings() -> re.Pattern[str]:
    return re.compile(alternation(word_list("past_section_headings.txt")))


def _has_cue(kind: str, s: str, words: Optional[set[int]]) -> bool:
    """Whether ``s`` holds a cue of ``kind``; with ``words`` (offsets in ``s`` where words
    start or end), only a cue that spans whole words counts (不仅 does not hold 仅)."""
    pattern = target_cue(kind)
    if words is None:
        return pattern.search(s) is not None
    return any(m.start() in words and m.end() in words for m in pattern.finditer(s, overlapped=True))


def _head_is_total(clause: str, q: Quantity) -> bool:
    """Whether the indicator before ``q`` ends in a total, a scale or a rate to reach
    (补贴总额, 涨幅控制目标, 改造率): its number is a target even beside a rate word."""
    indicator = _indicators(clause, q) or ""
    return bool(target_cue("total", "(?:{})$").search(indicator[-8:]))


def rejection(text: str, line_start: int, q: Quantity, ctx: _Context, words: Optional[set[int]] = None) -> Optional[str]:
    """Why quantity ``q`` in its clause ``ctx`` is not a target, or None when it can be one.

    The reasons follow SPEC section 3: a name, a rate or subsidy standard, a condition,
    a figure of the past, a constraint, a specification, a count of what is listed, a
    case, a baseline, the size of a thing, a counting word. Both extractors ask here;
    the jieba extractor passes ``words``, the word boundaries of the clause, so that
    the cue words of the clause are matched on whole words.

    >>> t = "每班每年给予1万元补助"
    >>> q = find_quantities(t)[0]
    >>> rejection(t, 0, q, clause_context(t, 0, len(t), q))
    'rate'
    """
    if _is_name(text, q):
        return "name"
    if _FORMULA.search(ctx.sentence):
        return "formula"  # 折旧费=准成本房价×（1－5%）, 1970*30%=591元/月: a term of a formula
    if target_cue("award", "{}[^，。；]{{0,10}}$").search(ctx.clause):
        return "rate"  # 各奖励新增建设用地指标500亩: the amount of an award or a deduction
    if _category_count(text, q) or _repeated(text, q):
        return "what exists"
    if _ordinal(text, q):
        return "ordinal"
    before = text[line_start : q.start]
    if before.count("《") > before.count("》"):
        return "inside a title"
    if q.unit in ("元", "美元", "%", "倍", "百分点") and (
            _has_cue("rate", ctx.clause, words) or target_cue("rate").search(ctx.after)) and not _head_is_total(ctx.clause, q):
        return "rate"  # 首付比例为20%, 费率从19%降低到16%; not 补贴总额不超过1000万元, 价格涨幅控制目标为7%
    money_sentence = text[ctx.sentence_start : q.start]
    if q.unit in ("元", "美元") and _has_cue("rate", money_sentence, None) and not _head_is_total(ctx.clause, q):
        return "rate"  # 给予技能提升补贴，五级（初级）4000元、四级5000元: an amount of a benefit named earlier
    if q.unit in ("元", "美元") and target_cue("funding", "{}[^，。；]{{0,8}}$").search(ctx.clause):
        return "funding"  # 统筹安排1.5亿元: money allocated, an input
    if (text[max(0, q.start - 1) : q.start] == "等" and not target_cue("build_verb").search(ctx.clause)
            and not target_cue("commit_verb").search(ctx.clause)) or target_cue("selection", "{}[^，。；]{{0,6}}$").search(ctx.clause):
        return "counts its list"  # 文化、体育和娱乐业等7个行业; 各派2名代表 (not 建成…等19个项目)
    if _CASE_AND_BEYOND.match(text, q.end) or "及以" in text[q.start : q.end] or _CASE_OR_BELOW.search(ctx.clause):
        return "case"  # 二套及以上, 使用过2次及以上, 两套或两套以下: a case, not an amount
    if target_cue("per_unit").search(ctx.clause[-12:]):
        return "rate"
    for reason in ("condition", "past", "constraint"):
        if _has_cue(reason, ctx.clause, words):
            return reason
    if target_cue("spec_after", "^{}").match(text[q.end : q.end + 3]):
        return "specification"
    if _counts_its_list(ctx.clause, q):
        return "counts its list"  # 英语、俄语、日语、法语、德语、西班牙语6个语种
    if _CASE_AFTER.match(ctx.after) or text[max(0, q.start - 2) : q.start] in ("（含", "(含"):
        return "case"  # a case (在16万元以内的) or its aside (含16万元), not a commitment
    if _FROM_BEFORE.search(ctx.clause) and _BASELINE_AFTER.match(ctx.after):
        return "baseline"
    if (target_cue("size_unit", "^{}$").match(q.unit or "")
            and target_cue("dimension", "{}(?:均|约|为|是|在|不少于|不低于|不超过|大于|小于|等于|或)*$").search(ctx.clause)
            and not target_cue("build_verb").search(ctx.clause)):
        return "size"  # 岸线长600米, 面积约8.5平方公里: the size of a thing, not an amount to build
    if q.chinese and q.unit in ("类", "种", "级", "项", "批"):
        return "class"  # 三类以上: a class, not a count to reach
    if q.chinese and not (q.after or re.search(MULTIPLIER, text[q.start : q.end])
                          or target_cue("commit_verb", r"{}\s*$").search(ctx.clause)):
        return "counting word"  # 一批, 十一次全会, 三类: counting words and names, not targets
    if q.chinese and q.value == 1 and q.unit in ("批", "个", "项", "次", "条", "种", "类", "些"):
        return "counting word"  # 一批/一个: "a number of"
    return None


_LEAD_IN_CONDITIONS = re.compile(r"条件|资质|资格|情形|具备下列|符合下列")


def under_conditions(doc: NormalizedDocument, i: int, reach: int = 12) -> bool:
    """Whether line ``i`` is an item of a list introduced as conditions (``一级资质：``,
    ``申请人应当具备下列条件：``): its figures qualify someone, they are no targets."""
    for k in range(i - 1, max(-1, i - 1 - reach), -1):
        words = doc.line_text(k).rstrip()
        if words.endswith(("：", ":")):
            return bool(_LEAD_IN_CONDITIONS.search(words))
    return False


def find_text_targets(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[Target]:
    text = doc.text
    out: list[Target] = []
    ref = record.issue_date or record.publish_date
    past = past_sections(record.measures)
    for i in layout.item_lines(attachments=False):
        line = doc.lines[i]
        if any(a <= line.start < b for a, b in past):
            continue  # （一）发展基础: what the last plan achieved
        if under_conditions(doc, i):
            continue
        lead_in: Optional[Deadline] = None
        prev_end: Optional[int] = None
        for q in find_quantities(text, line.start, line.end):
            floor = _list_floor(text, prev_end, q.start) if prev_end is not None else 0
            prev_end = q.end
            ctx = clause_context(text, line.start, line.end, q, floor)
            if rejection(text, line.start, q, ctx):
                continue
            lead_in = lead_in or lead_in_deadline(doc, record.deadlines, i)
            due = due_for(record.deadlines, q, ctx, line.start, line.end, lead_in)
            if due and ref and due < ref:
                continue  # a figure for a past date
            indicator = _indicators(ctx.clause, q)
            if q.count > 1:
                indicator = split_indicators(indicator, q.count)[q.index]
            elif _SHARED_VALUE.search(ctx.clause) and indicator and "、" in indicator:
                items = split_indicators(indicator, indicator.count("、") + 1)
                for item in items:
                    out.append(_target(doc, record, q, ctx, item, due))
                continue
            out.append(_target(doc, record, q, ctx, indicator, due))
    return out


def _target(doc: NormalizedDocument, record: PolicyRecord, q: Quantity, ctx: _Context, indicator: Optional[str],
            due: Optional[dt.date]) -> Target:
    period = _PERIOD.search(ctx.sentence[: q.start - ctx.sentence_start])
    scope = _SCOPE.search(ctx.sentence[: q.start - ctx.sentence_start])
    return build_target(doc, record, q, ctx, indicator, due,
                        period.group(0) if period else None, scope.group(0) if scope else None)


def build_target(doc: NormalizedDocument, record: PolicyRecord, q: Quantity, ctx: _Context, indicator: Optional[str],
                 due: Optional[dt.date], period: Optional[str], scope: Optional[str]) -> Target:
    """The text target for quantity ``q``: its clause as ``text`` and span, value, comparator, measure.

    Both extractors build their text targets here, so spans and values agree.
    """
    start = ctx.clause_start
    while start < q.start and doc.text[start].isspace():
        start += 1
    return Target(
        text=doc.text[start : q.end],
        indicator=indicator,
        value=plain(q.value),
        value_max=plain(q.value_max) if q.value_max is not None else None,
        unit=q.unit,
        comparator=_comparator(q, ctx.clause),  # type: ignore[arg-type]
        period=period,
        due=due,
        scope=scope,
        source="text",
        span=(start, q.end),
        measure_id=innermost_measure(record.measures, start, q.end),
        page=doc.lines[doc.line_at(start)].page,
    )


# --- tables ------------------------------------------------------------------------------------

_HEADER_UNIT = re.compile(r"[（(](?P<mult>万|亿|千)?(?P<unit>[^（）()]{1,4})[）)]\s*$")
_CELL_NUMBER = re.compile(rf"^\s*(?P<n>{ARABIC})\s*(?P<pct>[%％])?\s*$")
_SERIAL_HEADER = re.compile(r"序号|编号|排名|代码|年份|年度")


def _header_unit(header: str) -> tuple[str, Optional[str], str]:
    """(indicator, unit, multiplier) from a column header like 企业推荐用工人数（人）."""
    h = re.sub(r"\s+", "", header)
    m = _HEADER_UNIT.search(h)
    if m and re.fullmatch(rf"(?:{_unit_alt()})", m.group("unit")):
        return h[: m.start()], _norm_unit(m.group("unit")), m.group("mult") or ""
    tail = re.search(r"(?:人数|人次|户数|家数|个数|次数|场次|企业数|数)$", h)
    if tail:
        word = tail.group(0)
        unit = {"人数": "人", "人次": "人次", "户数": "户", "家数": "家", "个数": "个", "次数": "次", "场次": "场次", "企业数": "家"}.get(word)
        return h, unit, ""
    if h.endswith("率") or "比例" in h or "占比" in h:
        return h, "%", ""
    return h, None, ""


def _plan_end(record: PolicyRecord, doc: NormalizedDocument, title: Optional[str]) -> Optional[dt.date]:
    for t in (title, record.title):
        if not t:
            continue
        m = re.search(r"(\d{4})\s*[-—–~～至到]\s*(\d{4})\s*年?", t)
        if m:
            return dt.date(int(m.group(2)), 12, 31)
    return None


def find_table_targets(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[Target]:
    """One target per numeric cell: indicator from the column header, scope from the row header."""
    out: list[Target] = []
    for tbl in layout.tables:
        if not tbl.rows:
            continue
        header = [c.text for c in tbl.header]
        cols = [_header_unit(h) for h in header]
        zone_title = next((z.title for z in layout.attachments if z.start <= tbl.lines[0] < z.end), None)
        due = _plan_end(record, doc, zone_title)
        for row in tbl.full_rows():
            scope = row[0].text.strip() or None
            for cell in row[1:]:
                k = cell.column
                if _SERIAL_HEADER.search(header[k]):
                    continue
                m = _CELL_NUMBER.match(cell.text)
                if not m:
                    continue
                indicator, unit, mult = cols[k]
                if m.group("pct"):
                    unit = "%"
                if unit is None:
                    continue
                value = apply_multiplier(Decimal(m.group("n").replace(",", "")), mult)
                cstart = cell.start + len(cell.text) - len(cell.text.lstrip())
                words = cell.text.strip()
                out.append(
                    Target(
                        text=words,
                        indicator=indicator or None,
                        value=plain(value),
                        unit=unit,
                        comparator="=",
                        due=due,
                        scope=scope,
                        source="table",
                        span=(cstart, cstart + len(words)),
                        measure_id=None,
                        page=doc.lines[doc.line_at(cell.start)].page,
                    )
                )
    return out


def find_targets(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[Target]:
    """Text targets in the body, then table targets."""
    return find_text_targets(doc, layout, record) + find_table_targets(doc, layout, record)
