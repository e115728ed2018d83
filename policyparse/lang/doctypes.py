"""文种: the words a title ends with (``…的通知``, ``…办法（试行）``), from ``data/doc_types.tsv``."""

from __future__ import annotations

from functools import lru_cache

import regex as re

from ..lexicon import alternation, table, word_list


@lru_cache(maxsize=1)
def _doc_type_suffix() -> re.Pattern[str]:
    suffixes = [row["suffix"] for row in table("doc_types.tsv")]
    qualifiers = alternation(word_list("title_qualifiers.txt"))
    # a bracketed qualifier or year after the 文种: （试行）, （2024年修订）
    tail = rf"(?:[（(](?:{qualifiers}|[^（）()]{{0,16}}\d{{4}}[^（）()]{{0,12}})[）)])*"
    return re.compile(rf"(?:{alternation(suffixes)}){tail}$")


def ends_with_doc_type(s: str) -> bool:
    """True when ``s`` ends with a 文种.

    >>> ends_with_doc_type("关于实施先进制造业促就业行动的通知"), ends_with_doc_type("办法（试行）"), ends_with_doc_type("各区：")
    (True, True, False)
    """
    return bool(_doc_type_suffix().search(s))
