"""One reader per format, chosen by the file's content first and its name second.

``read(path)`` returns a :class:`~policyparse.document.RawDocument`; it raises a
:class:`~policyparse.errors.PolicyParseError` subclass with a stable ``type``
when the file cannot be read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from ..document import RawDocument
from ..errors import EmptyFile, FileNotReadable, TooLarge, UnsupportedFormat
from .html import read_html
from .sniff import sniff_format
from .text import read_text

MAX_FILE_BYTES = 512 * 1024 * 1024

Reader = Callable[[bytes], RawDocument]

_EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
    ".wps": "wps",
    ".ofd": "ofd",
}


def _reader_for(fmt: str) -> Reader:
    if fmt in ("txt", "md"):
        return lambda data: read_text(data, fmt)
    if fmt == "html":
        return read_html
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf
    if fmt == "docx":
        from .docx import read_docx

        return read_docx
    if fmt in ("doc", "wps"):
        from .legacy import read_legacy_word

        return lambda data: read_legacy_word(data, fmt)
    if fmt == "ofd":
        from .ofd import read_ofd

        return read_ofd
    raise UnsupportedFormat(f"no reader for format {fmt!r}")


def format_from_name(path: str | os.PathLike[str]) -> str | None:
    """The format a file's extension names (``.htm`` → ``html``), or None."""
    return _EXTENSIONS.get(Path(path).suffix.lower())


def supported_extensions() -> list[str]:
    return sorted(_EXTENSIONS)


def read_bytes(data: bytes, name: str = "") -> RawDocument:
    """Read a document from its bytes; ``name`` only helps when the content is ambiguous."""
    if not data:
        raise EmptyFile("the file is empty (0 bytes)")
    named = format_from_name(name) if name else None
    sniffed = sniff_format(data)
    # "txt" is what sniffing says when nothing stronger matched: a text format named
    # by the extension (an .html page whose closing tags are far down) wins over it.
    if sniffed == "txt" and named in ("html", "md"):
        sniffed = named
    if sniffed == "appledouble":
        base = Path(name).name
        twin = f" (the document is {base[2:]!r})" if base.startswith("._") else ""
        raise UnsupportedFormat(f"an AppleDouble file: the Finder data and resource fork macOS keeps beside a "
                                f"document, not a document{twin}")
    fmt = sniffed or named
    if fmt is None:
        raise UnsupportedFormat(
            f"cannot tell what kind of file {Path(name).name or 'this'} is; "
            f"supported: {', '.join(supported_extensions())}"
        )
    doc = _reader_for(fmt)(data)
    if named and sniffed and named != sniffed and {named, sniffed} != {"txt", "md"}:
        doc.warnings.insert(0, f"file is named .{Path(name).suffix.lstrip('.').lower()} but its content is {sniffed}; read as {sniffed}")
    return doc


def read(path: str | os.PathLike[str]) -> RawDocument:
    """Read the file at ``path`` with the reader for its real format."""
    p = Path(path)
    try:
        if not p.is_file():
            if p.is_symlink() and not p.exists():
                raise FileNotReadable(f"{p} is a broken symbolic link (to {os.readlink(p)})")
            raise FileNotReadable(f"{p} is not a file" if p.exists() else f"{p} does not exist")
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TooLarge(f"the file is {size // (1024 * 1024)} MB; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = p.read_bytes()
    except PermissionError as exc:
        raise FileNotReadable(f"permission denied: {p}") from exc
    except OSError as exc:
        raise FileNotReadable(f"cannot read {p}: {exc.strerror or exc}") from exc
    return read_bytes(data, p.name)
