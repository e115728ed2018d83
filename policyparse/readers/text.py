"""Read plain-text notices (``.txt``, ``.md``): decode, split into lines."""

from __future__ import annotations

from ..document import Line, RawDocument
from ..errors import EmptyFile
from .encoding import decode


def read_text(data: bytes, fmt: str = "txt") -> RawDocument:
    """Decode a text file and return its lines; the detected encoding is reported.

    >>> read_text("各设区市人力资源社会保障局：\\r\\n".encode("gbk")).encoding
    'gb18030'
    """
    if not data.strip():
        raise EmptyFile("the file is empty")
    text, encoding, warnings = decode(data)
    if "\x00" in text:
        warnings.append(f"{text.count(chr(0))} NUL character(s) removed")
        text = text.replace("\x00", "")
    lines = [Line(part) for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if not any(line.text.strip() for line in lines):
        raise EmptyFile("the file has no text")
    return RawDocument(lines=lines, format=fmt, encoding=encoding, warnings=warnings)
