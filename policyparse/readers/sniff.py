"""Tell a file's real format from its first bytes, whatever its name says."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Optional

_HTML_START = re.compile(rb"^\s*<[!a-zA-Z?]")
_HTML_TAG = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|div|table|p|script|style|link|span|a|br|center|font|h[1-6]|ul|ol|li|iframe|form)[\s>/]",
    re.I,
)


def _zip_kind(data: bytes) -> Optional[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "zip-broken"
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names or any(n.lower() == "ofd.xml" for n in names):
        return "ofd"
    return "zip"


def sniff_format(data: bytes) -> Optional[str]:
    """``pdf``, ``docx``, ``ofd``, ``doc``, ``html``, ``txt``, ``appledouble`` or None when unknown.

    ``appledouble`` is not a document: macOS writes a file's Finder data and resource
    fork beside it as ``._name`` on disks that cannot hold them.

    >>> sniff_format(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff_format("<html><body>附件</body></html>".encode())
    'html'
    >>> sniff_format(b"\\x00\\x05\\x16\\x07\\x00\\x02\\x00\\x00Mac OS X        ")
    'appledouble'
    """
    head = data[:2048]
    if head[:4] in (b"\x00\x05\x16\x07", b"\x00\x05\x16\x00"):  # AppleDouble, AppleSingle
        return "appledouble"
    if head.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        kind = _zip_kind(data)
        if kind in ("docx", "ofd"):
            return kind
        return None if kind == "zip" else None
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "doc"
    probe = head
    for bom in (b"\xef\xbb\xbf",):
        if probe.startswith(bom):
            probe = probe[len(bom):]
    if _HTML_START.match(probe) and _HTML_TAG.search(data[:8192]) and (b"</" in data or b"/>" in data):
        return "html"
    if b"\x00" in head and not (head.count(b"\x00") > len(head) // 4):
        return None  # binary, not UTF-16 text
    return "txt"
