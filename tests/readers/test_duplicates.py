"""A page that carries the notice twice keeps one copy, with a warning."""

import re

import policyparse
from policyparse.document import Line
from policyparse.readers.duplicates import drop_second_rendering


def _doubled(page: bytes) -> bytes:
    """The page with its body printed again in a hidden print copy, as some portals do."""
    html = page.decode("latin-1")  # byte for byte, whatever the page's charset
    body = re.search(r"<body[^>]*>(.*)</body>", html, re.S).group(1)
    return html.replace("</body>", f'<div class="print-copy" style="display:none">{body}</div></body>').encode("latin-1")


def test_a_hidden_print_copy_is_dropped(devset2):
    page = (devset2 / "e2_31_gaoyang_realestate_opinions.html").read_bytes()
    once = policyparse.parse_bytes(page, name="e2_31.html")
    twice = policyparse.parse_bytes(_doubled(page), name="e2_31.html")
    assert twice.text == once.text
    assert [m.id for m in twice.measures] == [m.id for m in once.measures]
    assert any("carries the notice twice" in w for w in twice.warnings)
    assert not any("carries the notice twice" in w for w in once.warnings)


def test_a_list_item_repeated_for_each_grade_is_not_a_second_rendering():
    """A regulation prints the same conditions under 一级 and 二级: that is the text."""
    grade = [Line("（9）有固定的经营服务场所；"),
             Line("（10）估价质量管理、估价档案管理、财务管理等各项企业内部管理制度健全，建立并公示企业信用档案；"),
             Line("（11）随机抽查的1份房地产估价报告符合《房地产估价规范》的要求。")]
    rest = [Line("第十条 各资质等级房地产估价机构的条件如下：" + "申请核定资质等级的房地产估价机构应当提交下列材料。" * 8)] * 1
    lines = rest + [Line("（一）一级资质")] + grade + [Line("（二）二级资质")] + grade + [
        Line("第十一条 " + "房地产估价机构的资质等级由省、自治区人民政府住房城乡建设主管部门核定。" * 6)]
    kept, warnings = drop_second_rendering(lines)
    assert kept == lines and warnings == []
