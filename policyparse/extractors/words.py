"""The jieba extractor's words as a spaCy pipeline: ``spacy.blank("zh")`` with jieba words.

:func:`make_nlp` builds it: our jieba tokenizer (policy user dictionary, part-of-speech
tags in ``token.tag_``) and the ``policyparse_candidates`` component, whose Matcher
patterns put candidate quantities, time expressions and organ names in ``doc.spans``.
The patterns are built from the same data files as the rules' patterns.

>>> nlp = make_nlp()
>>> doc = nlp("各设区市人社部门要牵头，到2025年全省吸纳就业10万人以上。")
>>> [(s.text, s.label_) for s in doc.spans["pp_quantity"]]
[('10万人以上', 'QUANTITY')]
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.language import Language

import regex as re

from ..lang.dates import YEAR
from ..lang.numerals import ARABIC, CN_COUNT, MULTIPLIER
from ..lang.organs import department_name_end
from ..lexicon import table, word_list
from ..segmenter import tokenize


def _spacy() -> Any:
    import spacy

    return spacy


class JiebaTokenizer:
    """spaCy tokenizer: the text is normalized by the caller; words come from jieba."""

    def __init__(self, vocab: Any):
        self.vocab = vocab

    def __call__(self, text: str) -> Any:
        from spacy.tokens import Doc

        toks = tokenize(text) if text else []
        words = [t.text for t in toks]
        tags = [t.pos or "x" for t in toks]
        return Doc(self.vocab, words=words, spaces=[False] * len(words), tags=tags)

    # spaCy asks tokenizers to serialize; there is no state beyond the shared dictionary
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> "JiebaTokenizer":
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: Any, **kwargs: Any) -> "JiebaTokenizer":
        return self


# --- candidate matcher --------------------------------------------------------------------

# Every word list below comes from the data tables the rules' patterns are built from; only how
# words are matched (token by token) is this module's own.
_NUM = rf"^(?:{ARABIC}%?|{CN_COUNT})$"
_MULTIPLIERS = re.findall(r"[万亿千百十]+", MULTIPLIER)


@lru_cache(maxsize=1)
def _unit_words() -> tuple[list[str], list[str]]:
    units = [u for u in word_list("units.txt") if u not in ("%", "％")]
    with_mult = [m + u for u in units for m in _MULTIPLIERS]
    return units, with_mult


@lru_cache(maxsize=1)
def _after_words() -> list[str]:
    """Comparator words printed after a number (以上, 以内, 左右): comparators.tsv."""
    return [r["word"] for r in table("comparators.tsv") if r["position"] == "after"]


@lru_cache(maxsize=1)
def _duration_words() -> list[str]:
    """20个工作日(内): the unit words of duration_units.tsv, with and without 内."""
    units = [r["word"].removeprefix("个") for r in table("duration_units.tsv")]
    return sorted({u for u in units} | {u + "内" for u in units})


@lru_cache(maxsize=1)
def _start_words() -> list[str]:
    """即日起, 印发之日(起): the issuing acts of deadline_cues.tsv."""
    acts = [r["pattern"] for r in table("deadline_cues.tsv") if r["cue"] == "issuing"]
    return ["即日起", "之日起"] + [a + "之日" for a in acts] + [a + "之日起" for a in acts]


@lru_cache(maxsize=1)
def _time_words() -> list[str]:
    words = [r["word"] for r in table("time_words.tsv")] + [r["word"] for r in table("frequencies.tsv")]
    words += [r["plan"] for r in table("five_year_plans.tsv")]
    return words


class CandidateMatcher:
    """Matcher patterns for quantities and time expressions; organ words by tag or ending."""

    def __init__(self, nlp: Any):
        from spacy.matcher import Matcher

        units, with_mult = _unit_words()
        all_units = units + with_mult
        after = _after_words()
        self.matcher = Matcher(nlp.vocab)
        num = {"TEXT": {"REGEX": _NUM}}
        self.matcher.add("QUANTITY", [
            [num, {"TEXT": {"IN": ["-", "—", "–", "~", "到", "至"]}, "OP": "?"}, {"TEXT": {"REGEX": _NUM}, "OP": "?"},
             {"TEXT": {"IN": _MULTIPLIERS}, "OP": "?"}, {"TEXT": {"IN": all_units}},
             {"TEXT": {"IN": after}, "OP": "?"}],
        ])
        self.matcher.add("PERCENT", [
            [{"TEXT": {"REGEX": r"^\d+(?:\.\d+)?%$"}}, {"TEXT": {"IN": after}, "OP": "?"}],
            [{"TEXT": {"REGEX": r"^\d+(?:\.\d+)?$"}}, {"TEXT": {"IN": ["%", "％", "个百分点", "百分点"]}},
             {"TEXT": {"IN": after}, "OP": "?"}],
            [{"TEXT": {"REGEX": r"^百分之"}}],
        ])
        year = {"TEXT": {"REGEX": rf"^{YEAR}$"}}
        md = {"TEXT": {"REGEX": r"^(?:1[0-2]|0?[1-9]|[12]\d|3[01])$"}}
        self.matcher.add("DATE", [
            [year, {"TEXT": "年"}, md, {"TEXT": "月"}, md, {"TEXT": {"IN": ["日", "号", "日前"]}}],
            [year, {"TEXT": "年"}, md, {"TEXT": "月"}],
            [year, {"TEXT": "年"}],
            [year, {"TEXT": {"IN": ["年底", "年末", "年内", "上半年", "下半年"]}}],
            [md, {"TEXT": "月"}, md, {"TEXT": {"IN": ["日", "号", "日前"]}}],
            [md, {"TEXT": "月"}, md, {"TEXT": {"IN": ["-", "—", "至", "到", "–"]}}, md, {"TEXT": {"IN": ["日", "号"]}}],
            [year, {"TEXT": {"IN": ["-", "—", "至", "到", "–", "―"]}}, year, {"TEXT": {"IN": ["年", "年度"]}}],
            [{"TEXT": {"IN": _time_words()}}],
            [{"TEXT": {"IN": _start_words()}}],
            [num, {"TEXT": {"IN": ["个"]}, "OP": "?"}, {"TEXT": {"IN": _duration_words()}}],
        ])

    def __call__(self, doc: Any) -> Any:
        from spacy.util import filter_spans

        found: dict[str, list[Any]] = {"QUANTITY": [], "PERCENT": [], "DATE": []}
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            found[label].append(doc[start:end])
        doc.spans["pp_quantity"] = [
            self._label(s, "PERCENT" if ("%" in s.text or "百分" in s.text) else "QUANTITY")
            for s in filter_spans(found["QUANTITY"] + found["PERCENT"])
        ]
        doc.spans["pp_time"] = [self._label(s, "DATE") for s in filter_spans(found["DATE"])]
        # organ words (jieba's nt tag or a department ending): for users of the pipeline; the
        # extractor grows its own noun phrases from these words
        doc.spans["pp_org"] = [self._label(doc[t.i : t.i + 1], "ORG") for t in doc
                               if t.tag_ == "nt" or ends_like_organ(t.text)]
        return doc

    @staticmethod
    def _label(span: Any, label: str) -> Any:
        from spacy.tokens import Span

        return Span(span.doc, span.start, span.end, label=label)


def ends_like_organ(word: str) -> bool:
    return len(word) >= 2 and bool(department_name_end().search(word))



@Language.factory("policyparse_candidates")
def make_candidate_matcher(nlp: Any, name: str) -> "CandidateMatcher":
    """The matcher component the ``jieba`` extractor reads candidates from."""
    return CandidateMatcher(nlp)


def make_nlp() -> Any:
    """``spacy.blank("zh")`` with the jieba tokenizer and the candidate matcher."""
    spacy = _spacy()
    nlp = spacy.blank("zh")
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    nlp.add_pipe("policyparse_candidates")
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Any:
    """One pipeline per process for the ``jieba`` extractor."""
    return make_nlp()
