"""The policyparse record: one pydantic model per SPEC section, the single source of truth.

Every extracted item carries ``span`` (``[start, end)`` in characters of
``PolicyRecord.text``) and ``measure_id`` (the innermost measure it sits in).
``page`` is filled for paged formats (PDF, OFD) and is ``None`` elsewhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Span = tuple[int, int]
Number = Union[int, float]

Comparator = Literal[">=", ">", "<=", "<", "~", "=", "range"]
DeadlineKind = Literal["by", "start", "within", "recurring", "period"]
DurationUnit = Literal["day", "workday", "week", "month", "year"]
Frequency = Literal["year", "half_year", "quarter", "month", "week", "day"]
Role = Literal["lead", "responsible", "cooperate", "contact"]
TargetSource = Literal["text", "table"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    """Where the record came from."""

    path: Optional[str] = Field(None, description="the path as given; bytes that are not UTF-8 shown as \\xNN")
    path_bytes: Optional[str] = Field(
        None, description="only for a name that is not UTF-8: the path's exact bytes, percent-encoded "
                          "(urllib.parse.unquote_to_bytes gives them back)")
    format: Optional[str] = Field(None, description="txt, html, md, pdf, docx, doc, ofd, …")
    sha256: Optional[str] = None
    pages: Optional[int] = Field(None, description="page count for paged formats")
    encoding: Optional[str] = Field(None, description="detected text encoding, for text formats")
    size: Optional[int] = Field(None, description="file size in bytes")


class Page(_Model):
    """A page of a paged source and the characters of ``text`` it holds."""

    number: int = Field(..., description="1-based page number")
    span: Span


class DocNumber(_Model):
    """A 发文字号 such as 苏人社发〔2024〕45号."""

    raw: str = Field(..., description="brackets normalized to 〔〕")
    agency: Optional[str] = Field(None, description="机关代字, e.g. 苏人社发")
    year: Optional[int] = None
    serial: Optional[int] = None


class Issuer(_Model):
    name: str


class Item(_Model):
    """Fields shared by every extracted item."""

    span: Span
    measure_id: Optional[str] = None
    page: Optional[int] = None


class Reference(Item):
    """Another document cited by 《title》 or by 文号."""

    title: Optional[str] = None
    doc_number: Optional[str] = None
    text: str = ""


class Measure(Item):
    """A numbered item of the body (一、/（一）/1./（1）/①, 第X章/第X条)."""

    id: str
    level: int
    marker: str
    parent: Optional[str] = None
    heading: Optional[str] = None
    text: str = Field("", description="the item's own text, without its children")


class Target(Item):
    """A quantity the document commits to reach, keep or not exceed."""

    text: str
    indicator: Optional[str] = None
    value: Number
    value_max: Optional[Number] = None
    unit: Optional[str] = None
    comparator: Comparator = "="
    period: Optional[str] = None
    due: Optional[dt.date] = None
    scope: Optional[str] = None
    source: TargetSource = "text"


class Duration(_Model):
    value: Number
    unit: DurationUnit


class Deadline(Item):
    """A time limit or schedule, normalized against the document's own date."""

    text: str
    kind: DeadlineKind
    date: Optional[dt.date] = None
    start: Optional[dt.date] = None
    duration: Optional[Duration] = None
    frequency: Optional[Frequency] = None


class Department(Item):
    """A body the document assigns to do something."""

    text: str
    name: str
    role: Role = "responsible"


class Attachment(_Model):
    """A 附件: its title and its tables as rows of cell strings."""

    title: Optional[str] = None
    tables: list[list[list[str]]] = Field(default_factory=list)
    span: Optional[Span] = None


class Dropped(_Model):
    """A candidate an extractor found and dropped, with the reason (``parse(..., explain=True)``)."""

    field: str
    text: str
    span: Span
    reason: str


class ErrorInfo(_Model):
    """Why a file could not be parsed. ``type`` is stable; see README's error table."""

    type: str
    message: str


class PolicyRecord(_Model):
    """One input document, parsed or failed."""

    schema_version: str = SCHEMA_VERSION
    source: Source = Field(default_factory=Source)
    extractor: str = "rules"
    text: str = ""
    pages: list[Page] = Field(default_factory=list)
    title: Optional[str] = None
    doc_type: Optional[str] = None
    doc_number: Optional[DocNumber] = None
    issuers: list[Issuer] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    issue_date: Optional[dt.date] = None
    publish_date: Optional[dt.date] = None
    disclosure: Optional[str] = None
    contact: Optional[str] = None
    copy_to: list[str] = Field(default_factory=list, description="抄送 organs of the 版记")
    printed_by: Optional[str] = Field(None, description="印发机关 of the 版记")
    printed_date: Optional[dt.date] = Field(None, description="印发日期 of the 版记")
    references: list[Reference] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    departments: list[Department] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    is_notice: Optional[bool] = Field(
        None, description="whether the document is a 公文, judged from its anatomy (policyparse/verdict.py); "
                          "None when the file failed")
    notice_evidence: list[str] = Field(
        default_factory=list, description="the parts of a notice found: doc_type, doc_number, recipients, issuers, "
                                          "issue_date, measures")
    warnings: list[str] = Field(default_factory=list)
    dropped: list[Dropped] = Field(default_factory=list, description="candidates dropped and why (explain=True only)")
    error: Optional[ErrorInfo] = None

    @property
    def ok(self) -> bool:
        """True when the file was parsed (possibly with warnings)."""
        return self.error is None

    def page_of(self, item: Item) -> Optional[int]:
        """The 1-based page on which ``item`` starts, or ``None`` for unpaged sources."""
        start = item.span[0]
        for page in self.pages:
            if page.span[0] <= start < page.span[1]:
                return page.number
        return None

    def span_text(self, item: Item) -> str:
        """The words of ``text`` that ``item`` was read from."""
        return self.text[item.span[0] : item.span[1]]


def record_json_schema() -> dict:
    """The JSON Schema of a record, as ``policyparse schema`` prints it."""
    return PolicyRecord.model_json_schema()
