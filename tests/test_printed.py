"""Issue 16, "a PDF equals its page": devset2's web pages printed to PDF by headless Chromium
(``scripts/print_devset2.py``, committed under ``corpus/devset2/printed``) give the page's record;
and the classes a printout meets, each on real lines of those printouts."""

from __future__ import annotations

import json

import pytest

from policyparse import parse
from policyparse.document import Line, RawDocument
from policyparse.layout import Zone, _chrome_lines, _one_title, _untitled_enclosure, segment
from policyparse.normalize import normalize
from policyparse.readers.pdf import PdfLine, PdfPage, _folio_lines, read_pdf
from tests.conftest import CORPUS, _shared

PRINTED = CORPUS / "devset2" / "printed"

# printouts whose record equals the page's on every field below (26 of the 33)
SAME_AS_PAGE = [
    "e2_01_mnr_cbirc_mortgage_transfer_notice",
    "e2_02_mnr_office_land_disclosure_letter",
    "e2_04_stc_xiongan_master_plan_reply",
    "e2_05_gov_office_incentive_measures_notice",
    "e2_06_beijing_ice_snow_economy_opinions",
    "e2_07_beijing_ai_innovation_plan",
    "e2_08_chongqing_consumption_measures",
    "e2_09_guangdong_consumption_measures",
    "e2_10_anhui_consumption_measures",
    "e2_11_hainan_hpf_loan_notice",
    "e2_13_chongqing_ndrc_joint_measures",
    "e2_14_beijing_samr_business_env_plan",
    "e2_15_shenyang_housing_safety_plan",
    "e2_16_dalian_realestate_regulation_notice",
    "e2_17_changchun_housing_demand_opinions",
    "e2_19_anyang_realestate_opinions",
    "e2_20_dehong_realestate_measures",
    "e2_21_baiyin_one_city_one_policy_plan",
    "e2_23_changsha_realestate_control_notice",
    "e2_25_fuzhou_realestate_opinions",
    "e2_26_wuhan_hpf_use_notice",
    "e2_27_dongguan_drc_q1_measures",
    "e2_29_bazhong_enyang_growth_measures",
    "e2_31_gaoyang_realestate_opinions",
    "e2_32_cixi_rental_subsidy_rules",
    "e2_33_beijing_xicheng_enrolment_opinions",
]


def _key(rec):
    return {
        "title": rec.title,
        "issuers": [i.name for i in rec.issuers],
        "recipients": rec.recipients,
        "issue_date": rec.issue_date,
        "doc_number": rec.doc_number.raw if rec.doc_number else None,
        "measures": [m.id for m in rec.measures],
    }


def test_every_page_of_devset2_has_its_printout_and_its_gold():
    pdfs = sorted(PRINTED.glob("e2_*.pdf"))
    assert len(pdfs) == 33
    for pdf in pdfs:
        gold = json.loads((PRINTED / "gold" / f"{pdf.stem}.json").read_text(encoding="utf-8"))
        assert gold["source"]["path"] == pdf.name
        assert gold["title"] == json.loads((CORPUS / "devset2" / "gold" / f"{pdf.stem}.json").read_text(encoding="utf-8"))["title"]


@pytest.mark.parametrize("stem", SAME_AS_PAGE)
def test_a_printout_gives_the_record_of_its_page(stem):
    page = _shared("devset2") / f"{stem}.html"
    printed = _key(parse(PRINTED / f"{stem}.pdf"))
    assert printed == _key(parse(page))
    assert printed["measures"]  # not two empty records


