"""Layout zones on real notices of several genres: every line in one zone, read by every extractor."""

from __future__ import annotations

from policyparse.layout import ITEM_ZONES, Zone, segment
from policyparse.normalize import normalize
from policyparse.readers import read
from tests.conftest import CORPUS


def _layout(path):
    doc = normalize(read(path))
    return doc, segment(doc)


def _texts(doc, layout, zone):
    return [doc.line_text(i) for i in layout.lines(zone)]


def test_an_order_that_promulgates_measures_printed_as_articles(devset):
    # 环境保护部令 第35号: a 令 with its 办法 after the date, organized as 第X条
    doc, layout = _layout(devset / "d04_mep_public_participation_measures.htm")
    assert _texts(doc, layout, Zone.BANNER) == ["环境保护部令"]
    assert _texts(doc, layout, Zone.DOC_NUMBER) == ["部令 第35号"]
    assert _texts(doc, layout, Zone.SIGNATURE) == ["2015年7月13日"]
    assert _texts(doc, layout, Zone.ENCLOSED_TITLE) == ["环境保护公众参与办法"]
    enclosed = _texts(doc, layout, Zone.ENCLOSED)
    assert enclosed[0].startswith("第一条为保障公民、法人和其他组织获取环境信息")
    assert layout.order and layout.enclosed_start == layout.lines(Zone.ENCLOSED)[0]


def test_a_web_page_with_its_head_signature_attachment_and_record(devset):
    doc, layout = _layout(devset / "d11_chongqing_hukou_reform_implementing_opinions.html")
    assert doc.meta["文号"] == "渝府发 〔2015〕 54号"  # the page's own metadata, beside the body
    assert _texts(doc, layout, Zone.DOC_NUMBER) == ["渝府发〔2015〕54号"]
    assert "".join(_texts(doc, layout, Zone.TITLE)) == "重庆市人民政府关于进一步推进户籍制度改革的实施意见"
    assert _texts(doc, layout, Zone.RECIPIENTS) == ["各区县（自治县）人民政府，市政府各部门，有关单位："]
    assert _texts(doc, layout, Zone.ATTACHMENT_NOTE) == ["附件：进一步推进户籍制度改革工作重点任务分工"]
    assert _texts(doc, layout, Zone.SIGNATURE) == ["重庆市人民政府", "2015年8月25日"]
    assert _texts(doc, layout, Zone.NOTE) == ["（此件公开发布）"]
    record = _texts(doc, layout, Zone.RECORD)
    assert record[0].startswith("抄送：市委有关部门") and record[1].endswith("2015年8月27日印发")
    # items come from the body and the 附件, never from the title, signature or 版记
    items = set(layout.item_lines())
    assert not items & set(layout.lines(Zone.TITLE, Zone.SIGNATURE, Zone.RECORD, Zone.RECIPIENTS))
    assert set(layout.lines(Zone.ATTACHMENT)) - layout.table_lines <= items
    assert not set(layout.item_lines(attachments=False)) & set(layout.lines(Zone.ATTACHMENT))


def test_a_task_table_gives_cells_with_offsets_and_columns(devset):
    doc, layout = _layout(devset / "d11_chongqing_hukou_reform_implementing_opinions.html")
    (table,) = layout.tables
    assert [c.text for c in table.header] == ["重点任务", "牵头单位", "配合单位", "完成 时限"]
    assert layout.zone(table.lines[0]) is Zone.ATTACHMENT
    for row in [table.header] + table.rows:
        for cell in row:
            assert doc.text[cell.start:cell.end] == cell.text
    # a row with merged cells on its left is aligned from the right: the last cell is the 时限
    row = next(r for r in table.rows if len(r) > table.width)
    assert [c.column for c in row[-3:]] == [1, 2, 3]
    assert row[-3].text.startswith("市发展改革委") and row[-2].text.startswith("市人力社保局")
    assert row[-1].text == "2015年"
    # a section row across the table sits under the first column
    assert [(c.text, c.column) for c in table.rows[0]] == [("一、完善分区落户条件", 0)]


def test_a_printed_notice_that_encloses_its_rules(real_fixtures):
    doc, layout = _layout(real_fixtures / "notice_gov_04.pdf")
    assert _texts(doc, layout, Zone.BANNER) == ["天津市招生委员会文件"]
    assert _texts(doc, layout, Zone.DOC_NUMBER) == ["津招委高发〔2016〕8号"]
    assert "".join(_texts(doc, layout, Zone.TITLE)) == "市招委关于印发《2016年天津市普通高等学校招生考试工作规定》的通知"
    assert _texts(doc, layout, Zone.RECIPIENTS) == ["各普通高等学校、区县招生委员会、各有关单位："]
    assert _texts(doc, layout, Zone.SIGNATURE) == ["2016年4月13日"]
    assert _texts(doc, layout, Zone.NOTE) == ["（此件主动公开）"]
    assert layout.lines(Zone.ENCLOSED) and all(doc.lines[i].page for i in layout.lines(Zone.ENCLOSED))
    assert doc.lines[layout.lines(Zone.TITLE)[0]].page == 1


