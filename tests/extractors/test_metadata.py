"""Metadata fields on real lines from the seeds and the devset."""

import datetime as dt

import pytest

import policyparse
from policyparse.lang.docnumber import parse_doc_number
from policyparse.extractors.metadata import clean_title, doc_type_of, issuer_for_agency, split_outside_brackets
from tests.conftest import CORPUS, SEED_000, SEED_001, SEED_002, SEED_003, SEED_004


@pytest.mark.parametrize(
    "printed, raw, agency, year, serial",
    [
        ("苏人社发〔2024〕45号", "苏人社发〔2024〕45号", "苏人社发", 2024, 45),
        ("教基一厅[2016]1号", "教基一厅〔2016〕1号", "教基一厅", 2016, 1),
        ("京政发[2016]47号", "京政发〔2016〕47号", "京政发", 2016, 47),
        ("惠府（2016）57 号", "惠府〔2016〕57号", "惠府", 2016, 57),
        ("津招委高发【2016】8号", "津招委高发〔2016〕8号", "津招委高发", 2016, 8),
        ("高 教〔2016〕55号", "高教〔2016〕55号", "高教", 2016, 55),
        ("按照《通知》（人社部发〔2024〕39号）要求", "人社部发〔2024〕39号", "人社部发", 2024, 39),
    ],
)
def test_doc_number_variants(printed, raw, agency, year, serial):
    dn = parse_doc_number(printed)
    assert (dn.raw, dn.agency, dn.year, dn.serial) == (raw, agency, year, serial)


def test_unfilled_template_number_is_not_a_number():
    assert parse_doc_number("东府〔FlFileYear〕FlFileSerial号") is None
    rec = policyparse.parse_text("东莞市人民政府文件\n东府〔FlFileYear〕FlFileSerial号\nFlSubject\n各镇人民政府：\n一、总则")
    assert rec.doc_number is None
    assert any("template" in w for w in rec.warnings)


def test_seed_000_head_and_signature():
    rec = policyparse.parse(SEED_000)
    assert rec.doc_number.raw == "苏人社发〔2024〕45号"
    assert rec.title == "省人力资源社会保障厅 省工业和信息化厅 关于实施先进制造业促就业行动的通知"
    assert rec.doc_type == "通知"
    assert [i.name for i in rec.issuers] == ["江苏省人力资源和社会保障厅", "江苏省工业和信息化厅"]
    assert rec.recipients == ["各设区市人力资源社会保障局", "工业和信息化局"]
    assert rec.issue_date == dt.date(2024, 12, 18)
    assert rec.disclosure == "此件公开发布"
    assert rec.contact == "省人力资源社会保障厅就业促进处"


def test_seed_001_title_joined_across_lines_and_issuers_from_title():
    rec = policyparse.parse(SEED_001)
    assert rec.title == "山东省人力资源和社会保障厅 山东省工业和信息化厅关于开展山东省先进制造业就业支撑行动的通知"
    assert [i.name for i in rec.issuers] == ["山东省人力资源和社会保障厅", "山东省工业和信息化厅"]
    assert rec.doc_number is None  # 人社部发〔2024〕39号 is cited, not its own
    assert rec.issue_date is None
    assert rec.disclosure == "此件主动公开"


def test_seed_002_web_page_title_and_references():
    rec = policyparse.parse(SEED_002)
    assert rec.title == "江苏省人力资源社会保障厅 省工业和信息化厅 关于实施江苏省专精特新企业就业创业扬帆计划的通知"
    assert rec.doc_number.raw == "苏人社发〔2023〕63号"
    assert rec.issue_date == dt.date(2023, 12, 1)
    assert rec.publish_date == dt.date(2023, 12, 12)
    assert "昆山市" in rec.recipients and "沭阳县人力资源和社会保障局" in rec.recipients
    assert [(r.doc_number) for r in rec.references] == ["人社部发〔2023〕47号", "苏工信规〔2023〕2号"]
    assert rec.references[1].title == "江苏省优质中小企业梯度培育管理实施细则（暂行）"


def test_seed_003_references_exclude_the_attachment():
    rec = policyparse.parse(SEED_003)
    assert rec.doc_number.raw == "宿人社发〔2021〕20号"
    assert [i.name for i in rec.issuers] == ["宿迁市人力资源和社会保障局"]
    assert {r.doc_number or r.title for r in rec.references} == {"宿发〔2021〕9号", "关于加强职业教育服务产业发展的十条措施"}
    assert rec.attachments[0].title == "助力全市建设长三角先进制造业基地三年行动计划实施方案重点任务清单"


