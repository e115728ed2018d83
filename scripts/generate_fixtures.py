"""Generate Word and PDF versions of the corpus notices, for the reader tests.

For each ``corpus/*.txt`` this writes

- ``corpus/generated/docx/<stem>.docx``: the notice typeset as a 公文 (centred title,
  indented body, page numbers "— N —" in the footer) with the measure markers
  printed in the text;
- ``corpus/generated/docx_numbered/<stem>.docx``: the same, but every measure marker
  comes from Word's automatic numbering (numbering.xml: chineseCounting "一、",
  "（一）" numbering that never restarts, decimal "1." that restarts), so the
  reader has to render the labels;
- ``corpus/generated/pdf/<stem>.pdf``: the first one converted by LibreOffice.

The outputs are committed, so the tests need neither LibreOffice nor fonts. To
regenerate (Debian: ``apt-get install libreoffice-writer-nogui fonts-noto-cjk``):

    python scripts/generate_fixtures.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

import policyparse
from policyparse.extractors.measures import Style, match_marker

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "corpus" / "generated"
FONT = "Noto Serif CJK SC"

# numbering levels: (style, numFmt, lvlText, restart-after-level or 0 for never); a
# level whose printed numbers continue across parents gets "never restart"
LEVELS = {
    Style.CN_COMMA: (0, "chineseCounting", "%1、", None),
    Style.CN_PAREN: (1, "chineseCounting", "（%2）", None),
    Style.AR_DOT: (2, "decimal", "%3.", None),
    Style.AR_PAREN: (3, "decimal", "（%4）", None),
}


def _continuing_levels(rec) -> set[int]:
    """Levels whose printed numbers run on across parents (seed 000: （四） under 二、)."""
    out = set()
    seen: dict[tuple[str, int], int] = {}
    for m in rec.measures:
        n = int(m.id.rsplit(".", 1)[-1])
        key = (m.parent or "", m.level)
        seen[key] = seen.get(key, 0) + 1
        if n != seen[key]:
            out.add(m.level - 1)
    return out


def _font(run, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), FONT)


def _footer_page_numbers(doc) -> None:
    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run("— ")
    _font(run, 12)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    footer._p.append(fld)
    run = footer.add_run(" —")
    _font(run, 12)


def _add_numbering(doc, continuing: set[int]) -> int:
    """A multi-level list in numbering.xml; returns its numId."""
    numbering = doc.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for style, (ilvl, fmt, text, restart) in LEVELS.items():
        restart = 0 if ilvl in continuing else restart
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:suff", "nothing")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        if restart is not None:
            el = OxmlElement("w:lvlRestart")
            el.set(qn("w:val"), str(restart))
            lvl.append(el)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    return 90


def _numbered(paragraph, num_id: int, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", ilvl), ("w:numId", num_id)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(val))
        numpr.append(el)
    ppr.append(numpr)


def build_docx(path: Path, auto_numbering: bool) -> Document:
    rec = policyparse.parse(path)
    measure_lines = {m.span[0]: m for m in rec.measures}
    doc = Document()
    doc.part.numbering_part  # make sure the part exists
    num_id = _add_numbering(doc, _continuing_levels(rec)) if auto_numbering else 0
    _footer_page_numbers(doc)
    title_lines = {rec.title} if rec.title else set()
    pos = 0
    table = None
    for line in rec.text.split("\n"):
        start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        if "\t" in line:  # a table row: a ruled Word table
            cells = line.split("\t")
            if table is None or len(table.columns) != len(cells):
                table = doc.add_table(rows=0, cols=len(cells))
                table.style = "Table Grid"
            row = table.add_row()
            for cell, value in zip(row.cells, cells):
                _font(cell.paragraphs[0].add_run(value), 10.5)
            continue
        table = None
        p = doc.add_paragraph()
        if rec.title and (line in title_lines or rec.title.replace(" ", "") in line.replace(" ", "")):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(p.add_run(line), 22)
            continue
        m = measure_lines.get(start)
        mm = match_marker(line) if m else None
        if auto_numbering and m and mm and mm.style in LEVELS:
            _numbered(p, num_id, LEVELS[mm.style][0])
            _font(p.add_run(line[mm.end :]), 16)
            continue
        p.paragraph_format.first_line_indent = Pt(32)
        _font(p.add_run(line), 16)
    return doc


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    for sub in ("docx", "docx_numbered", "pdf"):
        (OUT / sub).mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        build_docx(path, False).save(OUT / "docx" / f"{path.stem}.docx")
        build_docx(path, True).save(OUT / "docx_numbered" / f"{path.stem}.docx")
        if soffice:
            with tempfile.TemporaryDirectory() as profile:
                subprocess.run(
                    [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                     "--outdir", str(OUT / "pdf"), str(OUT / "docx" / f"{path.stem}.docx")],
                    check=True, capture_output=True, timeout=180,
                )
        print(path.stem, "done", file=sys.stderr)
    if not soffice:
        print("soffice not found: PDFs not regenerated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
