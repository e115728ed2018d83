"""The review site, read as HTML: marks per field, well-formed nesting, escaping, the index and its links.

The same site in a real browser: tests/test_report_browser.py.
"""

import json
from collections import Counter

import lxml.html
import pytest

from policyparse import api
from policyparse.cli import main
from policyparse.report import build_report, items_of, marked_html, marks_of
from policyparse.report.marks import SPAN_FIELDS, Mark
from tests.conftest import CORPUS, SEED_002, SEEDS


def _record(path):
    return json.loads(api.parse(path).model_dump_json())


def _marks(html_text):
    """(field, index) → the text of all pieces of that item's mark, and the count of first pieces."""
    root = lxml.html.fromstring(f"<div>{html_text}</div>")
    pieces: dict[tuple[str, int], str] = {}
    firsts = Counter()
    for m in root.iter("mark"):
        key = (m.get("data-f"), int(m.get("data-i")))
        pieces[key] = pieces.get(key, "") + m.text_content()
        if "cont" not in m.get("class").split():
            firsts[m.get("data-f")] += 1
    return pieces, firsts


def test_every_item_is_one_mark_over_its_own_words():
    rec = _record(SEED_002)  # 苏人社发〔2023〕63号, 专精特新企业扬帆计划
    items = items_of(rec)
    html = marked_html(rec["text"], marks_of(items, len(rec["text"])))
    pieces, firsts = _marks(html)
    for field in SPAN_FIELDS:
        assert firsts[field] == len(rec[field]), field
        for k, item in enumerate(rec[field]):
            assert pieces[(field, k)] == rec["text"][item["span"][0]:item["span"][1]]
    # the title, 文号 and 成文日期 are found in the text
    assert pieces[("title", 0)] == "江苏省人力资源社会保障厅 省工业和信息化厅 关于实施江苏省专精特新企业就业创业扬帆计划的通知"
    assert pieces[("doc_number", 0)] == "苏人社发〔2023〕63号"
    assert [(d["field"], pieces[("dates", k)]) for k, d in enumerate(items["dates"])] == [("issue_date", "2023年12月1日")]
    # three targets share one clause (占比达15%、10%、5%以上): three nested marks
    assert pieces[("targets", 1)] == pieces[("targets", 2)] == pieces[("targets", 3)]


def test_overlapping_spans_are_split_into_well_formed_marks():
    rec = _record(SEED_002)
    target = rec["targets"][0]  # 到2025年全省专精特新企业吸纳就业参保10万人以上, from 415
    assert rec["text"][target["span"][0]:target["span"][1]].startswith("到2025年全省")
    # a department mark that starts inside the target and ends after it
    odd = Mark("departments", 0, target["span"][1] - 4, target["span"][1] + 3)
    html = marked_html(rec["text"], [Mark("targets", 0, *target["span"]), odd])
    pieces, firsts = _marks(html)
    assert pieces[("departments", 0)] == rec["text"][odd.start:odd.end]
    assert firsts == Counter({"targets": 1, "departments": 1})
    assert html.count("<mark") == html.count("</mark>") == 3  # the department is closed and reopened


def test_every_value_is_escaped(tmp_path):
    rec = api.parse_text("关于<script>alert</script>的通知\n各设区市：\n一、<img src=x onerror=alert>要求\n"
                         "市人社局要牵头落实。")
    rec.title = '<b onmouseover="x">标题</b>'
    build_report([rec], tmp_path)
    page = next((tmp_path / "notices").glob("*.html")).read_text(encoding="utf-8")
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert&gt;" in page
    assert "<b onmouseover" not in page + index and "&lt;b onmouseover=&#34;x&#34;&gt;" in index
    data = lxml.html.fromstring(page).get_element_by_id("items").text
    assert "\\u003cimg src=x" in data
    assert "<" not in data and json.loads(data)["departments"][0]["name"] == "市人力资源社会保障局"


def test_report_of_the_corpus_folder(tmp_path, capsys):
    assert main(["report", str(CORPUS), "-o", str(tmp_path / "site"), "-q", "--workers", "1"]) == 0
    site = tmp_path / "site"
    pages = sorted((site / "notices").glob("*.html"))
    assert len(pages) == 53 and (site / "assets" / "report.js").exists()
    index = lxml.html.parse(str(site / "index.html")).getroot()
    rows = index.xpath("//table[@id='notices']/tbody/tr")
    assert len(rows) == 53
    first = rows[0].xpath("td")
    assert [c.text_content().strip() for c in first[2:6]] == [
        "通知", "苏人社发〔2024〕45号", "江苏省人力资源和社会保障厅、江苏省工业和信息化厅", "2024-12-18"]
    # nothing on any page is fetched from elsewhere
    for p in [site / "index.html", *pages]:
        doc = lxml.html.parse(str(p)).getroot()
        refs = [e.get("src") or e.get("href") for e in doc.iter("script", "link", "img")]
        assert all(r is None or r.startswith(("../assets/", "assets/", "data:")) for r in refs), p