def test_seed_004_printed_notice_signature_and_enclosed_title():
    rec = policyparse.parse(SEED_004)
    assert rec.title == "市政府办公室印发《关于进一步推进就业创业工作高质量发展的实施意见》的通知"
    assert [i.name for i in rec.issuers] == ["常州市人民政府办公室"]
    assert rec.issue_date == dt.date(2024, 6, 21)
    assert rec.publish_date == dt.date(2024, 6, 28)
    assert rec.recipients == ["各辖市", "区人民政府", "常州经开区管委会", "市各有关部门和单位"]
    # the enclosed 实施意见 is not a reference; the 条例 it cites is
    assert [r.title for r in rec.references] == ["江苏省就业促进条例"]


def test_chinese_numeral_issue_date_and_agency_issuer(devset):
    rec = policyparse.parse(devset / "d05_mep_eia_disclosure_reply_letter.htm")
    assert rec.issue_date == dt.date(2008, 1, 30)  # 二〇〇八年一月三十日
    assert rec.doc_number.raw == "环函〔2008〕50号"  # not the cited 沪环保管〔2007〕397号
    assert rec.recipients == ["上海市环境保护局"]
    assert [i.name for i in rec.issuers] == ["环境保护部"]  # from the agency code 环函


def test_many_signers_on_separate_lines(devset):
    rec = policyparse.parse(devset / "d06_cac_satellite_direct_connect_rules.md")
    assert rec.title == "关于印发《终端设备直连卫星服务管理规定》的通知"
    assert len(rec.issuers) == 7 and rec.issuers[-1].name == "国家广播电视总局"
    assert rec.doc_number.raw == "国信办发文〔2025〕1号"


def test_title_over_three_lines_and_half_width_number(devset):
    rec = policyparse.parse(devset / "d09_beijing_13th_fyp_public_services_plan.html")
    assert rec.title == "北京市人民政府关于印发《北京市“十三五”时期社会基本公共服务发展规划》的通知"
    assert rec.doc_number.raw == "京政发〔2016〕47号"
    assert rec.issue_date == dt.date(2016, 10, 14)


def test_doc_types_and_titles():
    assert doc_type_of("广东省人民政府关于加快推进城市基础设施建设的实施意见") == "实施意见"
    assert doc_type_of("深圳市公共租赁住房和廉租住房并轨运行实施办法") == "办法"
    assert doc_type_of("关于公众申请公开建设项目环评文件有关问题的复函") == "函"
    assert doc_type_of("上海市促进商业航天发展打造空间信息产业高地行动计划（2023—2025年）") == "行动计划"
    assert clean_title("《环境保护公众参与办法》") == "环境保护公众参与办法"


def test_recipients_split_outside_brackets():
    assert split_outside_brackets("各省、自治区、直辖市工业和信息化主管部门，经信委（工信委、工信厅）") == [
        "各省", "自治区", "直辖市工业和信息化主管部门", "经信委（工信委、工信厅）"]


def test_agency_code_lexicon():
    assert issuer_for_agency("苏人社发") == "江苏省人力资源和社会保障厅"
    assert issuer_for_agency("苏人社规") == "江苏省人力资源和社会保障厅"
    assert issuer_for_agency("未知代字") is None


# --- titles polluted by the page (issue 16, class 2) -------------------------------------


def test_a_portal_status_or_tag_in_brackets_is_not_part_of_the_title():
    from policyparse.extractors.metadata import clean_title

    # 大连's page prints the status before the title; 武汉's its column and the 文号
    assert clean_title("[已废止]大连市人民政府办公室关于进一步加强房地产市场调控和监管工作的通知") == (
        "大连市人民政府办公室关于进一步加强房地产市场调控和监管工作的通知")
    assert clean_title("【贷款】武公中规〔2026〕2号武汉住房公积金管理中心关于优化住房公积金使用政策的通知") == (
        "武汉住房公积金管理中心关于优化住房公积金使用政策的通知")


