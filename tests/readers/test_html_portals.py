"""Web pages of portals the first devset never met (``../shared/devset2``): title, 文号,
成文日期 and the measure ids agree with the gold record of each page.

One page per portal, each standing for a class of issue 16 it used to fail on:
a metadata table whose empty label swallowed the title's first paragraph (gov.cn),
widgets between title and 文号 (国家税务总局), the article inside a ``<form>``
(上海市教育委员会), the organ line above ``关于…`` (海南, 长沙, 高阳), a status
or column before the title ([已废止] 大连, 【贷款】 武汉), a toolbar run on into the
title (武汉), a 内容概述 read as the first paragraph (常州), a label table (自然资源部).
"""

import json

import pytest

import policyparse
from tests.conftest import CORPUS

PAGES = [
    "e2_01_mnr_cbirc_mortgage_transfer_notice.html",  # 自然资源部
    "e2_03_mof_sta_housing_vat_announcement.html",  # 国家税务总局 政策法规库
    "e2_04_stc_xiongan_master_plan_reply.html",  # 中国政府网
    "e2_11_hainan_hpf_loan_notice.html",  # 海南省住房公积金管理局
    "e2_12_shanghai_hs_admission_measures.html",  # 上海市教育委员会
    "e2_16_dalian_realestate_regulation_notice.html",  # 大连市人民政府
    "e2_23_changsha_realestate_control_notice.html",  # 长沙市人民政府
    "e2_24_changzhou_realestate_notice.html",  # 常州市人民政府
    "e2_26_wuhan_hpf_use_notice.html",  # 武汉住房公积金管理中心
    "e2_31_gaoyang_realestate_opinions.html",  # 高阳县人民政府
]


def _gold(name: str) -> dict:
    stem = name.rsplit(".", 1)[0]
    return json.loads((CORPUS / "devset2" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", PAGES)
def test_the_record_of_a_page_agrees_with_its_gold(devset2, name):
    gold = _gold(name)
    record = policyparse.parse(devset2 / name)
    assert record.title == gold["title"]
    assert (record.doc_number.raw if record.doc_number else None) == (gold["doc_number"] or {}).get("raw")
    assert (record.issue_date.isoformat() if record.issue_date else None) == gold["issue_date"]
    assert [m.id for m in record.measures] == [m["id"] for m in gold["measures"]]


def test_the_gold_values_are_the_ones_printed():
    """The gold the test reads, for a reader of this file: 中国政府网's reply to 河北."""
    gold = _gold("e2_04_stc_xiongan_master_plan_reply.html")
    assert gold["title"] == "国务院关于河北雄安新区总体规划（2018—2035年）的批复"
    assert gold["doc_number"]["raw"] == "国函〔2018〕159号"
    assert gold["issue_date"] == "2018-12-25"
    assert [m["id"] for m in gold["measures"]][:3] == ["1", "2", "3"]
