"""Deadlines (SPEC section 4): time expressions that set when something must happen,
start, end or recur, normalized to dates against the document's own date.

Two halves, tested apart: :func:`find_deadline_mentions` returns the matched
expressions (span, kind, words), :func:`resolve_deadline` turns one into a
:class:`~policyparse.schemas.Deadline` given the reference date. Word lists
(年底, 每季度, “十四五”, 个工作日) are data files; the patterns here are generic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

import regex as re

from ..document import NormalizedDocument
from ..layout import Layout
from ..lexicon import alternation, mapping, table
from ..schemas import Deadline, Duration, PolicyRecord

from ..lang.dates import DAY, MONTH, MONTH_PART, QUARTER, YEAR, make_date, month_end
from .measures import innermost_measure
from .vocab import deadline_cue, deadline_cue_search, target_cue
from ..lang.numerals import SMALL_NUMBER, cn_to_int
from ..lang.workdays import add_workdays

# --- building blocks: date and number parts come from the language floor ---------------------

@lru_cache(maxsize=1)
def _words() -> dict[str, str]:
    return {
        "relative": alternation([r["word"] for r in table("time_words.tsv")]),
        "frequency": alternation([r["word"] for r in table("frequencies.tsv")]),
        "plan": alternation([r["plan"] for r in table("five_year_plans.tsv")]),
        "unit": alternation([r["word"] for r in table("duration_units.tsv")]),
    }


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    w = _words()
    COUNT = rf"(?!(?:19|20)\d{{2}}\s*年){SMALL_NUMBER}"  # a count, never a year (延长到2022年4月)
    aside = r"(?:[（(][^（）()\n]{0,12}[）)]\s*)?"  # （含5月16日）, （含）
    issuing, effect = deadline_cue("issuing"), deadline_cue("effect")
    fyp = rf"[“\"]?(?:{w['plan']})[”\"]?\s*(?:规划)?\s*(?:时期|期间)?\s*(?:末期|期末|末|结束前|结束)"
    date_x = (
        rf"(?:{YEAR}\s*年\s*(?:{MONTH}\s*月\s*(?:{DAY}\s*[日号]|{MONTH_PART})?|底|末|年底|年末|内|上半年|下半年|{QUARTER})?"
        rf"|(?:今年|明年|当年)?{MONTH}\s*月\s*(?:{DAY}\s*[日号]|{MONTH_PART})"
        rf"|{fyp}|(?:{w['relative']}))"
    )
    by_trigger = rf"(?:{deadline_cue('commit')}{deadline_cue('by_before')}?|{deadline_cue('by_before')})"
    end_suffix = deadline_cue("by_after")
    within = deadline_cue("within_after")
    return {
        "within": re.compile(rf"(?P<n>{COUNT})\s*(?P<u>{w['unit']})\s*{within}"),
        # a time limit stated as a ceiling: 办理时间不超过7个工作日, 延长15个工作日
        "limit": re.compile(rf"(?:最长)?(?:不超过|不得超过|延长)\s*(?P<n>{COUNT})\s*(?P<u>{w['unit']})(?!\s*{within})"),
        "advance": re.compile(rf"(?:至少)?提前\s*(?P<n>{COUNT})\s*(?P<u>{w['unit']})"),
        "span_of_time": re.compile(
            rf"(?:用|利用|花|经过|再用)\s*(?P<n>{COUNT})\s*(?P<u>{w['unit']})\s*(?:左右)?\s*(?:的)?\s*时间"
        ),
        # a term: 有效期5年, 试点期限两年, 审批时限缩短至10个工作日
        "validity": re.compile(
            rf"(?:有效期|期限|时限|时间|公示期|公示时间|公示|公告期|试行)(?:由[^，。；\n]{{1,6}}?)?(?:[：:]|调整|延长|缩短|压缩|放宽|最长)?"
            rf"(?:为|是|至|到|不少于|至少|不超过|最长不超过)?\s*(?P<n>{COUNT})\s*(?P<u>{w['unit']})(?!\s*{within})"
            rf"(?!\s*{DAY}\s*[日号])"  # 时间为6月6日 is a date
        ),
        "start_doc": re.compile(
            rf"(?:(?:自|从)\s*)?(?:本[\p{{Han}}]{{0,6}}?)?{issuing}之日起{effect}?|即日起"
        ),
        "start_date": re.compile(
            rf"(?:{deadline_cue('start_before')}\s*(?P<d>{date_x})\s*{aside}(?:{deadline_cue('start_after')}|以后|之后|后(?![续期]))"
            rf"{effect}?)"
            rf"|(?P<d2>{date_x})\s*{aside}(?:起|以后)(?:{effect}|(?![草步来诉点止码居]))"
        ),
        # from the document's own date to a date: 自本意见印发之日起至2022年12月31日前
        "range_doc": re.compile(
            rf"(?:(?:自|从)\s*)?(?:本[\p{{Han}}]{{0,6}}?)?{issuing}之日起\s*(?:至|到)\s*"
            rf"(?P<d>{date_x})\s*(?:{end_suffix}|(?:24[:：]00)?\s*止)?"
        ),
        "recurring": re.compile(
            rf"(?P<f>{w['frequency']})(?P<tail>\s*{MONTH}\s*月\s*(?:{DAY}\s*[日号]|{MONTH_PART})?\s*{end_suffix}?)?"
        ),
        # recurring with an interval: 每10年进行一次体检, 每两年评估一次, 每3～5年一次
        "interval": re.compile(
            rf"每\s*(?:{COUNT}\s*[-—–~～至到]\s*)?(?P<n>{COUNT})\s*(?P<u>{w['unit']})"
            r"[^，。；\n]{0,12}?(?:一|1)次"
        ),
        "period": re.compile(
            rf"(?P<y1>{YEAR})\s*年?\s*(?:[-—–~～―‒‐－﹣]+|至|到)\s*(?P<y2>{YEAR})\s*年(?:度)?"
            rf"|(?P<d1>{YEAR}\s*年\s*{MONTH}\s*月\s*{DAY}\s*[日号])\s*{aside}(?:[-—–~～―‒‐－﹣]+|至|到)\s*(?P<d2>(?:{YEAR}\s*年\s*)?(?:{MONTH}\s*月\s*)?{DAY}\s*[日号])"
            rf"|(?P<d3>{MONTH}\s*月\s*{DAY}\s*[日号]?)\s*(?:[-—–~～―‒‐－﹣]+|至|到)\s*(?P<d4>(?:{MONTH}\s*月\s*)?{DAY}\s*[日号])"
            rf"|(?<![\d年])(?P<m1>{MONTH})\s*(?:月\s*)?(?:[-—–~～―‒‐－﹣]+|至|到)\s*(?P<m2>{MONTH})\s*月(?!\s*(?:{DAY})?\s*[日号\d])"
        ),
        # a five-year plan's years opening a clause: “十四五”时期，…
        "plan_period": re.compile(
            rf"(?:^|(?<=[，。；：\n]))\s*(?:在|到)?[“\"]?(?P<p>{w['plan']})[”\"]?\s*(?:规划)?\s*(?:时期|期间)(?=\s*[，,])"
        ),
        # a scheduled day: 电脑派位时间全市统一为7月15日, 报名时间：6月6日
        "by_schedule": re.compile(
            rf"(?<=(?:时间|日期)[^，。；：:\n]{{0,10}}?(?:为|是|定于|：|:)\s*)(?P<d>(?:{YEAR}\s*年\s*)?{MONTH}\s*月\s*{DAY}\s*[日号])(?![\d－\-—至到])"
        ),
        # a clause that opens with a date sets when its action happens:
        # "2016年基本完成…", "2020年达到90%", "6月26日上午，…电脑派位"
        "by_opening": re.compile(
            rf"(?:^|(?<=[，。；：\n]|^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）|^\d{{1,2}}[.、．]))[ \t]*"
            rf"(?P<d>{YEAR}\s*年(?:\s*{MONTH}\s*月\s*{DAY}\s*[日号])?|{MONTH}\s*月\s*{DAY}\s*[日号])"
            rf"(?=\s*(?:[，,]|上午|下午|晚上|起|(?:要|应|基本|全面|初步|实现|完成|建成|达到|力争|确保|争取|前)"
            rf"|{target_cue('commit_verb').pattern}|{target_cue('build_verb').pattern}|{target_cue('scope').pattern}|每))"
        ),
        "by_trigger": re.compile(rf"{by_trigger}\s*(?P<d>{date_x})(?:\s*{end_suffix})?"),
        "by_suffix": re.compile(rf"(?P<d>{date_x})\s*{end_suffix}"),
        "by_bare": re.compile(
            rf"(?P<d>{YEAR}\s*年\s*(?:{MONTH}\s*月\s*{MONTH_PART}|底|末|年底|年末|内|上半年|下半年|{QUARTER})|{fyp}|(?:{w['relative']}))"
        ),
    }


# What a "N日内" counts from, read backwards from the number: 自本通知印发之日起 / 发生后.
@lru_cache(maxsize=1)
def _doc_anchor() -> re.Pattern[str]:
    """A 'N日内' counts from the document itself when its anchor names an issuing act or the document."""
    return re.compile(rf"{deadline_cue('issuing')}|本通知|本意见|本办法|本规定")
_ANCHOR = re.compile(r"(?:(?:自|从|在)[^，。；：！？\n]{0,24}?(?:之日起|之日后|起|后)|[^，。；：！？\n]{0,6}?后)\s*$")

KIND_PRIORITY = {"within": 0, "validity": 0, "limit": 0, "interval": 2, "range_doc": 1, "advance": 0, "span_of_time": 0, "start_doc": 1, "start_date": 1,
                 "recurring": 2, "period": 3, "plan_period": 3, "by_schedule": 4, "by_trigger": 4, "by_suffix": 4, "by_bare": 5, "by_opening": 6}


@dataclass
class DeadlineMention:
    """A time expression found in the text: where, which pattern, and the words."""

    start: int
    end: int
    pattern: str
    text: str
    groups: dict[str, Optional[str]]


def _subsidy_rate(text: str, start: int, end: int) -> bool:
    """``每班每年1万元``, ``每人每月500元``: a rate, not a schedule."""
    before = text[max(0, start - 3) : start]
    after = text[end : end + 12]
    return bool(re.search(r"每[\p{Han}]{1,2}$", before)) or bool(
        re.match(r"^[\p{Han}]{0,4}?\d+(?:\.\d+)?\s*[万亿千百]?元", after)
    )


def find_deadline_mentions(text: str, start: int = 0, end: Optional[int] = None) -> list[DeadlineMention]:
    """Time expressions in ``text[start:end]`` that can be deadlines, longest first on overlap.

    >>> [(m.pattern, m.text) for m in find_deadline_mentions("继续实施阶段性降低失业、工伤保险费率政策至2025年底。")]
    [('by_trigger', '至2025年底')]
    """
    end = len(text) if end is None else end
    found: list[DeadlineMention] = []
    for ws, we in _windows(text, start, end):
        found += _mentions_in(text, ws, we)
    # overlaps: the longer expression wins, then the more specific pattern
    found.sort(key=lambda m: (-(m.end - m.start), KIND_PRIORITY[m.pattern], m.start))
    kept: list[DeadlineMention] = []
    for m in found:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


@lru_cache(maxsize=1)
def _anchor() -> re.Pattern[str]:
    """Where a time expression can be: digits, dated words, time and frequency words."""
    w = _words()
    return re.compile(
        rf"\d|[〇○零一二三四五六七八九十两]+\s*[年月日个天周]|{w['relative']}|{w['frequency']}|{w['plan']}"
        r"|之日|即日|有效期|提前|时间"
    )


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of ``text[start:end]`` around anchors, within a line, merged.

    The patterns only ever match near an anchor, so scanning these instead of the
    whole text gives the same matches in a fraction of the time.
    """
    out: list[tuple[int, int]] = []
    for m in _anchor().finditer(text, start, end):
        ls = text.rfind("\n", start, m.start()) + 1
        le = text.find("\n", m.end(), end)
        le = end if le == -1 else le
        ws, we = max(ls, start, m.start() - 40), min(le, m.end() + 40)
        if out and ws <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], we))
        else:
            out.append((ws, we))
    return out