def test_items_never_come_from_the_head_signature_or_record_when_the_head_is_known(devset):
    for path in sorted(devset.glob("d*")):
        doc, layout = _layout(path)
        items = set(layout.item_lines())
        for i in items:
            assert i not in layout.table_lines, path.name
        never = set(layout.lines(Zone.TITLE, Zone.SIGNATURE, Zone.RECORD, Zone.RECIPIENTS, Zone.DOC_NUMBER, Zone.BANNER))
        assert not items & never, path.name
        if layout.title_lines or layout.recipients_line is not None:
            assert not items & set(layout.lines(Zone.HEAD)), path.name


def test_the_footer_after_the_notices_last_sentence_is_chrome(devset2):
    """长春 and 西宁 follow the notice with their menus and link lists: no sentence, no
    item, no date in them, so they are the page's footer, not body to read items from."""
    doc, layout = _layout(devset2 / "e2_18_xining_housing_measures.html")
    chrome = _texts(doc, layout, Zone.CHROME)
    assert chrome[:3] == ["中央政府和国家部委网站", "全国各省区", "省内各市州"]
    assert doc.line_text(layout.lines(Zone.CHROME)[0] - 1).endswith("后期根据我市房地产市场情况动态调整。")
    doc, layout = _layout(devset2 / "e2_17_changchun_housing_demand_opinions.html")
    assert "政务" in _texts(doc, layout, Zone.CHROME)
    assert _texts(doc, layout, Zone.SIGNATURE)[-1] == "2015年6月4日"
    assert not set(layout.lines(Zone.CHROME)) & set(layout.item_lines())


# Bulk audit (issue 16), mcn_fc3531446bd74bfc.docx of ../shared/bulk: a 印发 notice whose
# 附件说明 lists six numbered attachments, then the enclosed 实施意见 as 附件1 with its title
# on two lines. The note's 1. 2. 3. were counted as the wrapper's own measures, so the
# enclosed document was not looked for, and its first title line alone is also in the wrapper.
_ENCLOSED_AFTER_NUMBERED_NOTE = """关于印发《新都区2016年进城务工人员随迁子女接受义务教育工作实施意见》的通知
各镇（街）、学校：
经区政府同意，现将《新都区2016年进城务工人员随迁子女接受义务教育工作实施意见》印发你们，请遵照执行。
附件：1.新都区2016年进城务工人员随迁子女接受义务教育工作的实施意见
2.新都区进城务工人员随迁子女就学申请表
3.新都区进城务工人员随迁子女接受义务教育通知书
成都市新都区教育局
2015年11月15日
附件1：
新都区2016年进城务工人员随迁子女接受
义务教育工作的实施意见
为切实做好我区2016年进城务工人员随迁子女接受义务教育工作，制定本实施意见。
一、基本原则
坚持“政府负责、齐抓共管、公办为主、依法规范”的原则。
二、适用对象
进城务工人员随迁子女（含被监护人，下同）申请在我区接受义务教育。
三、工作职责
（一）各镇（街道）人民政府职责：
"""


def test_a_numbered_attachment_note_does_not_hide_the_enclosed_document():
    from policyparse.document import Line, RawDocument

    raw = RawDocument(lines=[Line(s) for s in _ENCLOSED_AFTER_NUMBERED_NOTE.splitlines()], format="txt")
    doc = normalize(raw)
    layout = segment(doc)
    assert _texts(doc, layout, Zone.ENCLOSED_TITLE) == ["新都区2016年进城务工人员随迁子女接受", "义务教育工作的实施意见"]
    enclosed = _texts(doc, layout, Zone.ENCLOSED)
    assert enclosed[1] == "一、基本原则" and enclosed[-1] == "（一）各镇（街道）人民政府职责："


def test_a_metadata_row_printed_as_a_line_gives_the_doc_number_line():
    # www.gov.cn's metadata panel in the printout of e2_02: the 文号 shares its line with
    # another labelled value, and it is the notice's 文号 (the gold's), not one cited in text
    doc, layout = _layout(CORPUS / "devset2" / "printed" / "e2_02_mnr_office_land_disclosure_letter.pdf")
    assert doc.line_text(layout.doc_number_line) == "发文字号 自然资办函〔2021〕1432号 发布机构 自然资源部办公厅"
