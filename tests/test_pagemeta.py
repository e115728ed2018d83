"""Page metadata: rows of label and value cells are evidence, not notice text."""

import policyparse
from policyparse.normalize import normalize
from policyparse.pagemeta import label_of, row_pairs
from policyparse.readers import read


def test_a_label_is_read_whatever_its_spacing():
    assert label_of("标　　题：") == "标题"
    assert label_of("文　　号") == "文号"
    assert label_of("国函〔2018〕159号") is None


def test_a_row_of_labels_and_values_gives_its_pairs():
    assert row_pairs(["索 引 号：", "000014349/2018-00224", "主题分类：", "城乡建设、环境保护\\城市规划"]) == [
        ("索引号", "000014349/2018-00224"), ("主题分类", "城乡建设、环境保护\\城市规划")]
    # an empty value cell is an empty value
    assert row_pairs(["主 题 词：", "", "", ""]) == [("主题词", "")]
    # a task table is not metadata
    assert row_pairs(["序号", "重点任务", "责任单位"]) is None


def test_an_empty_label_does_not_swallow_the_first_line_of_the_title(devset2):
    """gov.cn prints the title as two centred paragraphs under a metadata table whose
    主题词 is empty: the first paragraph stays in the text and the title is whole."""
    for name, title in [
        ("e2_04_stc_xiongan_master_plan_reply.html", "国务院关于河北雄安新区总体规划（2018—2035年）的批复"),
        ("e2_05_gov_office_incentive_measures_notice.html", "国务院办公厅关于对真抓实干成效明显地方进一步加大激励支持力度的通知"),
    ]:
        doc = normalize(read(devset2 / name))
        assert "主题词" not in doc.meta
        assert doc.meta["标题"] == title
        record = policyparse.parse(devset2 / name)
        assert record.title == title
        assert record.text.replace("\n", "").startswith(title)


def test_a_metadata_table_without_colons_goes_to_meta(devset2):
    """安化县's table prints 文号 | 安政办发〔2022〕20号 without a colon."""
    doc = normalize(read(devset2 / "e2_30_anhua_realestate_measures.html"))
    assert doc.meta["文号"] == "安政办发〔2022〕20号"
    assert doc.meta["索引号"] == "50000007/2022-1663341"
    assert "失效日期" not in doc.text
