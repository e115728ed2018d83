"""What every extractor returns, and the registry that names them.

An extractor reads a :class:`~policyparse.document.NormalizedDocument` and its
:class:`~policyparse.layout.Layout` and returns :class:`Fields`. Reading,
normalization and segmentation are shared; extractors differ in how they find
and delimit items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Optional, Protocol

from ..document import NormalizedDocument
from ..layout import Layout
from ..schemas import Attachment, Deadline, Department, DocNumber, Issuer, Measure, Reference, Target


@dataclass
class Fields:
    """The extracted fields of one record (everything but source and text)."""

    title: Optional[str] = None
    doc_type: Optional[str] = None
    doc_number: Optional[DocNumber] = None
    issuers: list[Issuer] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    issue_date: Optional[dt.date] = None
    publish_date: Optional[dt.date] = None
    disclosure: Optional[str] = None
    contact: Optional[str] = None
    copy_to: list[str] = field(default_factory=list)
    printed_by: Optional[str] = None
    printed_date: Optional[dt.date] = None
    references: list[Reference] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Extractor(Protocol):
    name: str

    def extract(self, doc: NormalizedDocument, layout: Layout) -> Fields: ...


_REGISTRY: dict[str, Callable[[], Extractor]] = {}
_INSTANCES: dict[str, Extractor] = {}


def register(name: str) -> Callable[[Callable[[], Extractor]], Callable[[], Extractor]]:
    """Register an extractor factory under ``name`` (``rules``, ``jieba``, …)."""

    def deco(factory: Callable[[], Extractor]) -> Callable[[], Extractor]:
        _REGISTRY[name] = factory
        return factory

    return deco


def available() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


def get_extractor(name: str) -> Extractor:
    """The extractor registered as ``name``, built once per process."""
    _load_builtin()
    if name not in _REGISTRY:
        raise ValueError(f"unknown extractor {name!r}; available: {', '.join(sorted(_REGISTRY))}")
    if name not in _INSTANCES:
        _INSTANCES[name] = _REGISTRY[name]()
    return _INSTANCES[name]


def _load_builtin() -> None:
    from . import rules  # noqa: F401  (registers "rules")

    try:
        from . import segmented  # noqa: F401  (registers "jieba")
    except ImportError:
        pass
