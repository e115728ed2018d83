"""The classes of issue 17, each on a real sentence of the held-out devset2 (or devset): the hit and
the non-hit side by side. Sentences are quoted from the documents named in each test."""

from __future__ import annotations

import datetime as dt

import policyparse


def _notice(*body: str, date: str = "2022年5月21日") -> str:
    return "\n".join(["关于做好有关工作的通知", "各区人民政府：", *body, "某市人民政府", date])


def _targets(*body: str):
    return [(t.value, t.unit, t.comparator) for t in policyparse.parse_text(_notice(*body)).targets]


def _deadlines(*body: str, date: str = "2022年5月21日"):
    rec = policyparse.parse_text(_notice(*body, date=date))
    return [(d.kind, d.date, d.start, d.duration.value if d.duration else None, d.frequency) for d in rec.deadlines]


def _departments(*body: str):
    return {(d.name, d.role) for d in policyparse.parse_text(_notice(*body)).departments}


# --- targets --------------------------------------------------------------------------------------


def test_a_total_or_a_rate_to_reach_is_a_target_beside_a_rate_word():
    # e2_21 白银: 价格 is a rate word, but the indicator is a control target
    assert _targets("一、确定全市2022年度新建商品住房销售价格涨幅控制目标为7%。") == [(7, "%", "=")]
    # e2_37 明溪: a cap on the total of a subsidy
    assert _targets("一、本文件实施期内购房消费补贴总额不超过1000万元。") == [(10000000, "元", "<=")]
    # e2_13 重庆: 支付 names the environment, 改造率 is what is reached
    assert _targets("一、力争2025年中心城区重点商圈便利化支付环境改造率达100%。") == [(100, "%", "=")]


def test_parameters_of_a_benefit_or_transaction_are_not_targets():
    # e2_17 长春, e2_19 安阳: down-payment ratios; e2_29 巴中: a fee rate cut; e2_11 海南: a multiple
    assert _targets("一、对购买首套普通自住房的家庭，贷款最低首付比例为20%。") == []
    assert _targets("一、养老保险单位费率从19%降低到16%。") == []
    assert _targets("一、将二套房“存贷挂钩”贷款额度计算公式中缴存余额倍数由10倍提高至12倍。") == []
    # e2_27 东莞: the cap of an award, money allocated
    assert _targets("一、给予每场活动补助，每次最高18万元。") == []
    assert _targets("一、市财政统筹安排1.5亿元，支持企业开拓市场。") == []


def test_counts_of_a_listed_set_and_cases_are_not_targets_but_built_sets_are():
    # e2_29 巴中: 等7个行业 counts the list; 建成…等19个项目 commits to build them
    assert _targets("一、将文化、体育和娱乐业等7个行业企业纳入按月全额退还增值税增量留抵税额政策范围。") == []
    assert _targets("一、力争年内建成投用龙舟运动公园、琵琶滩大桥、市民中心等19个基础设施项目。") == [(19, "个", "=")]
    # e2_25 福州, e2_31 高阳: cases
    assert _targets("一、对居民购买二套及以上住房的，暂停发放贷款。") == []
    assert _targets("一、暂停向使用过2次及以上住房公积金贷款的家庭发放贷款。") == []


def test_a_baseline_after_you_is_not_the_target():
    # e2_29 巴中: 由30%以上提高至40%以上 (份额 is the share reserved for small firms)
    assert _targets("一、将预留面向中小企业采购的份额由30%以上提高至40%以上。") == [(40, "%", ">=")]


# --- deadlines ------------------------------------------------------------------------------------


def test_a_year_opening_a_clause_of_targets_sets_a_by_date():
    # e2_09 广东: each year attached to a value of the sentence of targets
    got = _deadlines("一、2023年新增筹建保障性租赁住房不少于22万套，力争2023年新建4万个5G基站。", date="2023年2月1日")
    assert got.count(("by", dt.date(2023, 12, 31), None, None, None)) == 2


def test_from_the_notice_to_a_date_is_one_period():
    # e2_19 安阳
    assert _deadlines("一、自本意见印发之日起至2022年12月31日前，对购房家庭给予契税补贴。") == [
        ("period", dt.date(2022, 12, 31), dt.date(2022, 5, 21), None, None)]


def test_starts_this_year_and_after_a_date():
    # e2_30 安化 (issued 2022-09-27): 今年 is the notice's year, not next July
    assert _deadlines("一、自今年7月1日起，县城区范围内新取得土地的项目实行交房即交证。", date="2022年9月27日") == [
        ("start", None, dt.date(2022, 7, 1), None, None)]
    # e2_35 东莞: an aside between the date and 起
    assert _deadlines("一、10月19日（含）起签订购房合同的，按本通知执行。", date="2020年9月22日") == [
        ("start", None, dt.date(2020, 10, 19), None, None)]


