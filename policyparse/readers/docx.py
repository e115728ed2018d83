"""Read DOCX notices with python-docx: paragraphs and tables in reading order.

Tables with one column are page layout (a notice typed inside a frame): their
paragraphs are read as body text. Other tables keep their cells.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any, Iterator

from ..document import Line, RawDocument
from ..errors import CorruptFile, EmptyFile


class _Reader:
    def __init__(self, document: Any):
        self.document = document
        self.table_id = 0

    def blocks(self, parent: Any) -> Iterator[Line]:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        for block in parent.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                # a manual line break (<w:br/>) inside a paragraph is a line of its own
                for part in Paragraph(block, self.document).text.split("\n"):
                    yield Line(part)
            elif tag == "tbl":
                yield from self.table(Table(block, self.document))
            elif tag == "sdt":  # content controls wrap ordinary blocks
                content = block.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdtContent")
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
    """Body paragraphs and table rows in document order; headers and footers left out."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptFile(f"the DOCX cannot be opened: {exc}") from exc
    lines = list(_Reader(document).blocks(document.element.body))
    if not any(line.text.strip() for line in lines):
        raise EmptyFile("the DOCX has no text")
    return RawDocument(lines=lines, format="docx")
