"""Is it a 公文? Notices say so; READMEs, 政策解读, news and listing pages get a warning and can be left out."""

import json
import shutil

import pytest

import policyparse
from policyparse.cli import main
from policyparse.verdict import notice_verdict
from tests.conftest import SEED_000, SEEDS

# Files of the shared bulk folder that are not notices (issue 18.6), and what they are.
NOT_NOTICES = {
    "README.md": "the folder's README (English)",
    "SOURCES.md": "where the files came from",
    "cre_ed89528a629345df.docx": "《关于进一步优化无房家庭购房工作通知》政策解读",
    "cre_2ad7b079c62cbb51.html": "a news page on a new 通知",
    "mcn_bb50b48c9a50904b.html": "a listing page of 规范性文件",
}


@pytest.mark.parametrize("name", NOT_NOTICES)
def test_what_is_not_a_notice_says_so(bulk, name):
    rec = policyparse.parse(bulk / name)
    assert rec.error is None and rec.is_notice is False
    assert [w for w in rec.warnings if w.startswith("not a notice (公文)")]


@pytest.mark.parametrize("name", ["notice_gov_01.pdf", "notice_gov_03.docx", "letter_gov_02.ofd"])
def test_notices_are_notices(real_fixtures, name):
    rec = policyparse.parse(real_fixtures / name)
    assert rec.is_notice is True and not [w for w in rec.warnings if w.startswith("not a notice")]


def test_the_seed_notices_show_every_part():
    rec = policyparse.parse(SEED_000)
    assert rec.is_notice is True
    assert rec.notice_evidence == ["doc_type", "doc_number", "recipients", "issuers", "issue_date", "measures"]


@pytest.mark.parametrize(
    "parts, verdict",
    [
        (dict(doc_type="通知", recipients=["各区人民政府"]), True),  # title and 主送
        (dict(issuers=["水利部办公厅"], issue_date="2022-06-14", measures=["一"]), True),  # a body with its 落款
        (dict(doc_number="东府〔2015〕111号", measures=["一"]), True),
        (dict(doc_type="条例", measures=["第一条"]), False),  # a law's text: not a 公文
        (dict(issuers=["杭州市住房保障和房产管理局"]), False),  # a news page
        (dict(measures=["一"]), False),  # a 政策解读's sections
    ],
)
def test_the_parts_weighed(parts, verdict):
    args = dict(doc_type=None, doc_number=None, recipients=[], issuers=[], issue_date=None, measures=[])
    assert notice_verdict(**{**args, **parts}).is_notice is verdict


def test_punctuation_only_is_a_record_that_says_what_is_missing(tmp_path):
    # issue 18.5: parsed with no warning
    path = tmp_path / "marks.txt"
    path.write_text("，。、；！？……——\n。。。\n!!!???...\n", encoding="utf-8")
    rec = policyparse.parse(path)
    assert rec.error is None and rec.is_notice is False
    assert rec.warnings == ["not a notice (公文): the text has no words, only punctuation and symbols"]


def test_parse_and_export_leave_out_what_is_not_a_notice(tmp_path, bulk, capsys):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS[0], src / "notice.txt")
    shutil.copy(bulk / "README.md", src / "README.md")
    shutil.copy(bulk / "cre_ed89528a629345df.docx", src / "jiedu.docx")
    (src / "empty.txt").write_bytes(b"")
    only = tmp_path / "notices.jsonl"
    assert main(["parse", str(src), "-o", str(only), "--notices-only", "--no-progress"]) == 1  # empty.txt fails
    err = capsys.readouterr().err
    assert "4 file(s), 3 parsed (2 not a notice, left out), 1 failed" in err
    kept = [json.loads(line) for line in only.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["source"]["path"].rsplit("/", 1)[1] for r in kept) == ["empty.txt", "notice.txt"]  # failures stay

    every = tmp_path / "all.jsonl"
    main(["parse", str(src), "-o", str(every), "-q"])
    assert main(["export", str(every), "-o", str(tmp_path / "t.csv"), "--notices-only", "-q"]) == 0
    docs = (tmp_path / "t.csv" / "documents.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(docs) == 2 and docs[1].split(",")[1].endswith("notice.txt")
    assert docs[0].endswith(",is_notice,notice_evidence") and ",True,doc_type；doc_number；" in docs[1]
