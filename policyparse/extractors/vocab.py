"""The vocabularies of the content fields, one data table per concept, read by both extractors.

- ``target_cues.tsv``: what makes a number a target or not (rates, conditions, the
  past, framing words, periods, scopes);
- ``deadline_cues.tsv``: the words around a time expression that make it a deadline;
- ``department_roles.tsv``: the labels and verbs that assign a body its role.

The rule-based extractor builds character patterns from these tables; the jieba
extractor matches the same patterns on the words around a token span. Neither keeps
a private word list: a word added to a table reaches both.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re

from ..lexicon import table


def _patterns(name: str, cue: str) -> list[str]:
    rows = [row["pattern"] for row in table(name) if row["cue"] == cue]
    if not rows:
        raise KeyError(f"{name} has no cue {cue!r}")
    return rows


@lru_cache(maxsize=None)
def target_cue(kind: str, anchor: str = "{}") -> re.Pattern[str]:
    """The patterns of one cue kind of ``target_cues.tsv`` as one regex placed in ``anchor``.

    >>> bool(target_cue("dimension", "(?:{})$").search("鹰潭港规划港口岸线"))
    True
    >>> target_cue("scope").search("到2025年，全省新增就业").group(0)
    '全省'
    """
    return re.compile(anchor.format(f"(?:{'|'.join(_patterns('target_cues.tsv', kind))})"))


@lru_cache(maxsize=None)
def deadline_cue(kind: str) -> str:
    """The patterns of one cue kind of ``deadline_cues.tsv`` as a regex fragment (an alternation,
    longest first so that 截止到 wins over 截止).

    >>> re.fullmatch(deadline_cue("by_after"), "以前") is not None
    True
    """
    pats = sorted(_patterns("deadline_cues.tsv", kind), key=len, reverse=True)
    return f"(?:{'|'.join(pats)})"


def deadline_cue_search(kind: str, text: str) -> bool:
    """Whether ``text`` holds a word of cue ``kind`` of ``deadline_cues.tsv``."""
    return _deadline_cue_compiled(kind).search(text) is not None


@lru_cache(maxsize=None)
def _deadline_cue_compiled(kind: str) -> re.Pattern[str]:
    return re.compile(deadline_cue(kind))


@lru_cache(maxsize=None)
def deadline_cue_matches(kind: str) -> re.Pattern[str]:
    """``deadline_cue(kind)`` compiled to match a whole word (the jieba extractor's tokens)."""
    return re.compile(rf"{deadline_cue(kind)}$")


@lru_cache(maxsize=1)
def _roles() -> dict[str, list[tuple[re.Pattern[str], str, str]]]:
    out: dict[str, list[tuple[re.Pattern[str], str, str]]] = {}
    for row in table("department_roles.tsv"):
        out.setdefault(row["cue"], []).append((re.compile(row["pattern"]), row["pattern"], row["role"]))
    for rows in out.values():
        rows.sort(key=lambda r: len(r[1]), reverse=True)
    return out


@lru_cache(maxsize=None)
def role_cue(cue: str) -> str:
    """The patterns of ``department_roles.tsv`` for ``cue`` (label, verb, modal) as one alternation.

    >>> bool(re.fullmatch(role_cue("label"), "牵头单位"))
    True
    """
    return "|".join(p for _, p, _ in _roles()[cue])


def role_at(cue: str, text: str, pos: int = 0) -> Optional[tuple[str, int]]:
    """``(role, end)`` when a word of ``cue`` starts at ``text[pos]``, else None.

    >>> role_at("verb", "市财政局配合做好", 4)
    ('cooperate', 6)
    >>> role_at("modal", "要求各地", 0) is None
    True
    """
    for pattern, _, role in _roles()[cue]:
        m = pattern.match(text, pos)
        if m:
            return role, m.end()
    return None


def role_of(cue: str, word: str) -> Optional[str]:
    """The role a whole word of ``cue`` gives: ``role_of("label", "配合单位")`` is ``cooperate``."""
    for pattern, _, role in _roles()[cue]:
        if pattern.fullmatch(word):
            return role
    return None
