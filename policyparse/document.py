"""Typed values passed between the stages: read → normalize → segment → extract.

A reader turns a file into a :class:`RawDocument` (lines with their page, page
metadata, warnings). :func:`policyparse.normalize.normalize` turns that into a
:class:`NormalizedDocument`, whose ``text`` is the string every span points into.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass(frozen=True)
class Line:
    """One line or paragraph as the reader found it.

    ``cells`` is set for a row of a table (the reader saw real cells); ``page`` is
    the 1-based page for paged formats.
    """

    text: str
    page: Optional[int] = None
    cells: Optional[tuple[str, ...]] = None
    table: Optional[int] = None  # index of the table the row belongs to
    wraps: Optional[bool] = None  # layout says the line runs on into the next (PDF)
    heading: bool = False  # layout says the line is a heading (font size, style)


@dataclass
class RawDocument:
    """What a reader produced, before normalization."""

    lines: list[Line]
    format: str
    encoding: Optional[str] = None
    pages: Optional[int] = None
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TextLine:
    """A line of the normalized text: ``text[start:end]``, without the newline."""

    start: int
    end: int
    page: Optional[int] = None
    table: Optional[int] = None
    heading: bool = False  # printed large (PDF): the 版头 or the title


@dataclass
class NormalizedDocument:
    """The normalized text, its lines, and what the reader learned about the page."""

    text: str
    lines: list[TextLine]
    format: str
    meta: dict[str, str] = field(default_factory=dict)
    pages: Optional[int] = None
    encoding: Optional[str] = None
    warnings: list[str] = field(default_factory=list)
    # what extractors derive from the text once per document (the jieba words), by name
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def line_text(self, i: int) -> str:
        line = self.lines[i]
        return self.text[line.start : line.end]

    def line_at(self, offset: int) -> int:
        """Index of the line that holds character ``offset`` (binary search)."""
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def page_spans(self) -> list[tuple[int, int, int]]:
        """``(page, start, end)`` for each page that holds text, in order."""
        spans: list[tuple[int, int, int]] = []
        for line in self.lines:
            if line.page is None:
                continue
            if spans and spans[-1][0] == line.page:
                spans[-1] = (line.page, spans[-1][1], line.end)
            else:
                spans.append((line.page, line.start, line.end))
        return spans
