"""The public entry points: ``parse(path)`` and ``parse_text(text)``.

The way a document travels: read → normalize → segment → extract → validate.
Each stage is a plain function; this module only strings them together and
turns failures into error records.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Optional, Union

from .document import Line, RawDocument
from .errors import PolicyParseError, StrictModeError
from .extractors import get_extractor
from .layout import segment
from .normalize import normalize
from .paths import path_fields
from .readers import format_from_name, read_bytes
from .readers import read as read_file
from .schemas import ErrorInfo, Page, PolicyRecord, Source
from .verdict import judge

PathLike = Union[str, os.PathLike]


def build_record(raw: RawDocument, source: Source, extractor: str = "rules", strict: bool = False,
                 explain: bool = False) -> PolicyRecord:
    """Run normalize → segment → extract on a reader's output; the extractor fills the record.

    With ``explain``, ``record.dropped`` lists the candidates the extractors dropped and why.
    """
    doc = normalize(raw)
    if explain:
        doc.cache["explain"] = []
    layout = segment(doc)
    source.encoding = source.encoding or raw.encoding
    source.pages = raw.pages if raw.pages is not None else source.pages
    record = PolicyRecord(
        source=source,
        extractor=extractor,
        text=doc.text,
        pages=[Page(number=p, span=(s, e)) for p, s, e in doc.page_spans()],
        warnings=list(doc.warnings),
    )
    get_extractor(extractor).extract(doc, layout, record)
    record.dropped = doc.cache.get("explain", [])
    judge(record)  # is it a 公文? a warning when not
    if strict and record.warnings:
        raise StrictModeError("; ".join(record.warnings))
    return record  # every item was validated when it was built


def error_record(source: Source, exc: BaseException, extractor: str = "rules") -> PolicyRecord:
    """The record for a file that could not be parsed: its source and a typed error."""
    if isinstance(exc, PolicyParseError):
        info = ErrorInfo(type=exc.type, message=exc.message)
    elif isinstance(exc, MemoryError):
        info = ErrorInfo(type="MemoryLimit", message="the file needed more memory than allowed")
    elif isinstance(exc, RecursionError):
        info = ErrorInfo(type="CorruptFile", message="the file is nested too deeply to read")
    else:
        info = ErrorInfo(type="ParseError", message=f"{type(exc).__name__}: {exc}")
    return PolicyRecord(source=source, extractor=extractor, error=info)


def display_path(path: Union[str, os.PathLike]) -> str:
    """A path as text, whatever bytes its name has (undecodable bytes as \\xNN).

    >>> display_path(b"caf\\xe9.txt".decode("utf-8", "surrogateescape"))
    'caf\\\\xe9.txt'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _source_for(path: Path, data: Optional[bytes]) -> Source:
    src = Source(**path_fields(path), format=format_from_name(path))
    if data is not None:
        src.sha256 = hashlib.sha256(data).hexdigest()
        src.size = len(data)
    return src


def parse(path: PathLike, extractor: str = "rules", strict: bool = False, explain: bool = False) -> PolicyRecord:
    """Parse the notice at ``path`` (TXT, Markdown, HTML, PDF, DOCX, DOC, OFD).

    Never raises for a bad file: the record's ``error`` says what went wrong
    (``strict=True`` raises :class:`~policyparse.errors.StrictModeError` on warnings
    instead). An unknown ``extractor`` name raises ``ValueError``. ``explain=True`` keeps the
    candidates the extractors dropped, with the reason, in ``record.dropped``.

    >>> rec = parse("corpus/000_db58ebbd9e288b9a.txt")  # doctest: +SKIP
    >>> rec.doc_number.raw  # doctest: +SKIP
    '苏人社发〔2024〕45号'
    """
    get_extractor(extractor)  # fail fast on a bad name, before touching the file
    p = Path(path)
    data: Optional[bytes] = None
    try:
        raw = read_file(p)
        data = p.read_bytes() if p.is_file() else None
        source = _source_for(p, data)
        source.format = raw.format
        return build_record(raw, source, extractor, strict, explain)
    except StrictModeError:
        raise
    except Exception as exc:  # a bad file must give a record, never stop a batch
        if data is None:
            try:
                data = p.read_bytes()
            except OSError:
                data = None
        return error_record(_source_for(p, data), exc, extractor)


def parse_bytes(data: bytes, name: str = "", extractor: str = "rules", strict: bool = False,
                explain: bool = False) -> PolicyRecord:
    """Parse a document held in memory; ``name`` (a file name) helps pick the format."""
    get_extractor(extractor)
    source = Source(path=name or None, format=format_from_name(name) if name else None,
                    sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    try:
        raw = read_bytes(data, name)
        source.format = raw.format
        return build_record(raw, source, extractor, strict, explain)
    except StrictModeError:
        raise
    except Exception as exc:
        return error_record(source, exc, extractor)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_text(text: str, extractor: str = "rules", strict: bool = False, explain: bool = False) -> PolicyRecord:
    """Parse a notice given as a string.

    >>> rec = parse_text("苏人社发〔2024〕45号\\n关于实施先进制造业促就业行动的通知\\n各设区市人力资源社会保障局：\\n一、总体要求")
    >>> rec.doc_number.raw, rec.doc_type, rec.recipients
    ('苏人社发〔2024〕45号', '通知', ['各设区市人力资源社会保障局'])
    """
    get_extractor(extractor)
    warnings = []
    lone = len(_LONE_SURROGATE.findall(text))
    if lone:  # a str made with errors="surrogateescape" or sliced from UTF-16: not text
        text = _LONE_SURROGATE.sub("\ufffd", text)
        warnings.append(f"{lone} lone surrogate code point(s) replaced by U+FFFD")
    raw = RawDocument(lines=[Line(s) for s in text.replace("\r\n", "\n").split("\n")], format="txt", encoding=None,
                      warnings=warnings)
    source = Source(format="txt", sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return build_record(raw, source, extractor, strict, explain)
