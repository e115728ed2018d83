"""Read plain-text notices (``.txt``, ``.md``): decode, split into lines."""

from __future__ import annotations

import os

import regex as re

from ..document import Line, RawDocument
from ..errors import CorruptFile, EmptyFile, TooLarge
from .encoding import decode

# Characters a notice is made of; a "text" mostly of anything else is binary data.
_TEXTUAL = re.compile(r"[\p{Han}\p{P}\p{Zs}\s\w]")
# What bytes that are not text decode to: control codes, private-use glyphs, U+FFFD.
_NOISE = re.compile(r"[\p{Cc}\p{Co}\uFFFD--[\t\n\r\f\v\x00]]", re.V1)


def max_text_chars() -> int:
    """The largest text accepted (``POLICYPARSE_MAX_TEXT_MB``, default 20 MB of UTF-8)."""
    mb = float(os.environ.get("POLICYPARSE_MAX_TEXT_MB", "20"))
    return int(mb * 1024 * 1024 / 3)  # a Chinese character is 3 bytes of UTF-8


def read_text(data: bytes, fmt: str = "txt") -> RawDocument:
    """Decode a text file and return its lines; the detected encoding is reported.

    >>> read_text("各设区市人力资源社会保障局：\\r\\n".encode("gbk")).encoding
    'gb18030'
    """
    if not data.strip():
        raise EmptyFile("the file is empty")
    limit = max_text_chars()
    if len(data) > 4 * limit:
        raise TooLarge(f"the file is {len(data) // (1024 * 1024)} MB of text; the limit is "
                       f"{os.environ.get('POLICYPARSE_MAX_TEXT_MB', '20')} MB (POLICYPARSE_MAX_TEXT_MB)")
    text, encoding, warnings = decode(data)
    if len(text) > limit:
        raise TooLarge(f"the text has {len(text):,} characters; the limit is {limit:,} (POLICYPARSE_MAX_TEXT_MB)")
    sample = text[:20000]
    if sample and (len(_TEXTUAL.findall(sample)) < 0.7 * len(sample) or len(_NOISE.findall(sample)) > 0.05 * len(sample)):
        raise CorruptFile("the file is binary data, not text")
    if "\x00" in text:
        warnings.append(f"{text.count(chr(0))} NUL character(s) removed")
        text = text.replace("\x00", "")
    lines = [Line(part) for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if not any(line.text.strip() for line in lines):
        raise EmptyFile("the file has no text")
    return RawDocument(lines=lines, format=fmt, encoding=encoding, warnings=warnings)
