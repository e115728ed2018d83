"""Organ names: does a string name a government organ, and how is an abbreviation expanded?

Two kinds of ending, two data files: ``organ_suffixes.txt`` ends the name of one organ
as a signature prints it (…厅, …人民政府); ``department_suffixes.txt`` also takes the
generic words the body uses for bodies (…部门, …单位, …机构). Abbreviations
(人社 → 人力资源社会保障) live in ``department_aliases.tsv``.
"""

from __future__ import annotations

from functools import lru_cache

import regex as re

from ..lexicon import alternation, mapping, word_list


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


# --- names as the body writes them ---------------------------------------------------------


@lru_cache(maxsize=1)
def department_suffix_pattern() -> str:
    """The endings of a department as the body names it (部门, 单位, 局, 委, …), as an alternation."""
    return alternation(word_list("department_suffixes.txt"))


@lru_cache(maxsize=1)
def department_name_end() -> re.Pattern[str]:
    """Matches at the end of a string that ends like a department name.

    "市财政", "区财政": a level plus 财政 names the finance bureau of that level.

    >>> bool(department_name_end().search("各设区市人社部门")), bool(department_name_end().search("市财政"))
    (True, True)
    """
    return re.compile(rf"(?:{department_suffix_pattern()}|(?<=[省市县区])财政)(?:（[^（）]{{1,12}}）)?$")


@lru_cache(maxsize=1)
def _aliases() -> list[tuple[str, str]]:
    table = mapping("department_aliases.tsv", "alias", "expansion")
    return sorted(table.items(), key=lambda kv: len(kv[0]), reverse=True)


def expand_abbreviations(name: str) -> str:
    """``市人社局`` → ``市人力资源社会保障局`` (full names are left alone).

    >>> expand_abbreviations("市人社局"), expand_abbreviations("市场监管局"), expand_abbreviations("市工商联")
    ('市人力资源社会保障局', '市场监督管理局', '市工商业联合会')
    """
    out = []
    i = 0
    while i < len(name):
        for alias, full in _aliases():
            if name.startswith(alias, i) and not name.startswith(full, i):
                out.append(full)
                i += len(alias)
                break
        else:
            out.append(name[i])
            i += 1
    return "".join(out)
