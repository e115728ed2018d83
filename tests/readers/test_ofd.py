"""OFD (GB/T 33190) documents: text placed on the page, read in order."""

import datetime as dt

import policyparse


def test_signed_reply_notice(real_fixtures):
    rec = policyparse.parse(real_fixtures / "notice_gov_01.ofd")
    assert rec.error is None and rec.source.format == "ofd" and rec.source.pages == 2
    assert rec.doc_number.raw == "路卫发〔2011〕76号"
    assert rec.doc_type == "批复" and rec.title == "关于同意张阿三同志辞职的批复"
    assert rec.recipients == ["区中医院"]
    assert rec.issue_date == dt.date(2011, 3, 10)
    assert {r.doc_number for r in rec.references} == {"路中医发〔2011〕10号", "浙人才〔1993〕73号"}
    assert rec.references and all(rec.page_of(r) in (1, 2) for r in rec.references)


def test_letter_without_number(real_fixtures):
    rec = policyparse.parse(real_fixtures / "letter_gov_02.ofd")
    assert rec.title == "关于加快南货场铁路涵洞下穿建设的函" and rec.doc_type == "函"
    assert rec.doc_number is None and rec.recipients == ["蚌山区政府"]
    assert rec.issue_date == dt.date(2023, 7, 12)