def _mentions_in(text: str, start: int, end: int) -> list[DeadlineMention]:
    segment = text[start:end]
    found: list[DeadlineMention] = []
    for name, pattern in _patterns().items():
        for m in pattern.finditer(segment):
            s, e = m.start(), m.end()
            groups = m.groupdict()
            if name == "within":
                anchor = _ANCHOR.search(segment, max(0, s - 30), s)
                groups["anchor"] = anchor.group(0) if anchor else None
                # keep the anchor words only when they anchor to the document itself
                if anchor and _doc_anchor().search(anchor.group(0)):
                    s = anchor.start()
            if e <= s or "\n" in segment[s:e]:
                continue  # an expression never crosses a paragraph
            if name == "recurring" and _subsidy_rate(segment, s, e):
                continue
            found.append(DeadlineMention(start + s, start + e, name, segment[s:e], groups))
    return found


# --- resolution ---------------------------------------------------------------------------

_NUMERIC_DATE = re.compile(
    rf"(?:(?P<y>{YEAR})\s*年)?\s*(?:(?P<m>{MONTH})\s*月)?\s*(?:(?P<d>{DAY})\s*[日号])?\s*(?P<part>{MONTH_PART}|年底|年末|底|末|内|上半年|下半年|{QUARTER})?"
)