@pytest.mark.parametrize("stem", ["e2_29_bazhong_enyang_growth_measures", "e2_06_beijing_ice_snow_economy_opinions"])
def test_a_printout_gives_the_gold_title_date_and_measure_ids(stem):
    gold = json.loads((PRINTED / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    rec = parse(PRINTED / f"{stem}.pdf")
    assert rec.title == gold["title"]
    assert str(rec.issue_date) == gold["issue_date"]
    assert [m.id for m in rec.measures] == [m["id"] for m in gold["measures"]]


# --- the classes, on real lines -------------------------------------------------------------


def test_a_tagged_page_heading_over_the_title_keeps_the_notices_title():
    # e2_10 printed: the page's heading (with its column tag) over the notice's own title
    lines = ["【稳经济大盘一揽子政策】关于印发进一步做好近", "期促进消费工作若干措施的通知",
             "关于印发进一步做好近期促进消费工作", "若干措施的通知"]
    assert _one_title(lines, [0, 1, 2, 3]) == [2, 3]


def test_a_wrapper_title_over_the_title_it_encloses_keeps_the_wrappers():
    # e2_18 printed: the 印发 notice's title, then the title of the 若干措施 it encloses
    lines = ["关于印发《西宁市关于支持刚性和改善性住房需求", "的若干措施》的通知", "西宁市关于支持刚性和改善性住房需求", "的若干措施"]
    assert _one_title(lines, [0, 1, 2, 3]) == [0, 1]
    assert _one_title(lines[:2], [0, 1]) == [0, 1]  # one title stays whole


def _segment(texts, headings=()):
    raw = RawDocument([Line(t, heading=i in headings) for i, t in enumerate(texts)], "pdf")
    doc = normalize(raw)
    return doc, segment(doc)


E2_29_HEAD = ["首页 >政务", "巴中市恩阳", "区人民政府", "关于印发", "《巴中市恩", "阳区进一步", "扎实稳住经", "济增长若干",
              "政策措施》", "的通知", "各镇（街道）、区级各部门、各直属机构，有关单位："]


def test_a_title_printed_in_a_narrow_column_is_read_whole():
    doc, layout = _segment(E2_29_HEAD + ["现将《巴中市恩阳区进一步扎实稳住经济增长若干政策措施》印发给你们，请结合实际，认真贯彻执行。"],
                           headings=range(1, 10))
    title = "".join(doc.line_text(i) for i in layout.title_lines)
    assert title == "巴中市恩阳区人民政府关于印发《巴中市恩阳区进一步扎实稳住经济增长若干政策措施》的通知"


def test_an_enclosed_document_whose_title_line_is_lost_starts_after_the_signature():
    # e2_29 printed: the enclosed 若干政策措施's title ran into its first paragraph
    body = [
        "现将《巴中市恩阳区进一步扎实稳住经济增长若干政策措施》印发给你们，请结合实际，认真贯彻执行。",
        "巴中市恩阳区人民政府",
        "2022年7月25日",
        "巴中市恩阳区进一步扎实稳住经济增长若干政策措施国家、省市稳住经济增长若干政策措施出台以来，我区积极贯彻落实，制定如下政策措施。",
        "一、稳住市场主体",
        "1.全面落实增值税留抵退税政策。全面落实扩大全额退还增值税留抵税额政策行业范围要求。",
        "2.落实中小微企业设备器具所得税税前扣除政策。中小微企业新购置的设备可一次性税前扣除。",
        "3.落实创业担保贷款及贴息政策。对符合条件的小微企业可给予创业担保贷款和贷款贴息。",
    ]
    doc, layout = _segment(E2_29_HEAD + body, headings=range(1, 10))
    first = len(E2_29_HEAD) + 3
    assert layout.enclosed_start == first
    assert layout.zone(first + 1) == Zone.ENCLOSED
    lines = [doc.line_text(i) for i in range(len(doc.lines))]
    assert _untitled_enclosure(lines, first, len(lines)) == first
    assert _untitled_enclosure(lines, first, first + 3) is None  # two markers are no structure


def test_a_pages_metadata_list_and_breadcrumb_inside_the_body_are_chrome():
    # e2_06 printed: the portal's metadata panel, numbered, lands inside the body
    lines = [
        "（一）广泛开展群众性冰雪运动。深入开展“北京市民快乐冰雪季”系列活动。",
        "政务公开 > 政策服务 > 政策专题 > 政策文件汇编 > 提振消费政策汇编 > 市级政策",
        "1. [主题分类]", "2. [发文机构]", "3. [联合发文单位]", "4. [实施日期]", "5. [成文日期] 2025-06-11",
        "6. [发文字号] 京政办发〔2025〕12号",
        "（二）推动青少年冰雪运动发展。指导有条件的中小学校将冰雪运动纳入体育与健康课程。",
        "1.全面落实增值税留抵退税政策。", "2.落实中小微企业设备器具所得税税前扣除政策。",
    ]
    assert _chrome_lines(lines, 0) == [1, 2, 3, 4, 5, 6, 7]


def _page(texts_tops):
    return PdfPage(1, 595.0, 842.0, [PdfLine(t, 80.0, 500.0, top, top - 15, 15.0) for t, top in texts_tops])


def test_page_numbers_alone_on_the_top_or_bottom_line_are_dropped():
    # notice_gov_03.pdf: "—4—" sits 107 pt above the page's foot, above the running-line band
    page = _page([("第八条 通过条件准入或企业自评人才入户方式提出入户", 157.0), ("—4—", 107.0)])
    assert _folio_lines(page) == {1}
    for folio in ["- 12 -", "第3页 共9页", "3/9", "II", "22"]:
        assert _folio_lines(_page([(folio, 800.0), ("正文第一行，不是页码。", 700.0)])) == {0}
    # a number inside the page, or a line of text at its foot, stays
    assert _folio_lines(_page([("标题", 800.0), ("3", 500.0), ("（此件公开发布）", 100.0)])) == set()


@pytest.mark.parametrize("stem, line", [
    ("e2_28_guangzhou_mortgage_transfer_notice", "广州市规划和自然资源局关于创新开展“一手房带押过户”的通告"),
    ("e2_32_cixi_rental_subsidy_rules", "BCXD16-2023-0002"),
])
def test_a_short_line_does_not_run_on_into_page_furniture_or_a_larger_heading(stem, line):
    # e2_28: the title, then a longer metadata line (来源：…发布时间…) of its size;
    # e2_32: a metadata value, then the next label printed larger (有效性：)
    raw = read_pdf((PRINTED / f"{stem}.pdf").read_bytes())
    found = [ln for ln in raw.lines if ln.text == line]
    assert found and not found[0].wraps
    doc = normalize(raw)
    assert line in [doc.line_text(i) for i in range(len(doc.lines))]


def test_the_date_closes_the_signature_and_a_date_cut_before_its_day_runs_on():
    # e2_26 printed: "2026年4月2日" was run on into "政策解读：" / "点击查看（文字）";
    # e2_30 printed: the date in a narrow column, "2022年9月" over "27日"
    for stem, date in [("e2_26_wuhan_hpf_use_notice", "2026-04-02"), ("e2_30_anhua_realestate_measures", "2022-09-27")]:
        raw = read_pdf((PRINTED / f"{stem}.pdf").read_bytes())
        assert not [ln for ln in raw.lines if ln.text == "2026年4月2日" and ln.wraps]
        assert str(parse(PRINTED / f"{stem}.pdf").issue_date) == date


def test_the_page_heading_printed_above_joins_the_organ_line_to_the_title():
    # e2_23 printed: no metadata panel, but the page's heading (organ + title) over the notice's
    # 长沙市人民政府办公厅 | 关于进一步加强房地产市场调控工作的通知 is the same evidence
    rec = parse(PRINTED / "e2_23_changsha_realestate_control_notice.pdf")
    assert rec.title == "长沙市人民政府办公厅关于进一步加强房地产市场调控工作的通知"


def test_a_title_never_runs_on_into_its_number():
    # e2_03 printed (国家税务总局): the 公告's number in smaller print right under its title
    rec = parse(PRINTED / "e2_03_mof_sta_housing_vat_announcement.pdf")
    assert rec.title == "财政部 税务总局关于个人销售住房增值税政策的公告"
    assert rec.doc_number.raw == "财政部 税务总局公告2025年第17号"
    # while a 文号 cut by the line's end still runs on (e2_23: 索引号 and 文号 in a narrow cell)
    assert parse(PRINTED / "e2_23_changsha_realestate_control_notice.pdf").doc_number.raw == "长政办函〔2018〕75号"
