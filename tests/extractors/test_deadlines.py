"""Deadlines: each expression the issue names, normalized from a real sentence."""

import datetime as dt

import pytest

import policyparse
from policyparse.extractors.deadlines import date_of, find_deadline_mentions, resolve_deadline
from policyparse.lang.workdays import add_workdays, is_workday
from tests.conftest import SEED_001, SEED_002, SEED_003

D = dt.date


def _one(sentence, ref):
    ms = find_deadline_mentions(sentence)
    assert ms, sentence
    return resolve_deadline(ms[0], ref)


@pytest.mark.parametrize(
    "sentence, ref, kind, date",
    [
        ("2023年12月22日前，各设区市人社部门要牵头将本地实施方案报省厅备案。", D(2023, 12, 1), "by", D(2023, 12, 22)),
        ("继续实施阶段性降低失业、工伤保险费率政策至2025年底。", D(2024, 12, 18), "by", D(2025, 12, 31)),
        ("到2025年全省专精特新企业吸纳就业参保10万人以上", D(2023, 12, 1), "by", D(2025, 12, 31)),
        ("各地区要于2019年3月底前完成清理工作。", D(2019, 1, 10), "by", D(2019, 3, 31)),
        ("到“十四五”末，全面加强一批先进制造业常态化用工服务", D(2024, 5, 1), "by", D(2025, 12, 31)),
        ("到“十三五”末，基本建立覆盖城乡的服务体系", D(2016, 10, 14), "by", D(2020, 12, 31)),
        ("到“十五五”末，全面建成", D(2026, 3, 1), "by", D(2030, 12, 31)),
        ("年内开发见习岗位5000个", D(2021, 4, 26), "by", D(2021, 12, 31)),
        ("年底前完成全部清理任务", D(2022, 3, 1), "by", D(2022, 12, 31)),
        ("上半年完成试点", D(2022, 3, 1), "by", D(2022, 6, 30)),
        ("三季度末前全面推开", D(2022, 3, 1), "by", D(2022, 9, 30)),
        ("将实施时间延长到2022年4月", D(2021, 4, 26), "by", D(2022, 4, 30)),
        ("有效期至2030年4月30日", D(2025, 4, 11), "by", D(2030, 4, 30)),
        ("到二〇二五年底，全省建成100个示范点", D(2023, 1, 1), "by", D(2025, 12, 31)),
    ],
)
def test_by_dates(sentence, ref, kind, date):
    d = _one(sentence, ref)
    assert (d.kind, d.date) == (kind, date)


def test_start_dates():
    assert _one("本通知自印发之日起施行。", D(2024, 6, 21)).start == D(2024, 6, 21)
    assert _one("即日起，暂停受理新的申请。", D(2024, 6, 21)).start == D(2024, 6, 21)
    d = _one("本办法自2021年1月1日起施行。", D(2020, 11, 2))
    assert (d.kind, d.start) == ("start", D(2021, 1, 1))


def test_within_and_validity():
    d = _one("加快政策受理审核进度，确保在20个工作日内完成各类涉企补贴审核。", D(2023, 12, 1))
    assert (d.kind, d.duration.value, d.duration.unit, d.date) == ("within", 20, "workday", None)
    d = _one("本办法有效期5年。", D(2020, 1, 1))
    assert (d.kind, d.duration.value, d.duration.unit) == ("within", 5, "year")


def test_within_anchored_to_the_document_counts_working_days():
    d = _one("请各地自本通知印发之日起3个工作日内报送名单。", D(2024, 9, 27))
    # 9/29 (Sunday) is a make-up working day, 10/1-10/7 the National Day holiday
    assert d.date == D(2024, 10, 8)


def test_recurring():
    assert _one("相关进展和成效要单独统计，并按季度报送有关情况。", D(2024, 5, 1)).frequency == "quarter"
    assert _one("每年引导宿迁籍在外人员返乡就业不少于5万人。", D(2021, 4, 26)).frequency == "year"
    assert _one("每季度至少组织1次技能竞赛", D(2021, 4, 26)).frequency == "quarter"
    # a rate per class per year is a subsidy standard, not a schedule
    assert find_deadline_mentions("同级财政给予每班每年1万元补助。") == []


def test_plan_periods():
    d = _one("组织实施深化制造业智能化改造数字化转型网络化联接三年行动计划（2025-2027年）", D(2024, 12, 18))
    assert (d.kind, d.start, d.date) == ("period", D(2025, 1, 1), D(2027, 12, 31))
    d = _one("实施2021—2025年提升行动", D(2021, 3, 1))
    assert (d.start, d.date) == (D(2021, 1, 1), D(2025, 12, 31))


