"""Load the language data in ``policyparse/data/`` once per process.

Word lists are plain UTF-8 files, one entry per line, ``#`` starts a comment.
Tables are tab-separated with a header line. Nothing here knows what the words
mean; the extractors do.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


def _read(name: str) -> str:
    return resources.files("policyparse.data").joinpath(name).read_text(encoding="utf-8")


def _content_lines(name: str) -> list[str]:
    out = []
    for raw in _read(name).splitlines():
        if raw.lstrip().startswith("#"):
            continue
        line = raw.split("  # ", 1)[0].rstrip()  # an inline comment is two spaces, '#', space
        if line.strip():
            out.append(line.strip())
    return out


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """Entries of a one-per-line list, in file order.

    >>> "点赞" in word_list("chrome_words.txt")
    True
    """
    return tuple(_content_lines(name))


@lru_cache(maxsize=None)
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated table with a header line, as dicts."""
    lines = _content_lines(name)
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, (c.strip() for c in cells))))
    return tuple(rows)


@lru_cache(maxsize=None)
def mapping(name: str, key: str, value: str) -> dict[str, str]:
    """A two-column view of a table: ``{row[key]: row[value]}``."""
    return {row[key]: row[value] for row in table(name)}


@lru_cache(maxsize=None)
def json_data(name: str) -> Any:
    return json.loads(_read(name))


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of literal words, longest first so the longest wins."""
    import regex

    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