def test_a_page_number_or_roman_numeral_glued_before_the_title_goes():
    from policyparse.extractors.metadata import clean_title

    assert clean_title("22中共浙江省委办公厅 浙江省人民政府办公厅关于加强基层治理的通知") == (
        "中共浙江省委办公厅 浙江省人民政府办公厅关于加强基层治理的通知")
    assert clean_title("II浙江省人民政府关于印发浙江省促进就业实施方案的通知") == "浙江省人民政府关于印发浙江省促进就业实施方案的通知"
    # a year that begins the title stays
    assert clean_title("2024年全市就业工作要点") == "2024年全市就业工作要点"


def test_the_site_around_a_page_title_goes_but_a_year_range_stays():
    from policyparse.extractors.metadata import clean_title

    assert clean_title("长沙市政府门户网站-长沙市人民政府办公厅关于进一步加强房地产市场调控工作的通知") == (
        "长沙市人民政府办公厅关于进一步加强房地产市场调控工作的通知")
    assert clean_title("关于印发《北京市加快建设具有全球影响力的人工智能创新策源地实施方案（2023-2025年）》的通知") == (
        "关于印发《北京市加快建设具有全球影响力的人工智能创新策源地实施方案（2023-2025年）》的通知")


def test_polluted_titles_on_real_pages(devset2):
    import policyparse

    dalian = policyparse.parse(devset2 / "e2_16_dalian_realestate_regulation_notice.html")
    assert dalian.title == "大连市人民政府办公室关于进一步加强房地产市场调控和监管工作的通知"
    wuhan = policyparse.parse(devset2 / "e2_26_wuhan_hpf_use_notice.html")
    assert wuhan.title == "武汉住房公积金管理中心关于优化住房公积金使用政策的通知"
    assert wuhan.doc_number.raw == "武公中规〔2026〕2号"


# --- page metadata as evidence for the title (issue 16, class 5) ---------------------------


def test_the_organ_line_above_a_title_joins_it_when_the_page_says_so(devset2):
    """Three portals print the organ on its own line above ``关于…``; the page's own
    title (标题 or <title>) holds both, so the organ line is the title's beginning."""
    import policyparse

    for name, title in [
        ("e2_11_hainan_hpf_loan_notice.html", "海南省住房公积金管理局关于进一步优化调整住房公积金贷款政策的通知"),
        ("e2_23_changsha_realestate_control_notice.html", "长沙市人民政府办公厅关于进一步加强房地产市场调控工作的通知"),
        ("e2_31_gaoyang_realestate_opinions.html", "高阳县人民政府关于加强房地产市场管控的意见"),
    ]:
        assert policyparse.parse(devset2 / name).title == title


def test_a_joint_banner_is_not_glued_to_the_title(devset2):
    """重庆's eight organs stand above ``关于印发…``: the page title lists them all, the
    line above is only the last one, so the title stays as printed."""
    import policyparse

    record = policyparse.parse(devset2 / "e2_13_chongqing_ndrc_joint_measures.html")
    assert record.title == "关于印发《进一步清理消费领域限制性举措持续扩大消费若干措施》的通知"


def test_where_page_and_text_disagree_the_text_wins_with_a_warning():
    from policyparse.document import Line, RawDocument
    from policyparse.layout import segment
    from policyparse.normalize import normalize
    from policyparse.extractors.metadata import find_title
    from policyparse.schemas import PolicyRecord

    raw = RawDocument([Line("关于进一步优化调整住房公积金贷款政策的通知"), Line("各市县管理中心："),
                       Line("一、提高贷款额度。最高贷款额度调整为100万元。")], "html",
                      meta={"标题": "关于公开征求住房公积金贷款政策意见的公告"})
    doc = normalize(raw)
    record = PolicyRecord.model_construct(warnings=[])
    assert find_title(doc, segment(doc), record) == "关于进一步优化调整住房公积金贷款政策的通知"
    assert "the page's metadata gives the title" in record.warnings[0]


def test_qualified_opinions_record_their_base_type_as_spec_says():
    from policyparse.extractors.metadata import doc_type_of

    assert doc_type_of("国务院办公厅关于推进养老服务发展的指导意见") == "意见"
    assert doc_type_of("长春市人民政府关于支持居民自住性和改善性住房需求促进房地产市场平稳健康发展的若干意见") == "意见"
    assert doc_type_of("北京市人民政府办公厅关于以冰雪运动高质量发展激发冰雪经济活力的实施意见") == "实施意见"


