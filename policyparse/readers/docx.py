"""Read DOCX notices with python-docx: paragraphs, tables and text boxes in reading order.

Automatic list numbering is rendered from numbering.xml (:mod:`.numbering`), so
"一、"/"（一）"/"1." labels are in the text as printed. Tables with one column are
page layout (a notice typed inside a frame): their paragraphs are read as body
text. Headers and footers are left out.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any, Iterator

from ..document import Line, RawDocument
from ..errors import CorruptFile, EmptyFile, TooLarge
from .archive import check_members
from .numbering import W, NumberingRenderer

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # a DOCX whose parts unpack beyond this is refused


def _check_zip(data: bytes) -> None:
    """Refuse zip bombs before python-docx unpacks anything.

    The declared sizes are checked first (cheap), then every member is inflated in
    pieces with a hard cap (:mod:`.archive`): python-docx's ``zipfile`` would
    inflate a member whole, whatever size its header declares.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = 0
            for info in zf.infolist():
                total += info.file_size
                if info.file_size > MAX_UNCOMPRESSED or total > MAX_UNCOMPRESSED:
                    raise TooLarge(
                        f"the DOCX unpacks to more than {MAX_UNCOMPRESSED // (1024 * 1024)} MB (member {info.filename!r})"
                    )
            check_members(data, zf, MAX_UNCOMPRESSED, MAX_UNCOMPRESSED, "DOCX")
    except zipfile.BadZipFile as exc:
        raise CorruptFile(f"the DOCX is not a readable zip archive ({exc}); it may be truncated") from exc


class _Reader:
    def __init__(self, document: Any):
        self.document = document
        self.table_id = 0
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            numbering = None
        self.numbers = NumberingRenderer(numbering, document.styles.element)

    def blocks(self, parent: Any) -> Iterator[Line]:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        for block in parent.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                for box in block.iter(f"{W}txbxContent"):  # text boxes (a red 版头 often sits in one)
                    yield from self.blocks(box)
                label = self.numbers.label(block)
                # a manual line break (<w:br/>) inside a paragraph is a line of its own
                for k, part in enumerate(Paragraph(block, self.document).text.split("\n")):
                    yield Line((label if k == 0 else "") + part)
            elif tag == "tbl":
                yield from self.table(Table(block, self.document))
            elif tag == "sdt":  # content controls wrap ordinary blocks
                content = block.find(f"{W}sdtContent")
                if content is not None:
                    yield from self.blocks(content)

    def table(self, table: Any) -> Iterator[Line]:
        columns = max((len(row.cells) for row in table.rows), default=0)
        if columns <= 1:
            for row in table.rows:
                for cell in row.cells:
                    yield from self.blocks(cell._tc)
            return
        tid = self.table_id
        self.table_id += 1
        for row in table.rows:
            cells: list[str] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                    cells.append("")
                    continue
                seen.add(id(cell._tc))
                text = "\n".join(p.text for p in cell.paragraphs).strip()
                cells.append(" ".join(text.split()))
            if any(cells):
                yield Line("\t".join(cells), cells=tuple(cells), table=tid)


def read_docx(data: bytes) -> RawDocument:
    """Body paragraphs (with their list labels) and table rows in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptFile(f"the DOCX cannot be opened: {exc}") from exc
    except Exception as exc:  # lxml raises its own errors for broken XML parts
        if type(exc).__module__.startswith("lxml"):
            raise CorruptFile(f"the DOCX has a broken XML part: {exc}") from exc
        raise
    lines = list(_Reader(document).blocks(document.element.body))
    if not any(line.text.strip() for line in lines):
        raise EmptyFile("the DOCX has no text")
    return RawDocument(lines=lines, format="docx")