def test_recurring_with_an_interval():
    # e2_15 沈阳: every 10 years; SPEC has no frequency for it, the interval is the duration
    assert _deadlines("一、房龄超过30年的房屋每10年进行一次体检。") == [("recurring", None, None, 10, None)]


def test_time_limits_stated_as_ceilings_or_terms():
    # e2_29 巴中, e2_22 宿州, e2_13 重庆
    assert ("within", None, None, 7, None) in _deadlines("一、办理时间不超过7个工作日。")
    assert ("within", None, None, 15, None) in _deadlines("一、办理时限：15个工作日。")
    assert ("within", None, None, 5, None) in _deadlines("一、提取办理时限由两年放宽至五年。")


def test_eligibility_windows_loan_terms_and_benefit_terms_are_not_deadlines():
    # e2_29 巴中, e2_36 福州, e2_40 达州: who qualifies
    assert _deadlines("一、对吸纳离校2年内未就业的高校毕业生的企业给予补贴。") == []
    assert _deadlines("一、无法提供购房之日前2年内在本市累计缴纳1年及以上个人所得税的家庭暂停购房。") == []
    assert _deadlines("一、对信誉良好、近2年内无不良社会影响的企业，按已办理的给予支持。") == []
    # e2_21 白银: the term of a loan; e2_29: how long a subsidy lasts; how a benefit is paid
    assert _deadlines("一、公积金贷款最高额度为60万元，最长贷款期限为30年。") == []
    assert _deadlines("一、对缴纳的社会保险费给予全额补贴，最长不超过3年。") == []
    assert _deadlines("一、支持公积金支付购房首付和按月提取还贷款。") == []


def test_a_statistic_after_jiezhi_is_the_past():
    # e2_35 东莞
    assert _deadlines("一、今年截至8月底，我市新增公积金贷款10681笔、87.74亿元。", date="2020年9月22日") == []


# --- departments ----------------------------------------------------------------------------------


def test_ungrounded_subjects_are_dropped_and_explained():
    # the class: whatever stands before 部门 is not a name
    rec = policyparse.parse_text(_notice("一、统筹推进部门要加强指导，市财政局要做好资金保障。"), explain=True)
    assert {d.name for d in rec.departments} == {"市财政局"}
    assert [d.reason for d in rec.dropped] == ["no organ word: 统筹推进部门"]


def test_the_first_listed_rule_makes_the_others_cooperate():
    # SPEC 5 (clarified): 列第一位者为牵头单位 applies to every note after it
    got = _departments("一、各项任务列第一位者为牵头单位，下同。",
                       "（一）做好就业工作。（责任单位：市人社局、市财政局、市教育局）")
    assert got == {("市人力资源社会保障局", "lead"), ("市财政局", "cooperate"), ("市教育局", "cooperate")}


def test_the_subjects_of_huitong_in_a_note_lead_and_generic_partners_are_dropped():
    # e2_05 国务院办公厅: A、B会同有关部门负责 — A and B lead; 有关部门 is generic (no cooperate row)
    got = _departments("一、对资源枯竭城市予以倾斜支持。（国家发展改革委、财政部会同有关部门负责）")
    assert got == {("国家发展改革委", "lead"), ("财政部", "lead")}


def test_main_responsibility_leads_and_cooperation_later_in_the_clause_cooperates():
    # e2_04 国务院批复, e2_24 常州
    assert ("河北省委", "lead") in _departments("一、河北省委和省政府要切实履行主体责任。")
    # the class: …等单位按照各自职责主动配合
    got = _departments("一、市财政局、市税务局等单位按照各自职责主动配合做好相关工作。")
    assert got == {("市财政局", "cooperate"), ("市税务局", "cooperate")}


def test_a_level_printed_before_a_group_is_that_groups():
    # e2_09 广东: 各地级以上市人民政府，省公安厅、发展改革委
    got = _departments("一、提升消费便利度。（责任单位：各地级以上市人民政府，省公安厅、发展改革委）")
    assert ("省发展改革委", "responsible") in got and ("发展改革委", "responsible") not in got


def test_he_inside_one_organ_does_not_split_it():
    # e2_06 北京, e2_19 安阳
    got = _departments("一、加强数据共享。（责任单位：市政务和数据局、市自然资源和规划局）")
    assert got == {("市政务和数据局", "responsible"), ("市自然资源和规划局", "responsible")}
    # a generic suffix is shared by the list: two departments
    assert {n for n, _ in _departments("一、财政和人社部门要加强协作。")} == {"财政部门", "人力资源社会保障部门"}


def test_a_division_of_duties_paragraph():
    # e2_15 沈阳
    got = _departments("一、职责分工", "市公安局：负责查处房屋体检工作中阻碍或妨害公务的行为。")
    assert got == {("市公安局", "responsible")}