def test_the_pages_disclosure_is_read_when_the_text_prints_none(devset2):
    import policyparse
    from policyparse.document import Line, RawDocument
    from policyparse.layout import segment
    from policyparse.normalize import normalize
    from policyparse.extractors.metadata import find_disclosure

    # 常州 prints （此件公开发布） under the signature: the text wins over 公开方式 主动公开
    assert policyparse.parse(devset2 / "e2_24_changzhou_realestate_notice.html").disclosure == "此件公开发布"
    # 长沙's 公开方式 is a channel (政府网站), not a disclosure
    assert policyparse.parse(devset2 / "e2_23_changsha_realestate_control_notice.html").disclosure is None
    doc = normalize(RawDocument([Line("关于调整住房公积金贷款政策的通知"), Line("一、提高贷款额度。")], "html",
                                meta={"公开方式": "主动公开"}))
    assert find_disclosure(doc, segment(doc), None) == "主动公开"


def test_an_announcement_gives_its_series_number(devset2):
    import policyparse

    record = policyparse.parse(devset2 / "e2_03_mof_sta_housing_vat_announcement.html")
    assert record.title == "财政部 税务总局关于个人销售住房增值税政策的公告"
    assert record.doc_type == "公告"
    assert record.doc_number.raw == "财政部 税务总局公告2025年第17号"
    assert str(record.issue_date) == "2025-12-29"


def test_a_page_that_shows_only_the_enclosed_document_takes_the_notices_title(devset2):
    """西宁's page heads the 若干措施 with the notice that 印发s them and prints no
    wrapper text: per SPEC the record's title is the notice's, its 文种 通知."""
    import policyparse

    record = policyparse.parse(devset2 / "e2_18_xining_housing_measures.html")
    assert record.title == "关于印发《西宁市关于支持刚性和改善性住房需求的若干措施》的通知"
    assert record.doc_type == "通知"
    assert len(record.measures) == 15


def test_a_campaign_tag_before_the_title_is_not_an_enclosing_notice(devset2):
    import policyparse

    record = policyparse.parse(devset2 / "e2_10_anhui_consumption_measures.html")
    assert record.title == "关于印发进一步做好近期促进消费工作若干措施的通知"


def test_where_the_pages_date_differs_from_the_signature_the_signature_wins(devset2):
    """安化县's table gives 发文日期 2022-10-12 (the day it went online); the signature
    is dated 2022年9月27日."""
    import policyparse

    record = policyparse.parse(devset2 / "e2_30_anhua_realestate_measures.html")
    assert record.issue_date.isoformat() == "2022-09-27"
    assert "the page's metadata gives the 成文日期 2022-10-12; the signature's 2022-09-27 is used" in record.warnings


def test_where_the_pages_number_differs_from_the_texts_the_text_wins():
    from policyparse.document import Line, RawDocument
    from policyparse.layout import segment
    from policyparse.normalize import normalize
    from policyparse.extractors.metadata import find_doc_number
    from policyparse.schemas import PolicyRecord

    doc = normalize(RawDocument([Line("国函〔2018〕159号"), Line("国务院关于河北雄安新区总体规划（2018—2035年）的批复"),
                                 Line("河北省人民政府、国家发展改革委："), Line("一、原则同意《河北雄安新区总体规划（2018—2035年）》。")],
                                "html", meta={"发文字号": "国函〔2018〕158号"}))
    record = PolicyRecord.model_construct(warnings=[])
    assert find_doc_number(doc, segment(doc), record).raw == "国函〔2018〕159号"
    assert record.warnings == ["the page's metadata gives the 文号 '国函〔2018〕158号'; the text's '国函〔2018〕159号' is used"]


def test_a_joint_conference_signs_on_behalf_of_its_members(devset2):
    # e2_10 (安徽): 省完善促进消费体制机制厅际联席会议（代章） above the date; a 联席会议 is a body
    # that issues notices (data/organ_suffixes.txt), and （代章） is not part of its name
    for path in (devset2 / "e2_10_anhui_consumption_measures.html",
                 CORPUS / "devset2" / "printed" / "e2_10_anhui_consumption_measures.pdf"):
        assert [i.name for i in policyparse.parse(path).issuers] == ["省完善促进消费体制机制厅际联席会议"]
