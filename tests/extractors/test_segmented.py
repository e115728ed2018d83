"""The jieba extractor and the spaCy component, beside the rule-based extractor."""

import pytest

import policyparse
from tests.conftest import CORPUS, SEEDS

spacy = pytest.importorskip("spacy")
pytest.importorskip("jieba")

TEXT = "\n".join([
    "关于做好就业工作的通知",
    "各区人力资源社会保障局：",
    "一、工作目标",
    "到2025年，全市城镇新增就业不仅要保持在10万人以上，更要提升质量。",
    "二、工作要求",
    "强化财政、人社、人行等部门协同机制。",
])


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYPARSE_CACHE_DIR", str(tmp_path / "jieba"))


def test_both_extractors_give_valid_records_for_the_corpus():
    for path in SEEDS:
        for name in ("rules", "jieba"):
            rec = policyparse.parse(path, extractor=name)
            assert rec.error is None and rec.extractor == name
            for item in rec.targets + rec.deadlines + rec.departments:
                assert rec.text[item.span[0]:item.span[1]]


def test_jieba_reads_words_where_rules_read_characters():
    # 不仅 is not the restriction 仅: the word-level check keeps the target
    jieba = policyparse.parse_text(TEXT, extractor="jieba")
    rules = policyparse.parse_text(TEXT, extractor="rules")
    assert [(t.value, t.unit, t.comparator) for t in jieba.targets] == [(100000, "人", ">=")]
    assert rules.targets == []


def test_both_read_the_subject_of_a_verb_from_the_same_tables():
    # 强化财政、人社、人行等部门协同: 强化 opens the clause (department_leading_words.txt) and 协同
    # makes the subject cooperate (department_roles.tsv); the list splits into three departments
    expected = {("财政部门", "cooperate"), ("人力资源社会保障部门", "cooperate"), ("人民银行部门", "cooperate")}
    for name in ("rules", "jieba"):
        rec = policyparse.parse_text(TEXT, extractor=name)
        assert {(d.name, d.role) for d in rec.departments} == expected, name


def test_policy_words_stay_whole():
    from policyparse.segmenter import tokenize

    words = [t.text for t in tokenize("各级人力资源社会保障、工业和信息化部门要支持专精特新企业")]
    assert "工业和信息化部门" in words and "专精特新企业" in words


def test_spacy_component_adds_spans_and_the_record():
    nlp = spacy.blank("zh")
    import policyparse.spacy_pipeline  # noqa: F401  (registers the factories)

    nlp.add_pipe("policyparse")
    seed = (CORPUS / "002_04df30d3aa101f75.txt").read_text(encoding="utf-8").split("\n")
    paragraph = next(line for line in seed if "10万人以上" in line)
    doc = nlp(paragraph)
    assert doc._.policy.targets and doc._.policy.deadlines
    labels = {(s.text, s.label_) for s in doc.spans["policyparse"]}
    assert ("到2025年", "DATE") in labels
    assert any(label == "PERCENT" and "15%" in text for text, label in labels)
    assert any(label == "QUANTITY" and "10万人" in text for text, label in labels)
    assert all(e.label_ in ("ORG", "DATE", "QUANTITY", "PERCENT", "LAW") for e in doc.ents)


def test_candidate_pipeline_on_blank_zh():
    from policyparse.spacy_pipeline import make_nlp

    nlp = make_nlp()
    assert nlp.lang == "zh" and "policyparse_candidates" in nlp.pipe_names
    doc = nlp("2023年12月22日前，各设区市人社部门要牵头将本地实施方案报省厅备案。")
    assert [s.text for s in doc.spans["pp_time"]] == ["2023年12月22日"]  # 前 widens it later
    assert [s.text for s in doc.spans["pp_org"]] == ["人社部门", "省厅"]  # candidates; roles come later


def test_jieba_cache_stays_in_the_configured_folder(tmp_path, monkeypatch):
    from policyparse import segmenter

    assert segmenter.cache_dir() == tmp_path / "jieba"
    monkeypatch.setenv("POLICYPARSE_CACHE_DIR", "")
    assert segmenter.cache_dir() is None