def test_failed_files_are_rows_without_a_page(tmp_path, capsys):
    records = tmp_path / "r.jsonl"
    (tmp_path / "empty.txt").write_bytes(b"")
    main(["parse", str(SEEDS[0]), str(tmp_path / "empty.txt"), "-o", str(records), "-q"])
    assert main(["report", str(records), "-o", str(tmp_path / "site"), "-q"]) == 0
    rows = lxml.html.parse(str(tmp_path / "site" / "index.html")).getroot().xpath("//table[@id='notices']/tbody/tr")
    assert [r.get("data-state") for r in rows] == ["ok", "error"]
    assert rows[1].xpath("td[@class='error']")[0].text_content().startswith("EmptyFile:")
    assert len(list((tmp_path / "site" / "notices").glob("*.html"))) == 1
    (tmp_path / "notes.jsonl").write_text("not json\n", encoding="utf-8")
    assert main(["report", str(tmp_path / "notes.jsonl"), "-o", str(tmp_path / "x")]) == 2
    assert "line 1 is not a JSON record" in capsys.readouterr().err


def test_cites_and_cited_by_link_the_pages_and_the_graph_draws_them(devset, tmp_path):
    names = ["d03_moe_2016_compulsory_enrolment_notice.html", "d26_wuhan_school_enrolment_notice.docx",
             "d29_nanjing_gaochun_enrolment_plan.docx"]
    summary = build_report([api.parse(devset / n) for n in names], tmp_path)
    assert (summary.notices, summary.failed, summary.links) == (3, 0, 2)
    index = lxml.html.parse(str(summary.index)).getroot()
    rows = index.xpath("//table[@id='notices']/tbody/tr")
    cited_by = rows[0].xpath("td[@class='cited-by']/a/@href")
    assert cited_by == ["notices/0002-d26_wuhan_school_enrolment_notice.html",
                        "notices/0003-d29_nanjing_gaochun_enrolment_plan.html"]
    assert rows[1].xpath("td[@class='cites']/a/@href") == ["notices/0001-d03_moe_2016_compulsory_enrolment_notice.html"]
    graph = index.xpath("//svg[@class='graph']")[0]
    assert len(graph.xpath(".//circle")) == 3 and len(graph.xpath(".//line[@class='edge']")) == 2
    wuhan = lxml.html.parse(str(tmp_path / "notices" / "0002-d26_wuhan_school_enrolment_notice.html")).getroot()
    link = wuhan.xpath("//section[@id='references']//a[@class='cites']")[0]
    assert link.get("href") == "0001-d03_moe_2016_compulsory_enrolment_notice.html"
    assert link.text_content() == "教育部办公厅关于做好2016年城市义务教育招生入学工作的通知"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_notice_pages_have_a_timeline_row_per_dated_deadline_and_the_outline(seed, tmp_path):
    rec = _record(seed)
    build_report([rec], tmp_path)
    page = lxml.html.parse(str(next((tmp_path / "notices").glob("*.html")))).getroot()
    dated = [d for d in rec["deadlines"] if d["date"] or d["start"]]
    assert len(page.xpath("//svg[@class='timeline']/a[contains(@class, 'deadline')]")) == len(dated)
    assert len(page.xpath("//nav[@class='outline']//li")) == len(rec["measures"])
    assert len(page.xpath("//section[@id='deadlines']//tbody/tr")) == len(rec["deadlines"])
    leads = page.xpath("//section[@id='departments']//tbody/tr/td[2]/a/text()")
    assert Counter(leads) == Counter(d["name"] for d in rec["departments"] if d["role"] == "lead")


def test_the_look_stage_reads_records_only():
    # citations, calendar and report work from records: none of them reaches the readers, the
    # layout, the normalizer or the extractors
    from tests.test_architecture import _graph

    graph = _graph()
    looked = [n for n in graph if n.startswith(("policyparse.report", "policyparse.citations", "policyparse.calendar"))]
    assert "policyparse.report.marks" in looked
    for name in looked:
        assert not {d for d in graph[name] if d.startswith(("policyparse.readers", "policyparse.layout",
                                                            "policyparse.normalize", "policyparse.extractors",
                                                            "policyparse.api"))}, name
