"""Citations across a run: which notice cites which, by 文号 or by title, and the table that says so."""

import json
import sqlite3

import pytest

from policyparse import api
from policyparse.citations import CitationIndex, doc_number_key, resolve_citations, title_key
from policyparse.cli import main
from policyparse.export import columns, export, to_frames
from tests.conftest import CORPUS, SEEDS


@pytest.fixture
def enrolment(devset):
    """Three real enrolment notices of 2016: the ministry's, and Wuhan's and Gaochun's that cite it."""
    names = ["d03_moe_2016_compulsory_enrolment_notice.html", "d26_wuhan_school_enrolment_notice.docx",
             "d29_nanjing_gaochun_enrolment_plan.docx"]
    return {n[:3]: json.loads(api.parse(devset / n).model_dump_json()) for n in names}


def _resolved(rows):
    return {(r["document_id"], r["to_document_id"], r["resolved_by"]) for r in rows if r["to_document_id"]}


def test_keys_ignore_how_a_number_or_a_title_was_printed():
    assert doc_number_key("教基一厅[2016]1号") == doc_number_key("教基一厅〔2016〕1号") == "教基一厅〔2016〕1号"
    assert doc_number_key("GB50014") is None
    assert title_key("《江苏省优质中小企业梯度培育管理实施细则（暂行）》") == "江苏省优质中小企业梯度培育管理实施细则(暂行)"


def test_notices_citing_the_ministry_notice_by_number_and_by_title(enrolment):
    # Wuhan cites 《教育部办公厅关于做好2016年城市义务教育招生入学工作的通知》（教基一厅〔2016〕1号）;
    # Gaochun cites the same title without its number
    rows = resolve_citations(enrolment.items())
    assert _resolved(rows) == {("d26", "d03", "doc_number"), ("d29", "d03", "title")}
    wuhan = next(r for r in rows if r["document_id"] == "d26" and r["to_document_id"])
    assert wuhan["doc_number"] == "教基一厅〔2016〕1号"
    assert wuhan["to_title"] == "教育部办公厅关于做好2016年城市义务教育招生入学工作的通知"
    assert enrolment["d26"]["text"][wuhan["span_start"]:wuhan["span_end"]].startswith("《教育部办公厅关于做好2016年")
    # every other reference is a row too, marked unresolved
    total = sum(len(r["references"]) for r in enrolment.values())
    assert len(rows) == total and sum(r["resolved_by"] == "unresolved" for r in rows) == total - 2


def test_copies_of_one_notice_do_not_cite_each_other():
    # the Shandong notice (TXT and DOCX) cites 人社部发〔2024〕39号, a ministry notice not in the corpus;
    # the Jiangsu notice with the same title words (苏人社发〔2024〕45号) is not it
    recs = {p.parent.name + "/" + p.name: json.loads(api.parse(p).model_dump_json())
            for p in [SEEDS[0], SEEDS[1], CORPUS / "generated/docx/001_c470d0a0220e5ccb.docx"]}
    rows = resolve_citations(recs.items())
    assert [(r["doc_number"], r["resolved_by"]) for r in rows] == [("人社部发〔2024〕39号", "unresolved")] * 2


def test_a_notice_that_encloses_a_document_answers_to_its_title():
    idx = CitationIndex()
    seed = json.loads(api.parse(SEEDS[4]).model_dump_json())  # 市政府办公室印发《关于进一步推进…的实施意见》的通知
    idx.add("changzhou", seed)
    idx.add("county", {"title": "关于落实就业创业工作的通知", "references": [
        {"title": "关于进一步推进就业创业工作高质量发展的实施意见", "doc_number": None, "span": [0, 10]}]})
    rows = idx.rows()
    assert [(r["to_document_id"], r["resolved_by"]) for r in rows if r["document_id"] == "county"] == [
        ("changzhou", "title")]
    assert [(r["title"], r["resolved_by"]) for r in rows if r["document_id"] == "changzhou"] == [
        ("江苏省就业促进条例", "unresolved")]


def test_export_writes_the_citations_table_to_sqlite_csv_and_frames(enrolment, tmp_path):
    records = list(enrolment.values())
    ids = {k: r["source"]["sha256"] for k, r in enrolment.items()}
    db = tmp_path / "policy.db"
    export(records, db)
    export(records, db)  # again: the upsert replaces, nothing is doubled
    con = sqlite3.connect(db)
    got = set(con.execute("select document_id, to_document_id, resolved_by from citations where to_document_id is not null"))
    assert got == {(ids["d26"], ids["d03"], "doc_number"), (ids["d29"], ids["d03"], "title")}
    assert con.execute("select count(*) from citations").fetchone()[0] == sum(len(r["references"]) for r in records)

    export(records, tmp_path / "tables.csv")
    import pandas as pd

    csv = pd.read_csv(tmp_path / "tables.csv" / "citations.csv", encoding="utf-8-sig")
    assert list(csv.columns) == columns("citations")
    assert sorted(csv.dropna(subset=["to_document_id"]).resolved_by) == ["doc_number", "title"]

    export(records, tmp_path / "tables.parquet")
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "tables.parquet" / "citations.parquet").num_rows == len(csv)
    frames = to_frames(records)
    assert len(frames["citations"].dropna(subset=["to_document_id"])) == 2


def test_parse_straight_to_tables_writes_citations(devset, tmp_path, capsys):
    out = tmp_path / "t.csv"
    code = main(["parse", str(devset / "d03_moe_2016_compulsory_enrolment_notice.html"),
                 str(devset / "d26_wuhan_school_enrolment_notice.docx"), "-o", str(out), "-q"])
    assert code == 0
    text = (out / "citations.csv").read_text(encoding="utf-8-sig")
    assert "教基一厅〔2016〕1号" in text and ",doc_number" in text
