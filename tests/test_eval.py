"""Scoring per SPEC section 6, and the corpus scores the issues ask for."""


from policyparse.evaluate import Report, deadline_key, evaluate, norm_text, score_record, target_key
from policyparse.schemas import PolicyRecord
from tests.conftest import CORPUS


def test_metadata_scores_on_the_seeds():
    report = evaluate(CORPUS, "rules")
    s = report.scores
    for name in ("doc_number", "title", "issue_date", "doc_type"):
        assert (s[name].correct, s[name].total) == (5, 5), name
    for name in ("issuers", "recipients", "references"):
        assert s[name].f1 == 1.0, name
    assert not report.failures


def test_keys_follow_the_spec():
    assert target_key({"value": 100000, "unit": "人"}) == target_key({"value": 1e5, "unit": "人"})
    assert deadline_key({"kind": "within", "duration": {"value": 20, "unit": "workday"}}) == ("within", 20.0, "workday")
    assert deadline_key({"kind": "start", "date": None, "start": "2021-01-01"}) == ("start", "2021-01-01")
    assert norm_text("苏人社发[2024]45号") == norm_text("苏人社发〔2024〕45号")


def test_multiset_and_set_counting():
    report = Report("rules")
    gold = {"deadlines": [{"kind": "by", "date": "2025-12-31"}, {"kind": "by", "date": "2025-12-31"}],
            "departments": [{"name": "人力资源社会保障部门", "role": "lead"}]}
    pred = PolicyRecord(deadlines=[], departments=[])
    score_record(report, gold, pred)
    assert (report.scores["deadlines"].fn, report.scores["departments"].fn) == (2, 1)