def _int(s: Optional[str]) -> Optional[int]:
    if not s:
        return None
    s = s.strip()
    return int(s) if s.isdigit() else cn_to_int(s)


@lru_cache(maxsize=1)
def _relative() -> dict[str, tuple[str, str]]:
    return {r["word"]: (r["anchor"], r["point"]) for r in table("time_words.tsv")}


@lru_cache(maxsize=1)
def _plans() -> dict[str, tuple[int, int]]:
    return {r["plan"]: (int(r["first_year"]), int(r["last_year"])) for r in table("five_year_plans.tsv")}


def _point(year: int, point: str) -> Optional[dt.date]:
    return {
        "year_end": make_date(year, 12, 31),
        "h1_end": make_date(year, 6, 30),
        "h2_end": make_date(year, 12, 31),
        "mid_year": make_date(year, 6, 30),
        "q1_end": make_date(year, 3, 31),
        "q2_end": make_date(year, 6, 30),
        "q3_end": make_date(year, 9, 30),
        "q4_end": make_date(year, 12, 31),
    }.get(point)


def _quarter_point(s: str) -> str:
    n = re.search(r"[一二三四1-4]", s)
    q = "一二三四".find(n.group(0)) + 1 if n and not n.group(0).isdigit() else int(n.group(0)) if n else 4
    return f"q{q}_end"


