"""文号 forms: the 〔year〕 form and the number of a 公告 series."""

from policyparse.lang.docnumber import parse_announcement_number, parse_doc_number


def test_the_number_of_an_announcement_series():
    dn = parse_announcement_number("财政部 税务总局公告2025年第17号")
    assert (dn.raw, dn.agency, dn.year, dn.serial) == ("财政部 税务总局公告2025年第17号", "财政部 税务总局公告", 2025, 17)
    assert parse_announcement_number("国家税务总局公告2018年第31号").serial == 31
    # a sentence that announces is not a number
    assert parse_announcement_number("现将个人销售住房增值税政策公告如下：") is None


def test_the_bracketed_form_is_unchanged():
    assert parse_doc_number("国函〔2018〕159号").raw == "国函〔2018〕159号"


def test_a_metadata_label_glued_to_the_number_is_not_its_agency():
    # the metadata panel of www.gov.cn's pages, printed to PDF (corpus/devset2/printed/e2_01)
    dn = parse_doc_number("发文字号 自然资发〔2023〕29号 发布机构 部委联合发文")
    assert (dn.raw, dn.agency) == ("自然资发〔2023〕29号", "自然资发")
