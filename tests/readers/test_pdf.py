"""PDFs: the same record as the notice's text, pages on every item, scans through OCR."""

import datetime as dt
import sys

import pytest

import policyparse
from policyparse.evaluate import norm_text
from tests.conftest import CORPUS, SEEDS, scan_pages

GENERATED = CORPUS / "generated" / "pdf"


def _targets(rec):
    return sorted((t.value, t.unit, t.comparator, str(t.due), t.source) for t in rec.targets)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_generated_pdf_gives_the_record_of_its_text(seed):
    text = policyparse.parse(seed)
    pdf = policyparse.parse(GENERATED / f"{seed.stem}.pdf")
    assert pdf.error is None and pdf.source.format == "pdf" and pdf.source.pages >= 5
    assert norm_text(pdf.title) == norm_text(text.title)
    assert (pdf.doc_number, pdf.issue_date, pdf.doc_type) == (text.doc_number, text.issue_date, text.doc_type)
    assert pdf.issuers == text.issuers and pdf.recipients == text.recipients
    assert [(m.id, m.heading) for m in pdf.measures] == [(m.id, m.heading) for m in text.measures]
    assert _targets(pdf) == _targets(text)
    # the footer's page numbers ("— 2 —") are not text
    assert "— 2 —" not in pdf.text and "— 3 —" not in pdf.text


def test_every_item_reports_its_page():
    rec = policyparse.parse(GENERATED / "003_40cebaec2b9d80e5.pdf")
    assert [p.number for p in rec.pages] == list(range(1, rec.source.pages + 1))
    for item in rec.measures + rec.targets + rec.deadlines + rec.departments + rec.references:
        assert item.page is not None and rec.page_of(item) == item.page
    last_table_row = [t for t in rec.targets if t.source == "table"][-1]
    assert last_table_row.page == rec.source.pages  # the attachment's table ends on the last page
    assert rec.attachments[0].tables[0][-1] == ["苏宿工业园区", "55000", "3000", "200", "4500", "2687", "6"]


@pytest.mark.parametrize(
    "name, number, issuers, date",
    [
        ("notice_gov_01.pdf", "惠府〔2016〕57号", ["惠州市人民政府"], dt.date(2016, 4, 26)),
        ("notice_gov_02.pdf", "京兴政发〔2015〕6号", ["北京市大兴区人民政府"], dt.date(2015, 4, 1)),
        ("notice_gov_03.pdf", "东府〔2015〕111号", ["东莞市人民政府"], dt.date(2015, 12, 18)),
        ("notice_gov_04.pdf", "津招委高发〔2016〕8号", ["天津市招生委员会"], dt.date(2016, 4, 13)),
        ("notice_gov_05.pdf", None, ["海南省农业农村厅", "海南省财政厅"], dt.date(2024, 7, 1)),
    ],
)
def test_real_text_layer_notices(real_fixtures, name, number, issuers, date):
    rec = policyparse.parse(real_fixtures / name)
    assert rec.error is None
    assert (rec.doc_number.raw if rec.doc_number else None) == number
    assert [i.name for i in rec.issuers] == issuers
    assert rec.issue_date == date


def test_banner_title_and_version_block(real_fixtures):
    rec = policyparse.parse(real_fixtures / "notice_gov_01.pdf")
    assert rec.title == "关于调整惠州市社会基本医疗保险有关政策的通知"  # over two lines in large print
    assert "惠州军分区" in rec.copy_to and rec.printed_by == "惠州市人民政府办公室"
    assert rec.printed_date == dt.date(2016, 4, 26)
    assert "抄送" not in " ".join(m.text for m in rec.measures)


def test_ruled_tables_are_read(real_fixtures):
    rec = policyparse.parse(real_fixtures / "gov_report_07.pdf")
    rows = [ln for ln in rec.text.split("\n") if "\t" in ln]
    assert "行政处罚\t4119" in rows and "行政事业性收费\t7730.28" in rows


def test_scan_without_ocr_is_a_clear_error(real_fixtures, monkeypatch):
    from policyparse.readers import pdf

    monkeypatch.setattr(pdf, "_OCR_ENGINE", None)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # as if the extra were not installed
    rec = policyparse.parse(real_fixtures / "scan_gov_03.pdf")
    assert rec.error.type == "MissingDependency"
    assert "policyparse[ocr]" in rec.error.message


@pytest.mark.ocr
def test_scanned_pdf_is_read_by_ocr(real_fixtures):
    pytest.importorskip("rapidocr_onnxruntime")
    rec = policyparse.parse(real_fixtures / "scan_gov_02.pdf")  # stored landscape, /Rotate 270
    assert rec.error is None
    assert rec.doc_number.raw == "东社保〔2016〕21号"
    assert [i.name for i in rec.issuers] == ["东莞市社会保障局"]
    assert [m.heading for m in rec.measures][:3] == ["参保条件", "参保方式和缴费标准", "待遇标准"]
    assert any("OCR" in w for w in rec.warnings)


@pytest.fixture(scope="module")
def first_scan_page(scan_page):
    """The first page of scan_gov_03.pdf, read once by OCR (issue 18.14: all 8 pages took 41 s)."""
    pytest.importorskip("rapidocr_onnxruntime")
    return policyparse.parse(scan_page)


@pytest.mark.ocr
def test_watermark_only_text_layer_is_not_a_text_layer(first_scan_page):
    rec = first_scan_page
    assert any("watermark" in w and "扫描全能王" in w for w in rec.warnings)
    assert rec.title.startswith("农业农村部办公厅关于加力推进农机购置与应用补贴")


def test_a_watermark_with_no_image_under_it_is_no_text_layer(real_fixtures, tmp_path):
    # issue 18.5: the watermark was taken for the document's text, and parsed with no warning
    rec = policyparse.parse(scan_pages(real_fixtures, tmp_path / "stamp.pdf", pages=2, images=False))
    assert rec.error.type == "NoTextLayer"
    assert rec.error.message == ("the only text on every page is '扫描全能王创建' (a scanner app's watermark), "
                                 "and the pages hold no image to read")
