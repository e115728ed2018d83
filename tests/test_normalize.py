"""Normalization: one text that every span points into, faithful to the source's words."""

import regex as re

import policyparse
from policyparse.document import Line, RawDocument
from policyparse.normalize import clean_chars, is_chrome_line, is_page_number_line, normalize, squeeze_spaces
from tests.conftest import SEED_000, SEED_002, SEED_003


def _norm(lines):
    return normalize(RawDocument([Line(s) for s in lines], "txt"))


def test_word_broken_across_a_page_is_rejoined():
    # seed 000 breaks 工业和信息|化部门 across a page, with blank lines around the break
    rec = policyparse.parse(SEED_000)
    assert "各级人力资源社会保障、工业和信息化部门要加强信息衔接" in rec.text
    assert "参保先进制造业企业上年度未裁员或裁员率不高于上年度全国城镇调查失业率控制目标" in rec.text


def test_headings_are_not_glued_to_the_paragraph_below():
    doc = _norm(["（十）科学规范高效，稳定实施农机购置与应用补贴政策", "充分发挥政策实施的导向作用，突出补贴重点。"])
    assert doc.text.split("\n") == ["（十）科学规范高效，稳定实施农机购置与应用补贴政策", "充分发挥政策实施的导向作用，突出补贴重点。"]


def test_conversion_artifacts_and_page_numbers_go():
    doc = _norm(["[bookmark: OLE_LINK2]关于印发助力全市建设长三角先进制造业基地三年行动计划（2021-2023年）实施方案的通知",
                 "— 2 —", "- 1 -", "**积极协调有关部门，完善基础设施。**"])
    assert doc.text == "关于印发助力全市建设长三角先进制造业基地三年行动计划（2021-2023年）实施方案的通知\n积极协调有关部门，完善基础设施。"
    assert is_page_number_line("－ 8 －") and is_page_number_line("第 3 页 共 9 页")
    assert not is_page_number_line("2023年12月1日")


def test_spaces_inside_dates_numbers_and_doc_numbers():
    assert squeeze_spaces("2016 年 4 月 26 日") == "2016年4月26日"
    assert squeeze_spaces("惠府〔2016〕57 号") == "惠府〔2016〕57号"
    assert squeeze_spaces("中国人民银行关于加强支付受理终端及相关业务管理的通知（银发〔 2021〕259号）") == \
        "中国人民银行关于加强支付受理终端及相关业务管理的通知（银发〔2021〕259号）"


def test_widths_are_unified_for_matching():
    assert clean_chars("(二)实施重点企业用工保障,依托平台:") == "（二）实施重点企业用工保障，依托平台："
    assert clean_chars("２０２５年１０万人") == "2025年10万人"
    assert clean_chars("时间 14:37，共 1,000 人") == "时间 14:37，共 1,000 人"


def test_chrome_lines_of_the_seed_pages():
    for line in ("首页", "信息之窗", "点赞", "收藏", "转发", "【打印本页】 【关闭窗口】", "分享到：0"):
        assert is_chrome_line(line), line
    assert not is_chrome_line("二、重点任务")


def test_seed_002_page_metadata_and_chrome():
    rec = policyparse.parse(SEED_002)
    assert rec.publish_date.isoformat() == "2023-12-12"
    assert not rec.text.startswith("首页")
    assert "信息之窗" not in rec.text and "发布日期" not in rec.text


def test_every_span_reads_the_words_of_the_source():
    for path in (SEED_000, SEED_002, SEED_003):
        rec = policyparse.parse(path)
        source = re.sub(r"\s", "", path.read_text(encoding="utf-8"))
        source = clean_chars(source)
        for m in rec.measures:
            words = re.sub(r"\s", "", rec.span_text(m))
            first_line = words.split("\n")[0][:40]
            assert first_line in source, (path.name, m.id, first_line)
            assert rec.span_text(m).startswith(m.marker)
        for r in rec.references:
            assert rec.span_text(r) == r.text


def test_cell_per_line_table_becomes_rows():
    rec = policyparse.parse(SEED_003)
    table = rec.attachments[0].tables[0]
    assert table[0][:4] == ["指标名称", "企业推荐用工人数（人）", "引进各类人才数（人）", "就业见习人数（人）"]
    assert table[1] == ["全市", "200000", "60000", "9000", "100000", "60000", "90"]
    assert table[-1] == ["苏宿工业园区", "55000", "3000", "200", "4500", "2687", "6"]
    assert len(table) == 11


def test_a_pages_content_summary_is_metadata_however_long(devset2):
    """常州's page prints 内容概述：… (the notice's first sentence) above the notice; it is
    the page's summary, so the 主送 under the title is found."""
    import policyparse
    from policyparse.readers import read

    doc = normalize(read(devset2 / "e2_24_changzhou_realestate_notice.html"))
    assert doc.meta["内容概述"].startswith("为坚决贯彻落实党中央、国务院决策部署")
    assert not any(line.startswith("内容概述") for line in doc.text.split("\n"))
    record = policyparse.parse(devset2 / "e2_24_changzhou_realestate_notice.html")
    assert record.recipients == ["各辖市", "区人民政府", "常州经开区管委会", "市各委办局", "市各直属单位"]
