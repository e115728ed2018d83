"""Read PDF notices: text-layer PDFs fast, scans through OCR, every line stamped with its page.

The fast path reads each page's text runs with pypdfium2 and rebuilds the lines
with their position and size; the layout it sees is enough to:

- drop running headers and footers (the same line at the top or bottom of most
  pages) and page numbers;
- tell a line that runs on into the next (it reaches the right margin and the next
  line is not indented) from the end of a paragraph, across pages too;
- mark large-print lines (the 版头 and the title) as headings.

pdfplumber, slower, is used only for pages that draw ruled tables. A page whose
text layer is broken — ``(cid:x)`` codes, U+FFFD, private-use characters, or only a
scanner app's watermark — is read again with pdfplumber, then OCRed when the
``policyparse[ocr]`` extra is installed; ``warnings`` says which pages and why. A
watermark with no image under it (nothing to OCR) is ``NoTextLayer``.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import statistics
from dataclasses import dataclass, field
from typing import Any, Optional

from .. import progress
from ..document import Line, RawDocument
from ..errors import CorruptFile, EmptyFile, Encrypted, MissingDependency, NoTextLayer, PolicyParseError, TooLarge
from ..lang.docnumber import ANNOUNCEMENT_NUMBER_LINE, DOC_NUMBER
from ..lang.doctypes import ends_with_doc_type
from ..lexicon import word_list

MAX_PAGES = 2000
_BAD_CHARS = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]|\(cid:\d+\)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGITS = re.compile(r"\d+")


@dataclass
class PdfLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    height: float


@dataclass
class PdfPage:
    number: int
    width: float
    height: float
    lines: list[PdfLine] = field(default_factory=list)
    text_chars: int = 0
    images: int = 0
    paths: int = 0
    source: str = "text"  # text | pdfplumber | ocr
    ruled: bool = False
    margins: Optional[tuple[float, float]] = None


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _load_error(data) from exc


def _load_error(data: bytes) -> PolicyParseError:
    """Why PDFium would not open ``data``, decided on PDFium's error code.

    pypdfium2 also refuses a PDF that opens but has no pages, and then reports
    PDFium's last error, which is left over from whatever file failed before in
    this process (a password PDF makes the next zero-page PDF "Encrypted"). So the
    file is loaded again here with the raw call: a document that opens has no
    pages (``EmptyFile``); a load that fails has just set the error code itself.

    >>> type(_load_error(b"%PDF-1.4 truncated")).__name__
    'CorruptFile'
    """
    import pypdfium2.raw as pdfium_c

    handle = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if handle:
        pages = pdfium_c.FPDF_GetPageCount(handle)
        pdfium_c.FPDF_CloseDocument(handle)
        if pages < 1:
            return EmptyFile("the PDF has no pages")
        return CorruptFile("the PDF cannot be opened; it may be truncated or not a PDF")
    code = pdfium_c.FPDF_GetLastError()
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return Encrypted("the PDF is protected by a password; remove the password and try again")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return Encrypted("the PDF is encrypted with a security handler that cannot be opened; remove the protection")
    reason = {pdfium_c.FPDF_ERR_FORMAT: "its structure is broken", pdfium_c.FPDF_ERR_UNKNOWN: "unknown error"}
    return CorruptFile(f"the PDF cannot be opened ({reason.get(code, f'PDFium error {code}')}); "
                       "it may be truncated or not a PDF")


def _page_lines(page: Any, number: int) -> PdfPage:
    """The page's text lines as pdfium orders them, each with its box from its characters."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    textpage = page.get_textpage()
    lines: list[PdfLine] = []
    try:
        chars = textpage.count_chars()
        text = textpage.get_text_range() if chars else ""
        pos = 0
        for part in text.split("\r\n"):
            start, end = pos, pos + len(part)
            pos = end + 2
            stripped = part.strip()
            if not stripped:
                continue
            first = start + (len(part) - len(part.lstrip()))
            last = start + len(part.rstrip()) - 1
            l0, b0, r0, t0 = textpage.get_charbox(first)
            l1, b1, r1, t1 = textpage.get_charbox(last)
            h = max(t0 - b0, t1 - b1, 1.0)
            lines.append(PdfLine(part.replace("\t", " ").rstrip(), min(l0, l1), max(r0, r1), max(t0, t1), min(b0, b1), h))
    finally:
        textpage.close()
    info = PdfPage(number=number, width=width, height=height, text_chars=chars)
    rows: set[int] = set()
    cols: set[int] = set()
    for obj in page.get_objects(max_depth=4):  # a scan may be drawn inside a form XObject
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            info.images += 1
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and obj.level == 0:
            info.paths += 1
            left, bottom, right, top = obj.get_bounds()
            if top - bottom < 3 and right - left > 20:
                rows.add(round(bottom))
            elif right - left < 3 and top - bottom > 8:
                cols.add(round(left))
    # ruled rows and columns: a table grid, worth pdfplumber's slower look
    info.ruled = len(rows) >= 3 and len(cols) >= 3
    info.lines = lines
    return info