def date_of(expr: str, ref: Optional[dt.date]) -> tuple[Optional[dt.date], Optional[dt.date]]:
    """(last day, first day) of a date expression: ``2025年`` → (2025-12-31, 2025-01-01).

    >>> date_of("2022年4月", None)
    (datetime.date(2022, 4, 30), datetime.date(2022, 4, 1))
    >>> date_of("“十四五”末", None)[0]
    datetime.date(2025, 12, 31)
    >>> date_of("年内", dt.date(2021, 4, 26))[0]
    datetime.date(2021, 12, 31)
    """
    expr = re.sub(r"\s+", "", expr)
    for plan, (_, last) in _plans().items():
        if plan in expr:
            return make_date(last, 12, 31), None
    rel = _relative()
    for word in sorted(rel, key=len, reverse=True):
        if expr.endswith(word) and not re.search(r"\d|[〇○零一二三四五六七八九]{4}", expr[: -len(word)] or ""):
            if ref is None:
                return None, None
            anchor, point = rel[word]
            year = ref.year + (1 if anchor == "next_year" else 0)
            return _point(year, point), None
    this_year = re.match(r"(今年|当年|明年)", expr)
    if this_year:  # 自今年7月1日起: the year is the notice's, not the next July
        if ref is None:
            return None, None
        expr = f"{ref.year + (this_year.group(1) == '明年')}年{expr[2:]}"
    m = _NUMERIC_DATE.fullmatch(expr)
    if not m:
        return None, None
    year = _int(m.group("y"))
    month = _int(m.group("m"))
    day = _int(m.group("d"))
    part = m.group("part") or ""
    if year is None:
        if ref is None or month is None:
            return None, None
        year = ref.year
        probe = month_end(year, month)
        if probe and probe < ref - dt.timedelta(days=31):
            year += 1  # "1月31日前" in a December notice means next January
    if month is None:
        if part in ("上半年",):
            return make_date(year, 6, 30), make_date(year, 1, 1)
        if part in ("下半年",):
            return make_date(year, 12, 31), make_date(year, 7, 1)
        if "季度" in part:
            return _point(year, _quarter_point(part)), None
        return make_date(year, 12, 31), make_date(year, 1, 1)
    if day is not None:
        d = make_date(year, month, day)
        return d, d
    if part in ("中旬",):
        return make_date(year, month, 20), make_date(year, month, 11)
    if part in ("上旬",):
        return make_date(year, month, 10), make_date(year, month, 1)
    if part in ("下旬",):
        return month_end(year, month), make_date(year, month, 21)
    if part == "中":
        return make_date(year, month, 15), make_date(year, month, 1)
    return month_end(year, month), make_date(year, month, 1)


