"""Deadlines: policyparse beside JioNLP's ``extract_time``, scored on the same gold.

JioNLP (https://github.com/dongrixinyu/JioNLP) is the strongest public Chinese time
extractor. It finds and resolves time expressions but knows nothing of SPEC's
deadline kinds, so a small adapter, generous to JioNLP, turns each of its results
into a SPEC deadline:

- ``time_delta`` (``有效期5年``) and a span ending in ``内`` (``20个工作日内``) → ``within``,
  the duration read from the matched words;
- ``time_period`` (``每季度``) → ``recurring``, the frequency from its period;
- words ending in ``起`` → ``start`` on the first day; ending in ``前`` or open at the
  start (``-inf``) → ``by`` the last day;
- two ends joined by ``至``/``到``/``-``/``—`` (``2021-2023年``) → ``period``;
- anything else (``2025年底``, a bare date) → ``by`` its last day;
- the document's own issue and publish dates, and years inside a 文号 (``〔2024〕``),
  are dropped, as SPEC excludes them.

JioNLP resolves against the document's issue date (else publish date), as
policyparse does. Both are scored with ``policyparse.evaluate`` (SPEC section 6:
multiset F1 on (kind, date|start), (kind, duration), (kind, frequency)) in one run.
JioNLP is a benchmark-only dependency: ``pip install '.[bench]'``.

    python benchmarks/deadlines_jionlp.py [CORPUS ...]   (default: corpus corpus/devset)
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import sys
import time
from pathlib import Path

import regex as re

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policyparse import parse  # noqa: E402
from policyparse.evaluate import Report, evaluate  # noqa: E402
from policyparse.schemas import Deadline, PolicyRecord  # noqa: E402

_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_WITHIN = re.compile(r"(\d+|[一二两三四五六七八九十]+)个?(工作日|日|天|周|星期|个月|月|年)[以之]?内")
_UNITS = {"工作日": "workday", "日": "day", "天": "day", "周": "week", "星期": "week", "个月": "month",
          "月": "month", "年": "year"}
_DELTA_UNITS = {"year": "year", "month": "month", "day": "day", "workday": "workday", "week": "week"}
_PERIOD = re.compile(r"\d{4}年?\s*[至到\-—–~]+\s*\d{4}年")


def _number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if s.startswith("十"):
        s = "一" + s
    if "十" in s:
        tens, _, ones = s.partition("十")
        return _NUM.get(tens, 1) * 10 + (_NUM.get(ones, 0) if ones else 0)
    return _NUM.get(s, 0)


def _day(stamp: str) -> dt.date | None:
    return None if "inf" in stamp else dt.date.fromisoformat(stamp[:10])


def _frequency(delta: dict) -> str | None:
    if delta.get("year") == 1:
        return "year"
    months = delta.get("month")
    if months in (6, 3, 1):
        return {6: "half_year", 3: "quarter", 1: "month"}[months]
    days = delta.get("day")
    return {7: "week", 1: "day"}.get(days) if days else None


def to_deadline(item: dict) -> Deadline | None:
    """A SPEC deadline for one ``extract_time`` result, or None when none fits."""
    text, (a, b), kind = item["text"], item["offset"], item["type"]
    detail = item["detail"]["time"]
    common = {"text": text, "span": (a, b)}
    if kind == "time_delta":
        if isinstance(detail, list):  # a range (3-5年): its upper end
            detail = detail[-1] if detail and isinstance(detail[-1], dict) else {}
        for key, value in detail.items():
            if key in _DELTA_UNITS and value:
                return Deadline(kind="within", duration={"value": value, "unit": _DELTA_UNITS[key]}, **common)
        return None
    if kind == "time_period":
        freq = _frequency((detail or {}).get("delta") or {})
        return Deadline(kind="recurring", frequency=freq, **common) if freq else None
    first, last = _day(detail[0]), _day(detail[1])
    m = _WITHIN.search(text)
    if m and text.endswith("内"):
        return Deadline(kind="within", duration={"value": _number(m.group(1)), "unit": _UNITS[m.group(2)]}, **common)
    if text.endswith(("起", "开始")) and first:
        return Deadline(kind="start", start=first, **common)
    if _PERIOD.search(text) and first and last:
        return Deadline(kind="period", start=first, date=last, **common)
    if last:
        return Deadline(kind="by", date=last, **common)
    return None


def jionlp_deadlines(rec: PolicyRecord) -> list[Deadline]:
    import jionlp as jio

    base = rec.issue_date or rec.publish_date or dt.date.today()
    stamp = time.mktime(dt.datetime(base.year, base.month, base.day).timetuple())
    own = {d for d in (rec.issue_date, rec.publish_date) if d}
    out = []
    with contextlib.redirect_stderr(io.StringIO()):  # JioNLP prints tracebacks of what it cannot parse
        found = jio.ner.extract_time(rec.text, time_base=stamp, with_parsing=True)
    for item in found:
        a, b = item["offset"]
        if rec.text[max(0, a - 1):a] == "〔" or rec.text[b:b + 1] == "〕":
            continue  # the year of a 文号
        try:
            d = to_deadline(item)
        except (KeyError, ValueError, TypeError, IndexError):
            continue
        if d is None or (d.kind == "by" and d.date in own and item["type"] == "time_point"):
            continue
        out.append(d)
    return out


def _with_jionlp(path: Path, extractor: str) -> PolicyRecord:
    rec = parse(path, extractor="rules")
    if rec.error is None:
        rec.deadlines = jionlp_deadlines(rec)
    return rec


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="*", default=["corpus", "corpus/devset"])
    args = ap.parse_args(argv)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp  # noqa: F401  (it prints a banner on import)
    print(f"{'corpus':<16} {'docs':>5} {'gold':>5}   {'':<12} {'P':>6} {'R':>6} {'F1':>6}")
    for corpus in map(Path, args.corpora):
        for name, fn in (("policyparse", lambda p, e: parse(p, extractor="rules")), ("JioNLP", _with_jionlp)):
            report: Report = evaluate(corpus, "rules", parse_fn=fn)
            s = report.scores["deadlines"]
            print(f"{str(corpus):<16} {report.documents:>5} {s.tp + s.fn:>5}   {name:<12} "
                  f"{s.precision:>6.2f} {s.recall:>6.2f} {s.f1:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
