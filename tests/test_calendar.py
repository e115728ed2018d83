"""The deadline calendar: one all-day event per dated deadline, read back through icalendar."""

import datetime as dt
import json

import icalendar

from policyparse import api
from policyparse.calendar import deadline_events
from policyparse.cli import main
from tests.conftest import SEED_000, SEEDS


def _events(path):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return cal, [c for c in cal.walk("VEVENT")]


def test_export_writes_one_event_per_dated_deadline_and_it_loads_back(tmp_path, capsys):
    records = tmp_path / "corpus.jsonl"
    assert main(["parse", *map(str, SEEDS), "-o", str(records), "-q"]) == 0
    ics = tmp_path / "deadlines.ics"
    assert main(["export", str(records), "-o", str(ics), "-q"]) == 0
    cal, events = _events(ics)
    recs = [json.loads(line) for line in records.read_text(encoding="utf-8").splitlines()]
    dated = [d for r in recs for d in r["deadlines"]
             if (d["kind"] == "by" and d["date"]) or (d["kind"] in ("start", "period") and (d["start"] or d["date"]))]
    assert len(events) == len(dated) > 0
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Shanghai"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    for e in events:  # all-day: dates, not datetimes; the end is the day after the last
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date and end > start
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_the_jiangsu_notice_by_and_period_deadlines(tmp_path):
    # 苏人社发〔2024〕45号: 至2025年底 under（四）降低先进制造业企业用工成本, 2025-2027年 under（六）培育优质企业吸纳就业
    rec = api.parse(SEED_000)
    ics = tmp_path / "one.ics"
    from policyparse.export import export

    assert export([rec], ics) == 1
    _, events = _events(ics)
    got = [(str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in events]
    assert got == [
        ("降低先进制造业企业用工成本", dt.date(2025, 12, 31), dt.date(2026, 1, 1)),
        ("培育优质企业吸纳就业", dt.date(2025, 1, 1), dt.date(2028, 1, 1)),
    ]
    description = str(events[0]["DESCRIPTION"])
    assert description.splitlines() == [
        "期限：至2025年底",
        "通知：省人力资源社会保障厅 省工业和信息化厅 关于实施先进制造业促就业行动的通知",
        "文号：苏人社发〔2024〕45号",
        f"来源：{rec.source.path}",
    ]
    assert [str(c) for c in events[1]["CATEGORIES"].cats] == ["period"]


def test_start_deadlines_fall_on_their_start_and_undated_kinds_give_no_event():
    rec = {"source": {"path": "x.html"}, "title": "关于印发某办法的通知", "measures": [],
           "deadlines": [{"text": "自2021年1月1日起施行", "kind": "start", "start": "2021-01-01", "date": None},
                         {"text": "20个工作日内", "kind": "within", "duration": {"value": 20, "unit": "workday"}},
                         {"text": "每季度", "kind": "recurring", "frequency": "quarter"}]}
    assert [(e.first, e.last, e.summary) for e in deadline_events(rec)] == [
        (dt.date(2021, 1, 1), dt.date(2021, 1, 1), "自2021年1月1日起施行")]


def test_parse_refuses_a_calendar_output(tmp_path, capsys):
    assert main(["parse", str(SEED_000), "-o", str(tmp_path / "x.ics"), "-q"]) == 2
    assert "policyparse export RECORDS.jsonl -o FILE.ics" in capsys.readouterr().err
