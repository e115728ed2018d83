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


# Bulk audit (issue 16): a notice publishing a draft for comment prints the draft after its
# signature and date; the layout's body range ends at the signature, so the tree was empty.
# Real lines of cre_56fb30886c570b14.html and cre_43f9f0a59e0ab514.html of ../shared/bulk.
_DRAFT_AFTER_SIGNATURE = """关于公开征求《关于进一步优化调整住房公积金贷款政策的通知（征求意见稿）》意见的公告
为深入贯彻落实党中央、国务院关于促进房地产市场平稳健康发展决策部署，更好地满足缴存人刚性及改善性住房需求，我局起草了《关于进一步优化调整住房公积金贷款政策的通知（征求意见稿）》，现向社会公开征求意见。
附件：
海南省住房公积金管理局
2026年5月10日
海南省住房公积金管理局
关于进一步优化调整住房公积金贷款
政策的通知（征求意见稿）
各住房公积金缴存人，各市县中心，受委托银行：
为深入贯彻落实党中央、国务院关于促进房地产市场平稳健康发展决策部署，更好地满足缴存人刚性及改善性住房需求，结合实际，现就进一步优化调整住房公积金贷款政策通知如下：
一、提高购买自住住房最高贷款基准额度
缴存职工家庭购买新建、二手自住住房申请住房公积金贷款，单方缴存住房公积金的，最高贷款基准额度分别由现行新房80万元和二手房60万元统一提高至100万元。
二、加大人才住房公积金贷款支持力度
对经我省人才认定部门认定的高层次人才（A、B、C、D、E类人才），其住房公积金最高贷款额度在基准额度基础上上浮20%。
三、调整二套房“存贷挂钩”机制
将二套房“存贷挂钩”贷款额度计算公式中缴存余额倍数由10倍提高至12倍。
四、借款人最终可贷金额在最高贷款额度限额内，根据借款人还贷能力、负债情况、贷款期限及房屋价值等因素综合核定。
本通知自印发之日起实施，已受理的住房公积金贷款申请，仍按原政策规定执行。
"""

_DRAFT_WITH_SUBITEMS = """贵阳市住房公积金管理中心关于征求《贵阳市住房公积金个人住房贷款管理办法（征求意见稿）》意见的公告
为进一步规范住房公积金个人住房贷款管理，我中心起草了《贵阳市住房公积金个人住房贷款管理办法（征求意见稿）》，现向社会公开征求意见。
贵阳市住房公积金管理中心
2024年3月14日
贵阳市住房公积金个人住房贷款管理办法（征求意见稿）
一、贷款条件
缴存人申请住房公积金个人住房贷款应同时具备以下条件：
（一）申请贷款时住房公积金账户应处于正常缴存状态。
（二）具有完全民事行为能力，年龄在18周岁以上。
（三）具备偿还贷款本息能力。
二、住房公积金贷款次数认定标准及执行利率
（一）首次住房公积金贷款。缴存人家庭未使用过住房公积金贷款的。
（二）第二次住房公积金贷款。缴存人家庭已使用过一次住房公积金贷款的。
三、贷款额度
（一）不得高于借款申请人扣除首期房款后的所需贷款金额。
"""


def test_measures_of_a_draft_printed_after_the_signature_come_from_its_markers():
    rec = policyparse.parse_text(_DRAFT_AFTER_SIGNATURE)
    assert _ids(rec) == ["1", "2", "3", "4"]
    assert rec.measures[0].heading == "提高购买自住住房最高贷款基准额度"
    assert any(w.startswith("measures from markers") for w in rec.warnings)
    rec = policyparse.parse_text(_DRAFT_WITH_SUBITEMS)
    assert _ids(rec) == ["1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3", "3.1"]
    assert any(w.startswith("measures from markers") for w in rec.warnings)


def test_no_fallback_without_a_run_of_markers():
    # two numbered lines after a signature are no numbered structure: no tree, no warning
    text = _DRAFT_AFTER_SIGNATURE.split("三、调整")[0]
    rec = policyparse.parse_text(text)
    assert not any(w.startswith("measures from markers") for w in rec.warnings)


def test_the_last_measure_ends_where_the_notice_does_not_in_the_page_footer(devset2):
    # 西宁's page follows the last measure with its link lists (中央政府和国家部委网站 …):
    # the layout zones them CHROME, and the measure's span stops before them
    rec = policyparse.parse(devset2 / "e2_18_xining_housing_measures.html")
    last = max(rec.measures, key=lambda m: m.span[1])
    assert rec.text[: last.span[1]].endswith("后期根据我市房地产市场情况动态调整。")
    assert "中央政府和国家部委网站" not in rec.text[last.span[0] : last.span[1]]
