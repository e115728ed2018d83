"""Read text-layer PDFs page by page (fast path: pypdfium2)."""

from __future__ import annotations

from ..document import Line, RawDocument
from ..errors import CorruptFile, EmptyFile, Encrypted, NoTextLayer


def read_pdf(data: bytes) -> RawDocument:
    """Lines of each page's text layer, each line stamped with its page number."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise Encrypted("the PDF is encrypted with a password") from exc
        raise CorruptFile(f"the PDF cannot be opened: {msg}") from exc
    try:
        lines: list[Line] = []
        n = len(pdf)
        if n == 0:
            raise EmptyFile("the PDF has no pages")
        for i in range(n):
            page = pdf[i]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
                lines.append(Line(part, page=i + 1))
    finally:
        pdf.close()
    if not any(line.text.strip() for line in lines):
        raise NoTextLayer("the PDF has no text layer (a scan); OCR needs the policyparse[ocr] extra")
    return RawDocument(lines=lines, format="pdf", pages=n)