def test_relative_forms_resolve_against_the_issue_date():
    assert date_of("年内", D(2021, 4, 26))[0] == D(2021, 12, 31)
    assert date_of("2022年4月", None)[0] == D(2022, 4, 30)
    assert date_of("1月31日", D(2016, 1, 26))[0] == D(2016, 1, 31)
    assert date_of("1月31日", D(2023, 12, 1))[0] == D(2024, 1, 31)  # next January


def test_workdays_across_national_day():
    assert not is_workday(D(2024, 10, 3)) and is_workday(D(2024, 9, 29))
    assert add_workdays(D(2024, 9, 30), 1) == (D(2024, 10, 8), None)
    day, warning = add_workdays(D(2030, 3, 1), 5)
    assert day == D(2030, 3, 8) and "outside the holiday table" in warning


def test_doc_numbers_titles_and_past_are_not_deadlines():
    rec = policyparse.parse(SEED_002)
    texts = [d.text for d in rec.deadlines]
    # 苏工信规〔2023〕2号 holds no date, the issue date is not a deadline
    assert all("2023〕" not in t and "2号" not in t for t in texts)
    assert sorted(texts) == sorted(["到2025年", "到2025年", "每年", "20个工作日内", "2023年12月22日前"])
    rec = policyparse.parse(SEED_003)
    # （2021-2023） in the cited title and 2021年 of the issue date are not deadlines
    assert not any(d.kind == "period" for d in rec.deadlines)
    past = policyparse.parse_text("关于加强工作的通知\n各区：\n一、总体要求\n比2010年下降了39.8%，到2020年达到95%。\n某某局\n2016年10月14日")
    assert [(d.kind, d.date) for d in past.deadlines] == [("by", D(2020, 12, 31))]


def test_seed_001_deadlines_with_measure_ids():
    rec = policyparse.parse(SEED_001)
    got = [(d.kind, d.date, d.frequency, d.measure_id) for d in rec.deadlines]
    assert got == [("by", D(2025, 12, 31), None, "1"), ("recurring", None, "quarter", "3.1"),
                   ("by", D(2025, 12, 31), None, "3.2")]
    for d in rec.deadlines:
        assert rec.span_text(d) == d.text


def test_the_expiry_of_a_cited_document_is_not_a_deadline():
    # devset d20: the term of the document this one replaces
    rec = policyparse.parse_text("《关于加强公共卫生应急管理科技攻关体系与能力建设的实施意见》（沪科规〔2020〕3号）"
                                 "将于2025年7月23日到期。经评估，现将修订后的实施意见印发给你们。\n有效期至2030年7月22日。")
    assert [(d.kind, d.date) for d in rec.deadlines] == [("by", dt.date(2030, 7, 22))]


# Sentences from devset notices (d16, d18, d21, d23, d25, d26).

@pytest.mark.parametrize("sentence,kind,start,date", [
    ("“十四五”时期，为贯彻落实国家规划，提出如下实施意见。", "period", "2021-01-01", "2025-12-31"),
    ("报名时间为5月23－27日。", "period", "2016-05-23", "2016-05-27"),
    ("4－5月，各区公布施教区范围。", "period", "2016-04-01", "2016-05-31"),
    ("电脑派位时间全市统一为7月15日。", "by", None, "2016-07-15"),
    ("展望2035年，全面建成创新区。", "by", None, "2035-12-31"),
    ("2016年起，城乡居民医保实行统一政策。", "start", "2016-01-01", None),
    ("本批复自批复之日起施行。", "start", "2016-03-01", None),
])
def test_schedules_plan_periods_and_starts(sentence, kind, start, date):
    rec = policyparse.parse_text(f"{sentence}\n二〇一六年三月一日")
    d = rec.deadlines[0]
    assert (d.kind, d.start, d.date) == (kind, start and dt.date.fromisoformat(start), date and dt.date.fromisoformat(date))


def test_a_term_is_a_duration():
    rec = policyparse.parse_text("试点期限两年。审批时限缩短至10个工作日。居住证有效期一年。")
    assert [(d.kind, d.duration.value, d.duration.unit) for d in rec.deadlines] == [
        ("within", 2, "year"), ("within", 10, "workday"), ("within", 1, "year")]


def test_qi_in_a_word_is_not_a_start():
    assert policyparse.parse_text("起草单位于2016年起草本办法。").deadlines == []


def test_a_publicity_term_is_a_duration_and_a_past_start_is_not_a_deadline():
    # real PDF fixtures notice_gov_03/04/05
    rec = policyparse.parse_text("公示 7 天。公示时间为5个工作日。2015年1月1日起，取消以下六项高考加分项目。\n二〇一六年四月十三日")
    assert [(d.kind, d.duration.value, d.duration.unit) for d in rec.deadlines] == [
        ("within", 7, "day"), ("within", 5, "workday")]