def _group_runs(runs: list[tuple[float, float, float, float, str]]) -> list[PdfLine]:
    """Text runs into lines: runs that overlap vertically share a line, read left to right."""
    runs.sort(key=lambda r: (-(r[1] + r[3]) / 2, r[0]))
    groups: list[list[tuple[float, float, float, float, str]]] = []
    for run in runs:
        center = (run[1] + run[3]) / 2
        h = max(run[3] - run[1], 1.0)
        if groups:
            g = groups[-1]
            gb = min(r[1] for r in g)
            gt = max(r[3] for r in g)
            gh = max(gt - gb, 1.0)
            if gb - 0.25 * min(h, gh) <= center <= gt + 0.25 * min(h, gh):
                g.append(run)
                continue
        groups.append([run])
    lines = []
    for g in groups:
        g.sort(key=lambda r: r[0])
        heights = sorted(r[3] - r[1] for r in g)
        h = heights[len(heights) // 2] or 1.0
        parts = [g[0][4]]
        for prev, run in zip(g, g[1:]):
            gap = run[0] - prev[2]
            # a wide gap separates words (two signers on one line), unless the text is
            # letter-spaced one character at a time (a title: 通 知)
            spaced = len(prev[4].strip()) <= 1 and len(run[4].strip()) <= 1
            parts.append(("  " if gap > 1.2 * h and not spaced else "") + run[4])
        text = "".join(parts).rstrip()
        lines.append(PdfLine(text, g[0][0], max(r[2] for r in g), max(r[3] for r in g), min(r[1] for r in g), h))
    return lines


def _page_is_bad(p: PdfPage, watermark: Optional[str]) -> Optional[str]:
    text = "".join(line.text for line in p.lines)
    if not text.strip():
        return "no text" if p.images else None
    bad = len(_BAD_CHARS.findall(text))
    if bad > max(3, 0.1 * len(text)):
        return f"{bad} unreadable characters (no Unicode mapping for the font)"
    if watermark and text.replace(" ", "") == watermark:
        return f"only a watermark ({watermark!r})"
    return None


def _watermark(pages: list[PdfPage]) -> Optional[str]:
    """The same short text on every page (a scanner app's "扫描全能王 创建") is not a text layer.

    Over a scan on every page, or on two pages and more, or naming a scanner app
    (``data/scanner_watermarks.txt``): one short line alone on one page may be a document.
    """
    texts = {"".join(line.text for line in p.lines).replace(" ", "") for p in pages}
    if len(texts) == 1:
        only = texts.pop()
        scanner = any(name in only for name in word_list("scanner_watermarks.txt"))
        if 0 < len(only) <= 20 and (all(p.images for p in pages) or len(pages) >= 2 or scanner):
            return only
    return None


def _running_lines(pages: list[PdfPage]) -> set[str]:
    """Lines repeated near the top or bottom of most pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts: dict[str, int] = {}
    for p in pages:
        seen = set()
        for line in p.lines:
            near_edge = line.top > 0.9 * p.height or line.bottom < 0.1 * p.height
            if near_edge and len(line.text) <= 40:
                key = _DIGITS.sub("#", line.text.replace(" ", ""))
                if key not in seen:
                    seen.add(key)
                    counts[key] = counts.get(key, 0) + 1
    return {k for k, n in counts.items() if n >= max(3, 0.6 * len(pages))}


_FOLIO = re.compile(
    r"^(?:[-—－–―~·\s]*\d{1,4}[-—－–―~·\s]*|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[-—－–―\s]*[IVXLivxl]{1,6}[-—－–―\s]*)$"
)


_NUM = r"(?:\d{1,4}|[〇○零一二三四五六七八九十]{1,4})"
_DATE_END = re.compile(rf"{_NUM}\s*年\s*{_NUM}\s*月\s*{_NUM}\s*日\s*$")
_DATE_CUT = re.compile(rf"(?:^|\s){_NUM}\s*年\s*{_NUM}\s*月\s*$")
_DAY_START = re.compile(rf"^\s*{_NUM}\s*日")


def _folio_lines(p: PdfPage) -> set[int]:
    """Page numbers (``—4—``, ``- 12 -``, ``第3页 共9页``, ``3/9``, ``II``) printed alone as the
    topmost or bottommost line of the page, wherever the margin puts them."""
    if not p.lines:
        return set()
    top = max(range(len(p.lines)), key=lambda k: p.lines[k].top)
    bottom = min(range(len(p.lines)), key=lambda k: p.lines[k].bottom)
    return {k for k in {top, bottom} if _FOLIO.match(p.lines[k].text.strip())}


def _margins(p: PdfPage) -> tuple[float, float]:
    """(right, left) text margins of a page: where most long lines end and start."""
    if p.margins is None:
        body = [x for x in p.lines if len(x.text) > 10]
        if not body:
            p.margins = (p.width, 0.0)
        else:
            ends = sorted(x.x1 for x in body)
            starts = sorted(round(x.x0) for x in body)
            left = statistics.mode(starts)
            p.margins = (ends[int(0.9 * (len(ends) - 1))], float(left))
    return p.margins


def _alone_number(text: str) -> bool:
    """The line is a 文号 and nothing else: ``财政部 税务总局公告2025年第17号``, ``惠府〔2016〕57 号``."""
    s = text.strip()
    return bool(ANNOUNCEMENT_NUMBER_LINE.match(s) or DOC_NUMBER.fullmatch(s))


def _lines_out(pages: list[PdfPage]) -> list[Line]:
    """Page lines with wrap and heading hints, headers and footers removed."""
    running = _running_lines(pages)
    all_heights = [line.height for p in pages for line in p.lines if len(line.text) > 8]
    body_h = statistics.median(all_heights) if all_heights else 12.0
    kept: list[tuple[PdfPage, PdfLine]] = []
    for p in pages:
        folio = _folio_lines(p)
        for k, line in enumerate(p.lines):
            if _DIGITS.sub("#", line.text.replace(" ", "")) in running or k in folio:
                continue
            kept.append((p, line))
    out: list[Line] = []
    for k, (p, line) in enumerate(kept):
        if p.source == "ocr":
            out.append(Line(line.text, page=p.number))
            continue
        right, left = _margins(p)
        nxt = kept[k + 1][1] if k + 1 < len(kept) else None
        nxt_page = kept[k + 1][0] if k + 1 < len(kept) else None
        reaches = line.x1 >= right - 1.6 * body_h
        indented_next = False
        if nxt is not None and nxt_page is not None:
            indented_next = nxt.x0 > _margins(nxt_page)[1] + 1.2 * body_h
            # a line runs on into a line of its own print size that does not reach further
            # right (a paragraph's next line): not into a larger heading or a longer line of
            # page furniture after a short title
            same_size = max(nxt.height, line.height) <= 1.5 * min(nxt.height, line.height)
            reaches = reaches and same_size and line.x1 >= nxt.x1 - 3 * body_h
        heading = line.height >= 1.3 * body_h
        # a centred line (a title) or a heading never runs on; a paragraph's indented
        # first line may
        wraps = bool(reaches and nxt is not None and not indented_next and not heading and line.x0 <= left + 3.2 * body_h)
        if _DATE_END.search(line.text):
            wraps = False  # the 成文日期 closes the signature; what follows is not its text
        elif nxt is not None and _alone_number(nxt.text) and ends_with_doc_type(line.text.strip()):
            wraps = False  # a title never runs on into its 文号 (a 公告's number under its title)
        elif nxt is not None and _DATE_CUT.search(line.text) and _DAY_START.match(nxt.text):
            wraps = True  # a date cut between its month and its day (a narrow column)
        out.append(Line(line.text, page=p.number, wraps=wraps, heading=heading))
    return out


@dataclass
class _Table:
    page: int
    bbox: tuple[float, float, float, float]
    rows: list[list[str]]
    row_pages: list[int] = field(default_factory=list)
    page_height: float = 842.0


def _find_tables(plumber: Any, numbers: list[int]) -> list[_Table]:
    """Ruled tables of the given pages; a table cut by a page break is joined again."""
    found: list[_Table] = []
    for n in numbers:
        page = plumber.pages[n - 1]
        for t in page.find_tables():
            rows = [[(c or "").replace("\n", "").strip() for c in row] for row in t.extract()]
            if rows and max(len(r) for r in rows) >= 2:
                found.append(_Table(n, t.bbox, rows, [n] * len(rows), float(page.height)))
    merged: list[_Table] = []
    last: Optional[_Table] = None  # the last table with rows
    for t in found:
        cut_by_page = bool(
            last and t.page == last.page + 1 and last.bbox[3] > 0.75 * last.page_height and t.bbox[1] < 0.25 * t.page_height
        )
        if last and cut_by_page and len(t.rows[0]) == len(last.rows[-1]) and (not t.rows[0][0] or len(last.rows) == 1):
            # the row the page break cut: its cells continue at the top of the next page
            if not t.rows[0][0]:
                last.rows[-1] = [a + b for a, b in zip(last.rows[-1], t.rows[0])]
                last.rows += t.rows[1:]
                last.row_pages += t.row_pages[1:]
            else:
                last.rows += t.rows
                last.row_pages += t.row_pages
            merged.append(_Table(t.page, t.bbox, []))  # keeps the next page's chars out of its text
            continue
        merged.append(t)
        last = t
    keep: list[_Table] = []
    for t in merged:
        if not t.rows:
            if keep and keep[-1].rows and keep[-1].row_pages and keep[-1].row_pages[-1] == t.page:
                keep.append(t)
            continue
        filled = sorted(sum(1 for c in row if c) for row in t.rows)
        # a grid with one filled cell per row is page layout, not a table
        if len(t.rows) >= 2 and filled[len(filled) // 2] >= 2:
            keep.append(t)
    return keep


@contextlib.contextmanager
def _pdfminer_quiet():
    """pdfminer (under pdfplumber) logs a warning per damaged font descriptor ("Could not get
    FontBBox …", 71 lines for the corpus's printouts) that no reader of the record can act on:
    held back to errors while pdfplumber reads."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(max(level, logging.ERROR))
    try:
        yield
    finally:
        logger.setLevel(level)


def _plumber_text(plumber: Any, n: int, tables: list[_Table]) -> list[Line]:
    """pdfplumber's text of page ``n`` without the characters inside the given tables."""
    page = plumber.pages[n - 1]
    boxes = [t.bbox for t in tables if t.page == n]
    if boxes:
        page = page.filter(
            lambda obj: obj.get("object_type") != "char" or not any(
                b[0] <= obj["x0"] and obj["x1"] <= b[2] and b[1] <= obj["top"] and obj["bottom"] <= b[3] for b in boxes
            )
        )
    text = (page.extract_text() or "").replace("\t", " ")
    return [Line(s, page=n) for s in text.split("\n")]


def read_pdf(data: bytes) -> RawDocument:
    """Lines of every page, with page numbers, from the text layer or from OCR."""
    pdf = _open(data)
    warnings: list[str] = []
    try:
        n = len(pdf)
        if n == 0:
            raise EmptyFile("the PDF has no pages")
        if n > MAX_PAGES:
            raise TooLarge(f"the PDF has {n} pages; the limit is {MAX_PAGES}")
        pages = []
        for i in range(n):
            progress.report("reading", i + 1, n)
            pages.append(_page_lines(pdf[i], i + 1))
        watermark = _watermark(pages)
        if watermark and not any(p.images for p in pages):
            raise NoTextLayer(f"the only text on every page is {watermark!r} (a scanner app's watermark), "
                              "and the pages hold no image to read")
        bad = {p.number: why for p in pages if (why := _page_is_bad(p, watermark))}
        table_pages = [p.number for p in pages if p.ruled and p.number not in bad]
        replaced: dict[int, list[Line]] = {}
        if table_pages or bad:
            import pdfplumber

            with _pdfminer_quiet(), pdfplumber.open(io.BytesIO(data)) as plumber:
                tables = _find_tables(plumber, table_pages) if table_pages else []
                for num in sorted(bad):
                    lines = _plumber_text(plumber, num, [])
                    text = "".join(line.text for line in lines)
                    if text.strip() and not _BAD_CHARS.search(text) and len(_CJK.findall(text)) > 20:
                        warnings.append(f"page {num}: text layer unusable ({bad.pop(num)}); read with pdfplumber")
                        replaced[num] = lines
                for num in sorted({t.page for t in tables}):
                    rows_out = []
                    for tid, t in enumerate(tables):
                        rows_out += [
                            Line("\t".join(row), page=rp, cells=tuple(row), table=tid)
                            for row, rp in zip(t.rows, t.row_pages) if rp == num
                        ]
                    replaced[num] = _plumber_text(plumber, num, tables) + rows_out
        if bad:
            ocr_pages = _ocr(pdf, sorted(bad), warnings)
            for p in pages:
                if p.number in ocr_pages:
                    p.lines = ocr_pages[p.number]
                    p.source = "ocr"
            for num, why in sorted(bad.items()):
                warnings.append(f"page {num}: {why}; read by OCR")
        # hints are computed across pages, so that a paragraph can run on to the next page
        hinted = _lines_out([p for p in pages if p.number not in replaced])
        by_page: dict[int, list[Line]] = {}
        for line in hinted:
            by_page.setdefault(line.page or 0, []).append(line)
        lines: list[Line] = []
        for p in pages:
            lines += replaced.get(p.number) or by_page.get(p.number, [])
    finally:
        pdf.close()
    if not any(line.text.strip() for line in lines):
        raise NoTextLayer("the PDF has no readable text")
    return RawDocument(lines=lines, format="pdf", pages=n, warnings=warnings)


# --- OCR --------------------------------------------------------------------------------------

_OCR_ENGINE: Any = None
LOW_CONFIDENCE = 0.8


def _engine() -> Any:
    global _OCR_ENGINE
    if _OCR_ENGINE is None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:
            raise MissingDependency(
                "this PDF is a scan (no usable text layer); OCR needs the extra: pip install 'policyparse[ocr]'"
            ) from exc
        _OCR_ENGINE = RapidOCR()
    return _OCR_ENGINE


def _ocr(pdf: Any, numbers: list[int], warnings: list[str]) -> dict[int, list[PdfLine]]:
    """OCR the given pages (rendered upright, whatever their /Rotate) into lines."""
    engine = _engine()
    out: dict[int, list[PdfLine]] = {}
    scores: list[float] = []
    for num in numbers:
        progress.report("OCR", num, len(pdf))
        page = pdf[num - 1]
        bitmap = page.render(scale=2.0)  # pdfium applies the page's /Rotate
        image = bitmap.to_numpy()
        result, _ = engine(image)
        runs = []
        for box, text, score in result or []:
            xs = [pt[0] for pt in box]
            ys = [pt[1] for pt in box]
            # image y grows downwards; flip so that grouping reads top to bottom
            runs.append((min(xs), -max(ys), max(xs), -min(ys), text))
            scores.append(float(score))
        out[num] = _group_runs(runs)
    if scores:
        mean = sum(scores) / len(scores)
        if mean < LOW_CONFIDENCE:
            warnings.append(f"OCR confidence is low ({mean:.2f} on average): check the text against the scan")
    return out