def _duration(n: Optional[str], unit: Optional[str]) -> Optional[Duration]:
    value: Optional[float] = float(n) if n and re.fullmatch(r"\d+\.\d+", n.strip()) else _int(n)
    if value is None or not unit:
        return None
    units = mapping("duration_units.tsv", "word", "unit")
    u = units.get(unit.strip())
    return Duration(value=value, unit=u) if u else None  # type: ignore[arg-type]


def _add_duration(start: dt.date, dur: Duration, warnings: list[str]) -> Optional[dt.date]:
    v = int(dur.value)
    if dur.unit == "workday":
        day, warning = add_workdays(start, v)
        if warning:
            warnings.append(warning)
        return day
    if dur.unit == "day":
        return start + dt.timedelta(days=v)
    if dur.unit == "week":
        return start + dt.timedelta(weeks=v)
    months = v if dur.unit == "month" else 12 * v
    y, m = divmod(start.month - 1 + months, 12)
    last = month_end(start.year + y, m + 1)
    return make_date(start.year + y, m + 1, min(start.day, last.day if last else 28))


def resolve_deadline(
    m: DeadlineMention, ref: Optional[dt.date], warnings: Optional[list[str]] = None,
    effective: Optional[dt.date] = None,
) -> Optional[Deadline]:
    """The normalized deadline for one mention, or None when it cannot be one.

    >>> m = find_deadline_mentions("确保在20个工作日内完成各类涉企补贴审核")[0]
    >>> d = resolve_deadline(m, dt.date(2023, 12, 1))
    >>> d.kind, d.duration.value, d.duration.unit
    ('within', 20, 'workday')
    """
    warnings = warnings if warnings is not None else []
    g = m.groups
    kind: str
    date = start = None
    duration = frequency = None
    if m.pattern in ("within", "advance", "validity", "span_of_time", "limit"):
        kind = "within"
        duration = _duration(g.get("n"), g.get("u"))
        if duration is None:
            return None
        anchor = g.get("anchor") or ""
        if ref and _doc_anchor().search(anchor) and m.pattern == "within":
            date = _add_duration(ref, duration, warnings)
    elif m.pattern == "start_doc":
        kind = "start"
        # 自本办法施行之日起 starts with the document's effective date, when it states one
        start = effective if effective and re.search(r"施行|实施", m.text) else ref
    elif m.pattern == "start_date":
        kind = "start"
        _, start = date_of(g.get("d") or g.get("d2") or "", ref)
        if start is None:
            return None
    elif m.pattern == "interval":
        kind = "recurring"  # every N years: no SPEC frequency fits; the interval is the duration
        duration = _duration(g.get("n"), g.get("u"))
        if duration is None:
            return None
        if duration.value == 1 and duration.unit in ("year", "month", "week", "day"):
            frequency = duration.unit
    elif m.pattern == "range_doc":
        kind = "period"
        start = effective if effective and re.search(r"施行|实施", m.text) else ref
        date, _ = date_of(g.get("d") or "", ref)
        if date is None:
            return None
    elif m.pattern == "recurring":
        kind = "recurring"
        frequency = mapping("frequencies.tsv", "word", "frequency").get(g.get("f") or "")
        if frequency is None:
            return None
    elif m.pattern == "plan_period":
        kind = "period"
        years = _plans().get(g.get("p") or "")
        if years is None:
            return None
        start, date = make_date(years[0], 1, 1), make_date(years[1], 12, 31)
    elif m.pattern == "period":
        kind = "period"
        if g.get("y1"):
            y1, y2 = _int(g["y1"]), _int(g["y2"])
            if y1 is None or y2 is None or y2 < y1:
                return None
            start, date = make_date(y1, 1, 1), make_date(y2, 12, 31)
        elif g.get("m1"):  # 4－5月: from the first day of one month to the last of the other
            _, start = date_of(f"{g['m1']}月", ref)
            date, _ = date_of(f"{g['m2']}月", ref)
            if start is None or date is None or date < start:
                return None
        else:
            first = g.get("d1") or g.get("d3") or ""
            if not re.search(r"[日号]$", first):
                first += "日"  # 6月25-26日: the first day borrows the 日
            _, start = date_of(first, ref)
            if start is None:
                return None
            second = g.get("d2") if g.get("d1") else g.get("d4")
            second = second or ""
            if not re.search(r"年", second):
                second = f"{start.year}年" + (second if "月" in second else f"{start.month}月{second}")
            date, _ = date_of(second, ref)
            if date is None or date < start:
                return None
    else:  # by_trigger, by_suffix, by_bare, by_opening
        kind = "by"
        date, _ = date_of(g.get("d") or m.text, ref)
        if date is None:
            return None
    return Deadline(
        text=m.text,
        kind=kind,  # type: ignore[arg-type]
        date=date,
        start=start,
        duration=duration,
        frequency=frequency,  # type: ignore[arg-type]
        span=(m.start, m.end),
    )


