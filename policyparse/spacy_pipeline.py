"""policyparse for spaCy: ``nlp.add_pipe("policyparse")`` on any Chinese pipeline.

The component parses the doc's text into a record (``doc._.policy``) and adds its
items as spans: ORG (departments), DATE (deadlines), QUANTITY and PERCENT (targets),
LAW (references), in ``doc.spans["policyparse"]`` and, merged with the doc's own
entities (the longest span wins on overlap), ``doc.ents``. The component reads
documents through ``parse_text`` only. The pipeline the ``jieba`` extractor runs on
(jieba words, candidate matcher) is :func:`policyparse.extractors.words.make_nlp`,
re-exported here for users.

>>> nlp = make_nlp()
>>> _ = nlp.add_pipe("policyparse")
>>> doc = nlp("各设区市人社部门要牵头，到2025年全省吸纳就业10万人以上。")
>>> doc._.policy.targets[0].value, [s.label_ for s in doc.spans["policyparse"]]
(100000, ['ORG', 'DATE', 'QUANTITY'])
"""

from __future__ import annotations

import difflib
from typing import Any, Optional

from spacy.language import Language
from spacy.tokens import Doc as _Doc

from .api import parse_text
from .extractors.words import make_candidate_matcher, make_nlp

__all__ = ["PolicyComponent", "make_candidate_matcher", "make_nlp", "make_policy_component"]

if not _Doc.has_extension("policy"):
    _Doc.set_extension("policy", default=None)

@Language.factory("policyparse", default_config={"extractor": "rules"})
def make_policy_component(nlp: Any, name: str, extractor: str) -> "PolicyComponent":
    """``nlp.add_pipe("policyparse", config={"extractor": "jieba"})``."""
    return PolicyComponent(extractor)


# --- the public component -------------------------------------------------------------------

class PolicyComponent:
    """Parse ``doc.text`` into a record; add its items as labelled spans."""

    def __init__(self, extractor: str = "rules"):
        self.extractor = extractor

    def __call__(self, doc: Any) -> Any:
        from spacy.util import filter_spans

        record = parse_text(doc.text, extractor=self.extractor)
        doc._.policy = record
        align = _Aligner(record.text, doc.text)
        spans = []
        items: list[tuple[Any, str]] = []
        items += [(d, "ORG") for d in record.departments]
        items += [(d, "DATE") for d in record.deadlines]
        items += [(r, "LAW") for r in record.references]
        items += [(t, "PERCENT" if t.unit in ("%", "百分点") else "QUANTITY") for t in record.targets]
        for item, label in items:
            start, end = align(item.span[0], item.span[1])
            if start is None or end is None or end <= start:
                continue
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["policyparse"] = spans
        doc.ents = filter_spans(list(doc.ents) + spans)
        return doc


class _Aligner:
    """Map offsets in the normalized text to offsets in the doc's own text."""

    def __init__(self, normalized: str, original: str):
        self.same = normalized == original
        self.map: list[Optional[int]] = []
        if not self.same:
            self.map = [None] * (len(normalized) + 1)
            sm = difflib.SequenceMatcher(None, normalized, original, autojunk=False)
            for a, b, n in sm.get_matching_blocks():
                for k in range(n + 1):
                    if a + k <= len(normalized):
                        self.map[a + k] = b + k

    def __call__(self, start: int, end: int) -> tuple[Optional[int], Optional[int]]:
        if self.same:
            return start, end
        return self._near(start, +1), self._near(end, -1)

    def _near(self, i: int, step: int) -> Optional[int]:
        while 0 <= i < len(self.map):
            if self.map[i] is not None:
                return self.map[i]
            i += step
        return None
