"""Targets on real sentences from the seeds: values, units, comparators, due dates."""

import datetime as dt

import policyparse
from policyparse.extractors.numerals import cn_to_int, plain
from policyparse.extractors.targets import find_quantities
from tests.conftest import SEED_000, SEED_002, SEED_003, SEED_004


def _t(rec, value, unit):
    found = [t for t in rec.targets if t.value == value and t.unit == unit]
    assert found, (value, unit, [(t.value, t.unit) for t in rec.targets])
    return found[0]


def test_distributive_list_gives_one_target_per_value():
    rec = policyparse.parse(SEED_002)
    shares = [t for t in rec.targets if t.unit == "%"]
    assert [(t.value, t.comparator, t.indicator) for t in shares] == [
        (15, ">=", "高校毕业生占比"), (10, ">=", "高技能人才占比"), (5, ">=", "副高级以上专业技术人才占比")]
    main = _t(rec, 100000, "人")
    assert main.comparator == ">=" and main.due == dt.date(2025, 12, 31)
    assert main.indicator == "专精特新企业吸纳就业参保" and main.scope == "全省"
    assert _t(rec, 100, "场").period == "每年"


def test_ranges_and_multipliers():
    rec = policyparse.parse(SEED_003)
    park = _t(rec, 1, "家")
    assert (park.value_max, park.comparator) == (2, "range")
    assert _t(rec, 18000, "人").text.endswith("1.8万人")
    big = _t(rec, 500000000000, "元")
    assert big.comparator == ">"
    assert _t(rec, 3000, "人").comparator == "~"
    assert _t(rec, 200000, "人次").due == dt.date(2023, 12, 31)


def test_chinese_numerals_are_converted_only_inside_matches():
    assert cn_to_int("两万") == 20000 and cn_to_int("三百") == 300
    q = find_quantities("力争新增两万人以上，百分之十五的企业达标")
    assert [(plain(x.value), x.unit) for x in q] == [(20000, "人"), (15, "%")]
    assert find_quantities("全国两会期间") == []


def test_exclusions_say_why():
    rec = policyparse.parse(SEED_003)
    values = {(t.value, t.unit) for t in rec.targets if t.source == "text"}
    assert (3, "条") not in values  # 3条超500亿产业链: a size class of what exists
    assert (20, "条") not in values  # 20条重点产业链, repeated: the name of a set
    assert (10000, "元") not in values  # 每班每年1万元补助: a subsidy standard
    rec = policyparse.parse(SEED_000)
    assert [(t.value, t.unit) for t in rec.targets] == [(200, "家")]  # not 10+N, not “1650”


def test_two_indicators_share_one_value():
    rec = policyparse.parse(SEED_004)
    both = [t for t in rec.targets if t.value == 35]
    assert [t.indicator for t in both] == ["全市技能人才占就业人员的比例", "高技能人才占技能人才的比例"] or len(both) == 2
    assert _t(rec, 5, "%").comparator == "~"


def test_table_targets_from_the_attachment():
    rec = policyparse.parse(SEED_003)
    table = [t for t in rec.targets if t.source == "table"]
    assert len(table) == 60
    first = table[0]
    assert (first.indicator, first.scope, first.value, first.unit, first.due) == (
        "企业推荐用工人数", "全市", 200000, "人", dt.date(2023, 12, 31))
    last = table[-1]
    assert (last.indicator, last.scope, last.value, last.unit) == ("培育和谐劳动关系企业数", "苏宿工业园区", 6, "个")
    assert rec.span_text(last) == "6"
