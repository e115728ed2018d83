"""Deadlines as a calendar: one all-day event per dated deadline, written as iCalendar.

Kinds and days (SPEC section 4): ``by`` falls on its ``date``; ``start`` on its
``start``; ``period`` runs from ``start`` to ``date`` (one day when only one of the
two is known). ``within`` and ``recurring`` deadlines have no day of their own and
give no event. Events are all-day dates of the notice's own calendar, Asia/Shanghai
(``X-WR-TIMEZONE`` and a ``VTIMEZONE`` say so: an all-day date carries no zone).

The summary is the heading of the deadline's measure, else the deadline's text; the
description has the text, the notice's title, its 文号 and the source path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from .schemas import PolicyRecord

TIMEZONE = "Asia/Shanghai"
PRODID = "-//policyparse//deadlines//ZH"
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DeadlineEvent:
    """One calendar day (or run of days) a notice sets; ``last`` is inclusive."""

    uid: str
    first: dt.date
    last: dt.date
    summary: str
    description: str
    kind: str


def as_date(v: Any) -> Optional[dt.date]:
    """A record's date as a ``datetime.date`` (records read from JSONL have strings).

    >>> as_date("2025-12-31"), as_date(None)
    (datetime.date(2025, 12, 31), None)
    """
    if not v or isinstance(v, dt.date):
        return v or None
    return dt.date.fromisoformat(str(v))


def _days(deadline: dict[str, Any]) -> Optional[tuple[dt.date, dt.date]]:
    kind, date, start = deadline.get("kind"), as_date(deadline.get("date")), as_date(deadline.get("start"))
    if kind == "by" and date:
        return date, date
    if kind == "start" and (start or date):
        day = start or date
        return day, day  # type: ignore[return-value]
    if kind == "period" and (start or date):
        first, last = start or date, date or start
        return min(first, last), max(first, last)  # type: ignore[type-var]
    return None


def deadline_events(record: Union[PolicyRecord, dict[str, Any]]) -> list[DeadlineEvent]:
    """The events of one record, in the order of its deadlines.

    >>> rec = {"source": {"path": "corpus/000.txt", "sha256": "ab"}, "title": "关于实施先进制造业促就业行动的通知",
    ...        "doc_number": {"raw": "苏人社发〔2024〕45号"},
    ...        "measures": [{"id": "3", "heading": "加强组织实施", "span": [0, 9]}],
    ...        "deadlines": [{"text": "2025年底前", "kind": "by", "date": "2025-12-31", "measure_id": "3"},
    ...                      {"text": "每季度", "kind": "recurring", "frequency": "quarter", "measure_id": "3"}]}
    >>> [(e.first, e.summary) for e in deadline_events(rec)]
    [(datetime.date(2025, 12, 31), '加强组织实施')]
    """
    r = record if isinstance(record, dict) else json.loads(record.model_dump_json())
    if r.get("error"):
        return []
    src = r.get("source") or {}
    path, title = src.get("path") or "", r.get("title") or ""
    number = (r.get("doc_number") or {}).get("raw") or ""
    headings = {m.get("id"): m.get("heading") for m in r.get("measures") or []}
    owner = src.get("sha256") or path
    out = []
    for k, d in enumerate(r.get("deadlines") or []):
        days = _days(d)
        if days is None:
            continue
        text = d.get("text") or ""
        lines = [f"期限：{text}", f"通知：{title}", f"文号：{number}", f"来源：{path}"]
        uid = hashlib.sha256(f"{owner}\x1f{k}\x1f{text}".encode("utf-8")).hexdigest()[:32] + "@policyparse"
        out.append(DeadlineEvent(uid, days[0], days[1], headings.get(d.get("measure_id")) or text, "\n".join(lines),
                                 d["kind"]))
    return out


def to_calendar(records: Iterable[Union[PolicyRecord, dict[str, Any]]], stamp: Optional[dt.datetime] = None) -> Any:
    """An ``icalendar.Calendar`` with the events of every record."""
    import icalendar

    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "policyparse deadlines")
    cal.add("x-wr-timezone", TIMEZONE)
    cal.add_component(icalendar.Timezone.from_tzid(TIMEZONE))
    for rec in records:
        for e in deadline_events(rec):
            ev = icalendar.Event()
            ev.add("uid", e.uid)
            ev.add("dtstamp", stamp)
            ev.add("dtstart", e.first)  # a date: VALUE=DATE, an all-day event
            ev.add("dtend", e.last + DAY)  # exclusive, as RFC 5545 wants for all-day events
            ev.add("summary", e.summary)
            ev.add("description", e.description)
            ev.add("categories", [e.kind])
            ev.add("transp", "TRANSPARENT")
            cal.add_component(ev)
    return cal


def write_ics(records: Iterable[Union[PolicyRecord, dict[str, Any]]], out: Union[str, Path]) -> int:
    """Write the calendar of ``records`` to ``out``; returns how many records were read."""
    seen = 0

    def counted() -> Iterable[Union[PolicyRecord, dict[str, Any]]]:
        nonlocal seen
        for rec in records:
            seen += 1
            yield rec

    data = to_calendar(counted()).to_ical()
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_bytes(data)
    return seen
