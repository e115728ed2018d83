"""benchmarks/audit.py: the invariants of the bulk audit on real lines of ../shared/bulk files."""

import importlib.util

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("audit", ROOT / "benchmarks" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)


def test_a_run_of_markers_needs_one_style_numbered_in_order():
    # cre_56fb30886c570b14.html: the draft's items after the signature
    text = "一、提高购买自住住房最高贷款基准额度\n缴存职工家庭…\n二、加大人才住房公积金贷款支持力度\n三、调整二套房“存贷挂钩”机制"
    assert audit.marker_run(text) == "一、: 一、 二、 三、"
    assert audit.marker_run("一、总体要求\n（一）指导思想\n二、主要任务") is None
    # items of an attachment are not the document's measures (SPEC 2)
    assert audit.marker_run("附件\n一、主要职能\n二、组成人员\n三、工作规则") is None


def test_chrome_lines_and_the_docnumber_above_the_title():
    assert audit.chrome_lines("正文\n字号：大 中 小\n您当前的位置：首页 » 通知公告\n【打印本页】【关闭窗口】") == [
        "字号：大 中 小", "您当前的位置：首页 » 通知公告", "【打印本页】【关闭窗口】"]
    assert audit.chrome_lines("各区人民政府：\n一、加大人才住房公积金贷款支持力度") == []
    # cre_6607752fca94f3b3.html: the 文号 in the page's metadata, above the title
    text = "备注/文号：明政规〔2022〕6号\n三明市人民政府关于印发三明市住房公积金管理办法的通知\n各县（市、区）人民政府："
    assert audit.docnumber_above_title(text, "三明市人民政府关于印发三明市住房公积金管理办法的通知") == "备注/文号：明政规〔2022〕6号"
    assert audit.docnumber_above_title(text.split("\n", 1)[1], "三明市人民政府关于印发三明市住房公积金管理办法的通知") is None


def test_check_counts_only_unexpected_errors_as_parse_errors():
    assert audit.check({"error": {"type": "NoTextLayer", "message": ""}}) == {}
    assert "parse_error" in audit.check({"error": {"type": "ParseError", "message": "IndexError"}})
    assert "timeout_or_memory" in audit.check({"error": {"type": "Timeout", "message": ""}})
    rec = {"text": "关于X的通知\n" + "甲" * 60 + "\n" + "甲" * 60, "title": "关于X的通知", "issue_date": "2024-01-01",
           "measures": [], "doc_number": None}
    assert set(audit.check(rec)) == {"repeated_paragraph"}


def test_chrome_is_counted_as_read_only_inside_an_items_span():
    # cre_1970f401a1a59bf5.html (重庆市发展和改革委员会): the footer after the last measure
    text = "18.优化消费领域行政执法。（责任单位：市市场监管局等）\n返回顶部\n重庆市发展和改革委员会版权所有  重庆市发展和改革委员会主办"
    item_end = text.index("\n")
    rec = {"text": text, "title": None, "measures": [{"span": [0, item_end]}]}
    assert audit.chrome_read(rec) == []  # left in the text, read by nothing
    rec["measures"][0]["span"] = [0, len(text)]
    assert audit.chrome_read(rec) == ["重庆市发展和改革委员会版权所有  重庆市发展和改革委员会主办"]
