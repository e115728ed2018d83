"""Word files: automatic numbering rendered, legacy .doc through LibreOffice, templates."""

import datetime as dt

import pytest

import policyparse
from policyparse.readers.legacy import soffice
from policyparse.readers.numbering import chinese_counting, format_number
from tests.conftest import CORPUS, SEEDS

GENERATED = CORPUS / "generated"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_automatic_numbering_gives_the_measures_of_the_text(seed):
    text = policyparse.parse(seed)
    numbered = policyparse.parse(GENERATED / "docx_numbered" / f"{seed.stem}.docx")
    assert numbered.error is None and numbered.source.format == "docx"
    assert [(m.id, m.heading) for m in numbered.measures] == [(m.id, m.heading) for m in text.measures]


def test_numbering_that_continues_across_parents_is_rendered():
    # seed 000: （四） under 二、 continues the （一）…（三） of 一、 (w:lvlRestart 0)
    rec = policyparse.parse(GENERATED / "docx_numbered" / "000_db58ebbd9e288b9a.docx")
    m = {x.id: x for x in rec.measures}
    assert m["2.4"].marker == "（四）" and m["2.4"].heading == "降低先进制造业企业用工成本"
    # seed 003: 1. restarts under each （一） (no w:lvlRestart)
    rec = policyparse.parse(GENERATED / "docx_numbered" / "003_40cebaec2b9d80e5.docx")
    assert [x.id for x in rec.measures][3:6] == ["3.1", "3.1.1", "3.1.2"]


def test_number_formats():
    assert [chinese_counting(n) for n in (1, 10, 15, 20, 31)] == ["一", "十", "十五", "二十", "三十一"]
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(4, "upperRoman") == "IV"


@pytest.mark.parametrize(
    "name, number, issuer, date",
    [
        ("notice_gov_01.docx", "渝教基发〔2016〕22号", "重庆市教育委员会", dt.date(2016, 4, 8)),
        ("notice_gov_02.docx", "通政办发〔2015〕11号", "北京市通州区人民政府办公室", dt.date(2015, 3, 31)),
        ("notice_gov_03.docx", "京教基二〔2016〕3号", "北京市教育委员会", dt.date(2016, 4, 14)),
        ("notice_gov_04.docx", "工信部联科〔2024〕12号", "工业和信息化部", dt.date(2024, 1, 18)),
    ],
)
def test_real_docx_notices(real_fixtures, name, number, issuer, date):
    rec = policyparse.parse(real_fixtures / name)
    assert rec.doc_number.raw == number
    assert rec.issuers[0].name == issuer
    assert rec.issue_date == date


def test_collector_header_and_url_are_not_the_notice(real_fixtures):
    rec = policyparse.parse(real_fixtures / "notice_gov_04.docx")
    assert rec.title == "工业和信息化部等七部门关于推动未来产业创新发展的实施意见"
    assert "**" not in rec.text and len(rec.issuers) == 7


@pytest.mark.parametrize(
    "name, number, issuers, date",
    [
        ("notice_gov_01.doc", "沪教委学〔2015〕62号", ["上海市教育委员会"], dt.date(2015, 11, 16)),
        ("notice_gov_02.doc", None, ["海南省农业农村厅", "海南省财政厅"], dt.date(2024, 7, 1)),
    ],
)
def test_legacy_doc_through_libreoffice(real_fixtures, name, number, issuers, date):
    rec = policyparse.parse(real_fixtures / name)
    if soffice() is None:
        assert rec.error.type == "MissingDependency" and "libreoffice" in rec.error.message.lower()
        return
    assert rec.error is None and rec.source.format == "doc"
    assert (rec.doc_number.raw if rec.doc_number else None) == number
    assert [i.name for i in rec.issuers] == issuers and rec.issue_date == date


def test_unfilled_template_gives_no_number_and_a_warning(real_fixtures):
    rec = policyparse.parse(real_fixtures / "template_gov_03.doc")
    if soffice() is None:
        assert rec.error.type == "MissingDependency"
        return
    assert rec.doc_number is None and rec.title is None and rec.issue_date is None
    assert any("FlFileYear" in w for w in rec.warnings)
    assert [i.name for i in rec.issuers] == ["东莞市人民政府"]  # from the 版头
    assert len(rec.measures) == 23  # the real body: 第一条–第十八条


def test_doc_without_libreoffice_is_a_clear_error(real_fixtures, monkeypatch):
    monkeypatch.setenv("POLICYPARSE_SOFFICE", "")
    monkeypatch.setattr("shutil.which", lambda name: None)
    rec = policyparse.parse(real_fixtures / "notice_gov_01.doc")
    assert rec.error.type == "MissingDependency"
    assert "apt-get install libreoffice-writer-nogui" in rec.error.message
