"""The measure tree: ids from printed numbers, levels by marker style, headings."""

import policyparse
from policyparse.extractors.measures import heading_of, match_marker
from tests.conftest import SEED_000, SEED_003, SEED_004


def _ids(rec):
    return [m.id for m in rec.measures]


def test_numbering_that_continues_across_parents():
    rec = policyparse.parse(SEED_000)
    m = {x.id: x for x in rec.measures}
    assert m["2.4"].marker == "(四)" or m["2.4"].marker == "（四）"
    assert m["2.4"].parent == "2" and m["2.4"].level == 2
    assert m["2.4"].heading == "降低先进制造业企业用工成本"
    assert m["1"].heading == "全力做好先进制造业企业用工服务保障"
    assert len(rec.measures) == 21


def test_numbering_that_restarts_under_each_parent():
    rec = policyparse.parse(SEED_003)
    ids = _ids(rec)
    assert ids[:8] == ["1", "2", "3", "3.1", "3.1.1", "3.1.2", "3.1.3", "3.1.4"]
    assert "3.2.1" in ids and "3.6.3" in ids
    m = {x.id: x for x in rec.measures}
    assert m["3.1.1"].heading == "企业用工动态监测机制"
    # the attachment's table rows are not measures
    assert all(not x.heading or "全市" != x.heading for x in rec.measures)


def test_printed_notice_takes_measures_from_the_enclosed_document():
    rec = policyparse.parse(SEED_004)
    ids = _ids(rec)
    assert ids[:5] == ["1", "2", "2.1", "2.1.1", "2.1.2"]
    assert {x.id: x for x in rec.measures}["2.6.3"].heading == "推进全民参保提质增效"


def test_articles_with_items_inside():
    text = "\n".join([
        "某某市公共服务管理办法",
        "第一章 总则",
        "第一条 为规范管理，制定本办法。",
        "第二条 申请人应当同时符合下列条件：",
        "（一）年满18周岁；",
        "（二）具有本市户籍。",
        "第二章 附则",
        "第三条 本办法自2016年7月1日起施行。",
    ])
    rec = policyparse.parse_text(text)
    assert [(m.id, m.level, m.parent) for m in rec.measures] == [
        ("1", 1, None), ("1.1", 2, "1"), ("1.2", 2, "1"), ("1.2.1", 3, "1.2"), ("1.2.2", 3, "1.2"),
        ("2", 1, None), ("2.3", 2, "2")]
    assert rec.measures[0].heading == "总则"
    assert rec.measures[3].heading == "年满18周岁；"  # up to the line end, SPEC 2


def test_circled_items_and_skipped_level_warning():
    text = "\n".join([
        "关于做好招生工作的通知",
        "各区教育局：",
        "一、报名办法",
        "1.本地户籍生。按片区报名。",
        "①持户口簿报名；",
        "②持房产证报名。",
        "2.随迁子女。凭居住证报名。",
    ])
    rec = policyparse.parse_text(text)
    assert [m.id for m in rec.measures] == ["1", "1.1", "1.1.1", "1.1.2", "1.2"]
    assert rec.measures[2].heading == "持户口簿报名；"
    assert any("skipped" in w for w in rec.warnings)


def test_markers_that_are_not_measures():
    assert match_marker("2023年12月22日前，各设区市人社部门要牵头") is None
    assert match_marker("3.5万人以上") is None
    assert match_marker("（1）收单机构代码；").number == 1
    assert heading_of("企业用工动态监测机制。建立基于市场招聘的平台") == "企业用工动态监测机制"
    assert heading_of("为" + "促进" * 30 + "。") is None  # longer than 50 characters


def test_table_of_contents_is_not_measures(devset):
    rec = policyparse.parse(devset / "d09_beijing_13th_fyp_public_services_plan.html")
    ids = _ids(rec)
    assert len(ids) == len(set(ids))
    assert ids[:3] == ["1", "1.1", "1.2"]
