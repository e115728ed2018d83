"""Score records against gold records (SPEC section 6).

``evaluate(corpus_dir)`` parses the document of every ``<corpus_dir>/gold/*.json``,
compares field by field and sums the counts over the corpus (micro average).
A field absent from a gold file is not scored for that document.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import regex as re

from .api import parse
from .schemas import PolicyRecord

SINGLE_FIELDS = ("doc_number", "title", "issue_date", "doc_type")


@dataclass
class Score:
    """Counts for one field: tp/fp/fn for set fields, correct/total for accuracies."""

    name: str
    kind: str  # "f1" or "accuracy"
    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0
    total: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        if self.kind == "accuracy":
            return self.correct / self.total if self.total else 1.0
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"field": self.name, "kind": self.kind}
        if self.kind == "f1":
            d.update(tp=self.tp, fp=self.fp, fn=self.fn, precision=round(self.precision, 4),
                     recall=round(self.recall, 4), f1=round(self.f1, 4))
        else:
            d.update(correct=self.correct, total=self.total, accuracy=round(self.f1, 4))
        return d


@dataclass
class Report:
    extractor: str
    documents: int = 0
    scores: dict[str, Score] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    per_document: dict[str, dict[str, Any]] = field(default_factory=dict)

    def score(self, name: str, kind: str = "f1") -> Score:
        if name not in self.scores:
            self.scores[name] = Score(name, kind)
        return self.scores[name]


# --- normalization for comparison ------------------------------------------------------------

_WIDTH = str.maketrans({"(": "（", ")": "）", "[": "〔", "]": "〕", "【": "〔", "】": "〕", "［": "〔", "］": "〕",
                        '"': "“", "'": "‘", "〈": "《", "〉": "》", "「": "“", "」": "”", "『": "‘", "』": "’",
                        ",": "，", ":": "：", ";": "；"})


def norm_text(s: Optional[str]) -> Optional[str]:
    """Compare strings after removing whitespace and unifying bracket and quote widths."""
    if s is None:
        return None
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"\s+", "", s).translate(_WIDTH)
    s = s.replace("”", "“").replace("’", "‘")
    return s


def _doc_number_key(v: Any) -> Optional[str]:
    if v is None:
        return None
    raw = v.get("raw") if isinstance(v, dict) else v
    return norm_text(raw)


def _num(v: Any) -> Optional[float]:
    if v is None:
        return None
    try:
        return round(float(v), 6)
    except (TypeError, ValueError):
        return None


def target_key(t: dict[str, Any]) -> tuple[Any, ...]:
    return (_num(t.get("value")), norm_text(t.get("unit")) or None)


def deadline_key(d: dict[str, Any]) -> tuple[Any, ...]:
    kind = d.get("kind")
    if kind == "within":
        dur = d.get("duration") or {}
        return (kind, _num(dur.get("value")), dur.get("unit"))
    if kind == "recurring":
        return (kind, d.get("frequency"))
    return (kind, d.get("date") or d.get("start"))


def reference_key(r: dict[str, Any]) -> Optional[str]:
    if r.get("doc_number"):
        return "n:" + (norm_text(r["doc_number"]) or "")
    if r.get("title"):
        return "t:" + (norm_text(r["title"]) or "")
    return None


# --- counting ---------------------------------------------------------------------------------


def _set_counts(score: Score, gold: Iterable[Any], pred: Iterable[Any]) -> None:
    g = {x for x in gold if x is not None}
    p = {x for x in pred if x is not None}
    score.tp += len(g & p)
    score.fp += len(p - g)
    score.fn += len(g - p)


def _multiset_counts(score: Score, gold: list[Any], pred: list[Any]) -> list[tuple[int, int]]:
    """Count a multiset match; return (gold index, pred index) pairs matched in order."""
    used = [False] * len(pred)
    pairs = []
    for gi, gk in enumerate(gold):
        for pi, pk in enumerate(pred):
            if not used[pi] and pk == gk:
                used[pi] = True
                pairs.append((gi, pi))
                break
    score.tp += len(pairs)
    score.fn += len(gold) - len(pairs)
    score.fp += len(pred) - len(pairs)
    return pairs


def score_record(report: Report, gold: dict[str, Any], rec: PolicyRecord) -> dict[str, Any]:
    """Add one document's counts to ``report``; return the document's own diff for --json."""
    pred = rec.model_dump(mode="json")
    diff: dict[str, Any] = {}
    for name in SINGLE_FIELDS:
        if name not in gold:
            continue
        s = report.score(name, "accuracy")
        if name == "doc_number":
            g, p = _doc_number_key(gold[name]), _doc_number_key(pred[name])
        else:
            g, p = norm_text(gold[name]), norm_text(pred[name])
        s.total += 1
        if g == p:
            s.correct += 1
        else:
            diff[name] = {"gold": gold[name], "pred": pred[name]}
    if "issuers" in gold:
        g = [norm_text(i["name"] if isinstance(i, dict) else i) for i in gold["issuers"]]
        p = [norm_text(i["name"]) for i in pred["issuers"]]
        _set_counts(report.score("issuers"), g, p)
        if set(g) != set(p):
            diff["issuers"] = {"missing": sorted(set(g) - set(p)), "extra": sorted(set(p) - set(g))}
    if "recipients" in gold:
        g = [norm_text(x) for x in gold["recipients"]]
        p = [norm_text(x) for x in pred["recipients"]]
        _set_counts(report.score("recipients"), g, p)
        if set(g) != set(p):
            diff["recipients"] = {"missing": sorted(set(g) - set(p)), "extra": sorted(set(p) - set(g))}
    if "references" in gold:
        g = [reference_key(r) for r in gold["references"]]
        p = [reference_key(r) for r in pred["references"]]
        _set_counts(report.score("references"), g, p)
        if set(g) != set(p):
            diff["references"] = {"missing": sorted(set(g) - set(p) - {None}), "extra": sorted(set(p) - set(g) - {None})}
    if "measures" in gold:
        g_ids = [m["id"] for m in gold["measures"]]
        p_ids = [m["id"] for m in pred["measures"]]
        _set_counts(report.score("measures.id"), g_ids, p_ids)
        g_h = [(m["id"], norm_text(m.get("heading"))) for m in gold["measures"]]
        p_h = [(m["id"], norm_text(m.get("heading"))) for m in pred["measures"]]
        _set_counts(report.score("measures.id+heading"), g_h, p_h)
        if set(g_h) != set(p_h):
            diff["measures"] = {"missing": sorted(map(str, set(g_h) - set(p_h))), "extra": sorted(map(str, set(p_h) - set(g_h)))}
    if "targets" in gold:
        for source in ("text", "table"):
            gt = [t for t in gold["targets"] if t.get("source", "text") == source]
            pt = [t for t in pred["targets"] if t.get("source", "text") == source]
            if not gt and not pt and source == "table":
                continue
            pairs = _multiset_counts(report.score(f"targets.{source}"), [target_key(t) for t in gt], [target_key(t) for t in pt])
            cmp_s = report.score(f"targets.{source}.comparator", "accuracy")
            due_s = report.score(f"targets.{source}.due", "accuracy")
            for gi, pi in pairs:
                cmp_s.total += 1
                due_s.total += 1
                cmp_s.correct += gt[gi].get("comparator", "=") == pt[pi].get("comparator")
                due_s.correct += (gt[gi].get("due") or None) == (pt[pi].get("due") or None)
            if len(pairs) != len(gt) or len(pairs) != len(pt):
                gm = Counter(map(str, map(target_key, gt)))
                pm = Counter(map(str, map(target_key, pt)))
                diff[f"targets.{source}"] = {"missing": sorted((gm - pm).elements()), "extra": sorted((pm - gm).elements())}
    if "deadlines" in gold:
        gk = [deadline_key(d) for d in gold["deadlines"]]
        pk = [deadline_key(d) for d in pred["deadlines"]]
        _multiset_counts(report.score("deadlines"), gk, pk)
        if Counter(gk) != Counter(pk):
            diff["deadlines"] = {"missing": sorted(map(str, (Counter(gk) - Counter(pk)).elements())),
                                 "extra": sorted(map(str, (Counter(pk) - Counter(gk)).elements()))}
    if "departments" in gold:
        g = [norm_text(d["name"]) for d in gold["departments"]]
        p = [norm_text(d["name"]) for d in pred["departments"]]
        _set_counts(report.score("departments"), g, p)
        gr = [(norm_text(d["name"]), d.get("role")) for d in gold["departments"]]
        pr = [(norm_text(d["name"]), d.get("role")) for d in pred["departments"]]
        _set_counts(report.score("departments.name+role"), gr, pr)
        if set(gr) != set(pr):
            diff["departments"] = {"missing": sorted(map(str, set(gr) - set(pr))), "extra": sorted(map(str, set(pr) - set(gr)))}
    return diff


def gold_files(corpus: Path) -> list[Path]:
    gold_dir = corpus / "gold"
    return sorted(gold_dir.glob("*.json")) if gold_dir.is_dir() else []


def document_for(corpus: Path, gold_path: Path, gold: dict[str, Any]) -> Optional[Path]:
    """The document a gold file describes: ``source.path`` (relative to the corpus), else by stem."""
    src = (gold.get("source") or {}).get("path")
    if src:
        p = (corpus / src).resolve() if not Path(src).is_absolute() else Path(src)
        if p.exists():
            return p
    for cand in sorted(corpus.glob(gold_path.stem + ".*")):
        if cand.is_file():
            return cand
    return None


def evaluate(
    corpus: Path, extractor: str = "rules", parse_fn: Callable[[Path, str], PolicyRecord] = lambda p, e: parse(p, extractor=e)
) -> Report:
    """Score ``extractor`` on every gold record under ``corpus/gold``."""
    report = Report(extractor=extractor)
    for gp in gold_files(corpus):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        doc = document_for(corpus, gp, gold)
        if doc is None:
            report.failures.append(f"{gp.name}: document not found")
            continue
        rec = parse_fn(doc, extractor)
        report.documents += 1
        if rec.error:
            report.failures.append(f"{doc.name}: {rec.error.type}: {rec.error.message}")
        report.per_document[gp.stem] = score_record(report, gold, rec)
    return report


FIELD_ORDER = [
    "doc_number", "title", "issue_date", "doc_type", "issuers", "recipients", "references",
    "measures.id", "measures.id+heading",
    "targets.text", "targets.text.comparator", "targets.text.due",
    "targets.table", "targets.table.comparator", "targets.table.due",
    "deadlines", "departments", "departments.name+role",
]


def _ordered(names: Iterable[str]) -> list[str]:
    names = list(dict.fromkeys(names))
    return [n for n in FIELD_ORDER if n in names] + sorted(n for n in names if n not in FIELD_ORDER)


def format_table(reports: list[Report]) -> str:
    """A plain-text table: one row per field; one column group per extractor."""
    names = _ordered(n for r in reports for n in r.scores)
    if len(reports) == 1:
        r = reports[0]
        lines = [f"policyparse eval: {r.documents} documents, extractor {r.extractor}", "",
                 f"{'field':<28} {'n':>9} {'P':>6} {'R':>6} {'F1/acc':>7}"]
        for n in names:
            s = r.scores[n]
            if s.kind == "accuracy":
                lines.append(f"{n:<28} {f'{s.correct}/{s.total}':>9} {'':>6} {'':>6} {s.f1:>7.2f}")
            else:
                lines.append(f"{n:<28} {f'{s.tp}/{s.tp + s.fn}':>9} {s.precision:>6.2f} {s.recall:>6.2f} {s.f1:>7.2f}")
    else:
        head = f"{'field':<28} " + " ".join(f"{r.extractor:>10}" for r in reports)
        lines = [f"policyparse eval: {reports[0].documents} documents, F1 (accuracy for single fields and *.comparator/*.due)", "", head]
        for n in names:
            cells = []
            for r in reports:
                s = r.scores.get(n)
                cells.append(f"{s.f1:>10.2f}" if s else f"{'-':>10}")
            lines.append(f"{n:<28} " + " ".join(cells))
    for r in reports:
        for f in r.failures:
            lines.append(f"! {r.extractor}: {f}")
    return "\n".join(lines)


def report_json(reports: list[Report]) -> str:
    return json.dumps(
        [{"extractor": r.extractor, "documents": r.documents,
          "scores": [r.scores[n].to_dict() for n in _ordered(r.scores)],
          "failures": r.failures, "per_document": r.per_document} for r in reports],
        ensure_ascii=False, indent=2,
    )
