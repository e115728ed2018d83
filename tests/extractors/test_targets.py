"""Targets on real sentences from the seeds: values, units, comparators, due dates."""

import datetime as dt

import policyparse
from policyparse.lang.numerals import cn_to_int, plain
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


# Sentences from the shared devset (d09, d12, d16, d21, d25).

def test_each_value_of_a_list_has_its_own_clause():
    rec = policyparse.parse_text("公共服务供给明显增加，新建、改扩建幼儿园843所、中小学200所，新增养老机构床位5万张、医疗机构床位2.4万张。")
    assert [(t.value, t.indicator, t.text) for t in rec.targets] == [
        (843, "新建、改扩建幼儿园", "新建、改扩建幼儿园843所"), (200, "中小学", "中小学200所"),
        (50000, "新增养老机构床位", "新增养老机构床位5万张"), (24000, "医疗机构床位", "医疗机构床位2.4万张")]


def test_a_baseline_after_cong_is_not_a_target():
    rec = policyparse.parse_text("到2020年，学前三年毛入园率从“十一五”末的85%以上提升到95%。")
    assert [(t.value, t.indicator) for t in rec.targets] == [(95, "学前三年毛入园率")]


def test_the_size_of_a_thing_is_not_a_target_but_a_size_to_reach_is():
    rec = policyparse.parse_text("城东花园岸线：信江右岸大岩苏家至刘家，岸线长600米，规划为支持保障岸线。"
                                 "创新区覆盖杨浦区全域，总规划面积约60.61平方公里。"
                                 "到2017年底前，全省城市人均公园绿地面积达16平方米。")
    assert [(t.value, t.unit, t.due) for t in rec.targets] == [(16, "平方米", dt.date(2017, 12, 31))]


def test_a_quantity_that_delimits_a_case_is_not_a_target():
    rec = policyparse.parse_text("超过城乡居民大病起付标准，在16万元以内（含16万元）的，分别由城镇居民医保和新农合基金支付；"
                                 "超过5000万元的部分，由超支县（市）区承担。")
    assert rec.targets == []


def test_a_section_that_reports_the_past_has_no_targets():
    # devset d09: （一）发展基础 lists what the last plan achieved; 二、 sets the goals
    rec = policyparse.parse_text("一、规划背景\n（一）发展基础\n新建、改扩建幼儿园843所，城镇登记失业率控制在1.6%以内。\n"
                                 "二、发展目标\n到2020年，新增养老机构床位5万张。")
    assert [(t.value, t.unit, t.measure_id) for t in rec.targets] == [(50000, "张", "2")]


# Sentences from the real PDF fixtures (notice_gov_01, notice_gov_04, notice_gov_05).

def test_entitlements_caps_and_counts_of_a_list_are_not_targets():
    rec = policyparse.parse_text("生育多胞胎的，每多生育1个婴儿，增加15天。其特定门诊限额4000元维持不变。"
                                 "高考科目中的外语分英语、俄语、日语、法语、德语、西班牙语6个语种，由考生任选其中一个语种参加考试。")
    assert rec.targets == []


def test_a_comparator_can_govern_a_share_of_something():
    rec = policyparse.parse_text("农机创新产品年度使用资金量按不超过我省年度中央财政资金总规模的15%安排。")
    assert [(t.value, t.unit, t.comparator) for t in rec.targets] == [(15, "%", "<=")]
