"""Shared detector: does a string name a government organ?

Used by the layout (signature lines, 版头), the metadata extractor (issuers) and
the departments extractor. Endings live in ``data/organ_suffixes.txt``.
"""

from __future__ import annotations

from functools import lru_cache

import regex as re

from ..lexicon import alternation, word_list


@lru_cache(maxsize=1)
def organ_suffix_pattern() -> str:
    return alternation(word_list("organ_suffixes.txt"))


@lru_cache(maxsize=1)
def _organ_name() -> re.Pattern[str]:
    # A name is Han characters (brackets allowed: 公安厅（局）) ending with an organ suffix.
    return re.compile(rf"^[\p{{Han}}（）()、]{{1,40}}?(?:{organ_suffix_pattern()})(?:（[\p{{Han}}、]{{1,10}}）)?$")


def is_organ_name(s: str) -> bool:
    """True when ``s`` reads as one organ's name.

    >>> is_organ_name("江苏省人力资源和社会保障厅"), is_organ_name("先进制造业企业")
    (True, False)
    """
    s = s.strip()
    if len(s) < 2 or len(s) > 45:
        return False
    return bool(_organ_name().match(s))


_SPLIT = re.compile(r"\s+|、")


def split_organ_line(line: str) -> list[str]:
    """The organ names on a signature or 版头 line, or [] if it is not such a line.

    >>> split_organ_line("江苏省人力资源和社会保障厅   江苏省工业和信息化厅")
    ['江苏省人力资源和社会保障厅', '江苏省工业和信息化厅']
    """
    parts = [p for p in _SPLIT.split(line.strip()) if p]
    if not parts:
        return []
    if all(is_organ_name(p) for p in parts):
        return parts
    joined = "".join(parts)
    if is_organ_name(joined):
        return [joined]
    return []
