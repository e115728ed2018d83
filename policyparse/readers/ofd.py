"""Read OFD documents (GB/T 33190): a zip of XML pages with positioned text.

Each page's ``TextObject``/``TextCode`` elements are placed by their boundary and
offsets, grouped into lines by their baseline and read top to bottom, left to
right. Document metadata comes from ``OFD.xml``'s ``DocInfo``. XML is parsed with
defusedxml (no entities, no network) and every member is read in memory with a
size limit on the bytes it unpacks to (not on what its header says), never
extracted to disk.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from typing import Any, Optional

from defusedxml import ElementTree as SafeET

from ..document import Line, RawDocument
from ..errors import CorruptFile, EmptyFile, TooLarge
from .archive import read_member

MAX_MEMBER = 50 * 1024 * 1024
MAX_TOTAL = 300 * 1024 * 1024


@dataclass
class _Glyphs:
    x: float
    y: float
    size: float
    text: str


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(el: Any, name: str) -> Optional[Any]:
    for child in el.iter():
        if _local(child.tag) == name:
            return child
    return None


class _Package:
    def __init__(self, data: bytes):
        self.data = data
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise CorruptFile(f"the OFD is not a readable zip archive ({exc}); it may be truncated") from exc
        self.names = {n.lstrip("/").lower(): n for n in self.zf.namelist()}
        total = 0
        for info in self.zf.infolist():
            total += info.file_size
            if info.file_size > MAX_MEMBER or total > MAX_TOTAL:
                raise TooLarge(f"the OFD unpacks beyond the size limit (member {info.filename!r})")

    def xml(self, path: str) -> Any:
        name = self.names.get(posixpath.normpath(path.lstrip("/")).lower())
        if name is None:
            raise CorruptFile(f"the OFD lacks its part {path!r}")
        raw = read_member(self.data, self.zf.getinfo(name), MAX_MEMBER, "OFD")  # streamed, with a hard cap
        try:
            return SafeET.fromstring(raw)
        except SafeET.ParseError as exc:
            raise CorruptFile(f"the OFD part {path!r} is not well-formed XML: {exc}") from exc
        except Exception as exc:  # defusedxml refuses entities, DTDs and external references
            raise CorruptFile(f"the OFD part {path!r} was refused by the safe XML parser: {type(exc).__name__}") from exc


def _floats(s: Optional[str]) -> list[float]:
    out = []
    for part in (s or "").replace(",", " ").split():
        try:
            out.append(float(part))
        except ValueError:
            out.append(0.0)
    return out


def _page_glyphs(root: Any) -> list[_Glyphs]:
    out: list[_Glyphs] = []
    for obj in root.iter():
        if _local(obj.tag) != "TextObject":
            continue
        box = _floats(obj.get("Boundary")) + [0.0, 0.0, 0.0, 0.0]
        size = float(obj.get("Size") or 0) or 3.5
        for code in obj:
            if _local(code.tag) != "TextCode" or not code.text:
                continue
            x = box[0] + (float(code.get("X") or 0))
            y = box[1] + (float(code.get("Y") or 0))
            out.append(_Glyphs(x, y, size, code.text))
    return out


def _lines(glyphs: list[_Glyphs]) -> list[str]:
    glyphs.sort(key=lambda g: (g.y, g.x))
    rows: list[list[_Glyphs]] = []
    for g in glyphs:
        if rows and abs(rows[-1][0].y - g.y) <= 0.5 * max(g.size, rows[-1][0].size):
            rows[-1].append(g)
        else:
            rows.append([g])
    out = []
    for row in rows:
        row.sort(key=lambda g: g.x)
        parts = [row[0].text]
        for prev, g in zip(row, row[1:]):
            prev_end = prev.x + prev.size * len(prev.text)
            parts.append(("  " if g.x - prev_end > 2 * g.size else "") + g.text)
        out.append("".join(parts))
    return out


def read_ofd(data: bytes) -> RawDocument:
    """Text of every page in reading order, and DocInfo metadata."""
    pkg = _Package(data)
    ofd = pkg.xml("OFD.xml")
    body = _find(ofd, "DocBody")
    root_el = _find(body, "DocRoot") if body is not None else None
    if root_el is None or not (root_el.text or "").strip():
        raise CorruptFile("the OFD has no DocRoot")
    doc_path = root_el.text.strip()
    base = posixpath.dirname(doc_path)
    meta: dict[str, str] = {}
    info = _find(body, "DocInfo")
    if info is not None:
        for child in info:
            if child.text and child.text.strip() and _local(child.tag) in ("Title", "Author", "Subject", "CreationDate"):
                meta["OFD" + _local(child.tag)] = child.text.strip()
    document = pkg.xml(doc_path)
    lines: list[Line] = []
    pages = [p for p in document.iter() if _local(p.tag) == "Page"]
    for number, page in enumerate(pages, start=1):
        loc = page.get("BaseLoc")
        if not loc:
            continue
        page_root = pkg.xml(posixpath.join(base, loc))
        lines += [Line(text, page=number) for text in _lines(_page_glyphs(page_root))]
    if not any(line.text.strip() for line in lines):
        raise EmptyFile("the OFD has no text (a scan: OCR of OFD is not supported)")
    if meta.get("OFDTitle"):
        meta["页面标题"] = meta["OFDTitle"]
    return RawDocument(lines=lines, format="ofd", pages=len(pages), meta=meta)
