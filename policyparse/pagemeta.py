"""Page metadata: the label:value tables and lists a portal prints around a notice.

A government page shows the notice's 索引号, 发文机关, 成文日期, 标题, 发文字号 …
in a table of label cells and value cells (``<td>标　　题：</td><td>…</td>``), or
in a list. The labels are the rows of ``data/page_meta_labels.tsv``; a row made
only of such labels and their values is metadata, not notice text, and a label
whose value cell is empty has no value (it never takes the next paragraph of the
page as its value).

The metadata is evidence beside the body: the extractors prefer what the notice
itself prints and say so in a warning where the two disagree.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re

from .lexicon import mapping

_SPACES = re.compile(r"[\s\u3000\xa0]+")


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    return mapping("page_meta_labels.tsv", "label", "key")


def label_of(cell: str) -> Optional[str]:
    """The metadata label a cell holds, spaces and the colon dropped; None for any other text.

    >>> label_of("标　　题："), label_of("索 引 号："), label_of("国务院")
    ('标题', '索引号', None)
    """
    s = _SPACES.sub("", cell).rstrip("：:")
    return s if s in _labels() else None


def key_of(label: str) -> Optional[str]:
    """What a label means (``title``, ``doc_number``, ``issue_date`` …).

    >>> key_of("发文字号"), key_of("公开方式")
    ('doc_number', 'disclosure')
    """
    return _labels().get(label)


def row_pairs(cells: list[str]) -> Optional[list[tuple[str, str]]]:
    """``[(label, value), …]`` when a table row is made of label cells each followed
    by its value cell (which may be empty), else None.

    The row of the State Council's metadata table:

    >>> row_pairs(["发文字号：", "国函〔2018〕159号", "发布日期：", "2019年01月02日"])
    [('发文字号', '国函〔2018〕159号'), ('发布日期', '2019年01月02日')]
    >>> row_pairs(["主 题 词：", "", "", ""])
    [('主题词', '')]
    >>> row_pairs(["序号", "任务", "责任单位"]) is None
    True
    """
    cells = [_SPACES.sub(" ", c).strip() for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    if not cells:
        return None
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(cells):
        label = label_of(cells[i])
        if label is None:
            return None
        value = cells[i + 1] if i + 1 < len(cells) and label_of(cells[i + 1]) is None else ""
        pairs.append((label, value))
        i += 2 if value or (i + 1 < len(cells) and not cells[i + 1]) else 1
    return pairs