# --- the field ----------------------------------------------------------------------------

_PAST_CONTEXT = re.compile(r"^(?:以来|以前已|已经|已)")
_COMPARISON = re.compile(r"(?:比|较|与|同比|相比|低于|高于)$")
_DEADLINE_COLUMN = re.compile(r"时限|时间|期限|日期|进度")


_CITED_EXPIRY_AFTER = re.compile(r"^(?:到期|届满|期满|失效|废止)")
_CITED_DOC = re.compile(r"》|[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")


def _cites_document(text: str, line_start: int, start: int) -> bool:
    """Whether the sentence before ``start`` names another document (a 《title》 or a 文号)."""
    before = text[line_start:start]
    cut = max(before.rfind("。"), before.rfind("；"))
    return bool(_CITED_DOC.search(before[cut + 1 :]))


def _inside_book_title(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return before.count("《") > before.count("》")


def _table_deadline_cells(layout: Layout) -> Iterable[tuple[int, int]]:
    """Spans of cells under a 完成时限/时间 column header, in tables of the notice."""
    for tbl in layout.tables:
        cols = {c.column for c in tbl.header if _DEADLINE_COLUMN.search(c.text.replace(" ", ""))}
        for row in tbl.rows:
            for c in row:
                if c.column in cols and c.text.strip():
                    yield c.start, c.end


_EFFECTIVE = re.compile(deadline_cue("effect"))


def reference_date(record: PolicyRecord) -> tuple[Optional[dt.date], bool]:
    """The date relative expressions resolve against: issue date, else publish date;
    else 1 January of the year the 文号 or the title names (second value True then)."""
    ref = record.issue_date or record.publish_date
    if ref:
        return ref, False
    year = record.doc_number.year if record.doc_number and record.doc_number.year else None
    if year is None and record.title:
        m = re.search(r"((?:19|20)\d{2})\s*年", record.title)
        year = int(m.group(1)) if m else None
    return (dt.date(year, 1, 1), True) if year else (None, False)


def keep_mention(doc: NormalizedDocument, allowed: set[int], m: DeadlineMention) -> bool:
    """Whether a mention in running text can be a deadline of this notice: in an item line,
    not inside a 《title》, not a date of the past (已…, 比…), not a 公告 number, not another
    document's term."""
    text = doc.text
    i = doc.line_at(m.start)
    line = doc.lines[i]
    if i not in allowed or m.end > line.end or _inside_book_title(text, m.start):
        return False
    after = text[m.end : m.end + 4]
    before = text[max(line.start, m.start - 3) : m.start]
    if m.pattern.startswith("by") and (_PAST_CONTEXT.match(after) or _COMPARISON.search(before)):
        return False
    if _ORDER_NUMBER_AFTER.match(after):
        return False  # 公告2023年第5号 is a number, not a date
    if _CITED_EXPIRY_AFTER.match(after) and _cites_document(text, line.start, m.start):
        return False  # 《…》（沪科规〔2020〕3号）将于2025年7月23日到期: another document's term
    if m.pattern.startswith("by") and (_glued_to_a_year(text, m) or _PREVIOUS.search(before) and m.text[0] in "年底末"):
        return False  # 2019年中美…: not 年中; 比上年底: last year's end
    if m.text.startswith(("截至", "截止")) and target_cue("past").search(_sentence_after(text, m.end, line.end)):
        return False  # 截至8月底，我市新增公积金贷款10681笔: a statistic of the past
    if m.pattern in ("recurring", "interval") and _BENEFIT_AFTER.match(text, m.end):
        return False  # 按月全额退还, 每年可提取一次: how a benefit is paid, not a schedule of work
    if m.pattern in _DURATIONS:
        sentence_before = text[max(line.start, m.start - 40) : m.start]
        sentence_before = sentence_before[max(sentence_before.rfind("。"), sentence_before.rfind("；")) + 1 :]
        if m.pattern == "limit" and deadline_cue_search("benefit", sentence_before):
            return False  # 全额补贴…，最长不超过3年: how long a benefit lasts
        before = text[max(line.start, m.start - 12) : m.start]
        anchored = bool(m.groups.get("anchor"))  # 自中止之日起30日内办理签注的: a limit counted from an event
        if _ELIGIBILITY_BEFORE.search(before) or not anchored and _clause_is_a_case(text, m.end, line.end):
            return False  # 离校2年内未就业的, 购房之日前2年内, 近2年内, 任何一方2年内购买商品住房的: who qualifies
        if deadline_cue_search("term_of", before + m.text):
            return False  # 贷款期限最长不超过2年, 房龄调整为30年以内: the term of a loan or benefit
    return True


_DURATIONS = ("within", "validity", "limit", "advance", "span_of_time")
_PREVIOUS = re.compile(r"(?:上|去|前)$")
_BENEFIT_AFTER = re.compile(r"\s*(?:可|全额|足额)?\s*(?:退还|提取|领取|发放|享受|返还)")


def _glued_to_a_year(text: str, m: "DeadlineMention") -> bool:
    """A relative word that starts with 年 right after a year's digits (2019年中美) is no relative word."""
    return m.text.startswith("年") and m.start > 0 and text[m.start - 1].isdigit()


def _sentence_after(text: str, end: int, line_end: int) -> str:
    stop = _SENTENCE_STOP.search(text, end, line_end)
    return text[end : stop.start() if stop else line_end]


_SENTENCE_STOP = re.compile(r"[。；！？]")
# a window that looks back from an event or describes a person: 离校2年内, 之日前2年内, 近2年内
_ELIGIBILITY_BEFORE = re.compile(r"(?:离校|毕业|离异后?|离职|退役|之日前|日前|之日起前|近)\s*$")
_CASE_END = re.compile(r"[^，。；：！？\n]*?的(?=[，。；]|$)")


def _clause_is_a_case(text: str, end: int, line_end: int) -> bool:
    """Whether the clause after ``end`` closes with 的 (…2年内购买商品住房的，): a case, not a limit."""
    m = _CASE_END.match(text, end, line_end)
    return bool(m) and len(m.group(0)) <= 20


_ORDER_NUMBER_AFTER = re.compile(r"^第\s*\d+\s*号")
_BARE_YEAR_CELL = re.compile(rf"\s*{YEAR}\s*年\s*(?:{MONTH}\s*月)?\s*")


def table_mentions(doc: NormalizedDocument, layout: Layout) -> list[DeadlineMention]:
    """Mentions in the cells of a 完成时限 column; a bare ``2025年`` there is a by-date too."""
    out: list[DeadlineMention] = []
    for s, e in _table_deadline_cells(layout):
        cell = doc.text[s:e]
        found = find_deadline_mentions(doc.text, s, e)
        if not found and _BARE_YEAR_CELL.fullmatch(cell):
            found = [DeadlineMention(s, e, "by_bare", cell, {"d": cell})]
        out += found
    return out


def resolve_mentions(doc: NormalizedDocument, record: PolicyRecord, mentions: list[DeadlineMention]) -> list[Deadline]:
    """The deadlines of kept mentions, resolved against the notice's date; dates of the past
    and changes that already took effect are dropped. Both extractors end here."""
    ref, approximate = reference_date(record)
    warnings: list[str] = []
    effective = None
    for m in mentions:
        if m.pattern == "start_date" and _EFFECTIVE.search(m.text):
            d = resolve_deadline(m, ref, warnings)
            if d and d.start:
                effective = d.start
                break
    out: list[Deadline] = []
    for m in mentions:
        d = resolve_deadline(m, ref, warnings, effective)
        if d is None:
            continue
        if ref and d.kind in ("by", "period") and d.date and d.date < ref:
            continue  # a date that reports the past
        if ref and not approximate and d.kind == "start" and d.start and d.start.year < ref.year and m.pattern == "start_date":
            continue  # 2015年1月1日起，取消…: a change that already took effect
        if approximate and m.pattern == "start_doc" and d.start == ref:
            d.start = None  # no issue date: 自印发之日起 cannot be fixed
        d.measure_id = innermost_measure(record.measures, d.span[0], d.span[1])
        d.page = doc.lines[doc.line_at(d.span[0])].page
        out.append(d)
    out.sort(key=lambda d: d.span[0])
    record.warnings += sorted(set(warnings))
    return out


def find_deadlines(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[Deadline]:
    """Deadlines of the notice, found by character patterns, resolved against its issue date."""
    allowed = set(layout.item_lines())
    mentions = [m for m in find_deadline_mentions(doc.text) if keep_mention(doc, allowed, m)]
    return resolve_mentions(doc, record, mentions + table_mentions(doc, layout))
