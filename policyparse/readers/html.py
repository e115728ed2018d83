"""Read a saved government web page into lines, without the site around the notice.

The page is parsed with lxml's HTML parser (no network, no entities resolved).
What is not the notice goes in three steps: elements that are never content
(scripts, styles, forms, comments, ``nav``/``header``/``footer``), blocks made
mostly of links (menus, breadcrumbs, 相关文档 lists), and lines the chrome
lexicon recognizes (done later by the normalizer, for every format). Page
metadata (``<meta name="publishdate">``, the 信息索引/发文字号/成文日期 tables) is
kept in ``RawDocument.meta`` by the normalizer's metadata step, which reads the
label/value lines this reader leaves in place.
"""

from __future__ import annotations

import html as htmllib
import re
from typing import Iterator, Optional

import lxml.etree as etree
import lxml.html

from ..document import Line, RawDocument
from ..errors import CorruptFile, EmptyFile
from ..pagemeta import row_pairs
from .duplicates import drop_second_rendering
from .encoding import decode

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)

# Elements whose text is never part of a notice.
_DROP_TAGS = (
    "script", "style", "noscript", "iframe", "object", "embed", "form", "select",
    "option", "button", "input", "textarea", "nav", "header", "footer", "svg",
    "canvas", "map", "template", "audio", "video",
)
# Elements after which the text breaks into a new line.
_BLOCK_TAGS = frozenset(
    "p div br tr li ul ol dl dt dd h1 h2 h3 h4 h5 h6 table tbody thead tfoot "
    "section article aside blockquote pre center hr caption address title".split()
)
_CELL_TAGS = frozenset(("td", "th"))
# Meta tags some CMSs use for page metadata, mapped to our metadata labels.
_META_NAMES = {
    "publishdate": "发布日期",
    "pubdate": "发布日期",
    "firstpublishedtime": "发布日期",
    "articlepubdate": "发布日期",
    "contentsource": "来源",
    "source": "来源",
    "articletitle": "页面标题",
    "arctitle": "页面标题",
}
# Elements that are widgets on most pages but wrap the whole page on some (an ASP.NET
# or CMS page inside one <form>): kept when they hold prose, their widgets dropped.
_WRAPPER_TAGS = frozenset(("form",))
_MAX_DEPTH = 400  # deeper nesting is flattened: no notice needs it, hostile pages do


def declared_charset(data: bytes) -> Optional[str]:
    """The charset a page declares in its first bytes, if any."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _link_ratio(el: etree._Element) -> float:
    total = len("".join(el.itertext()).strip())
    if total == 0:
        return 0.0
    linked = sum(len("".join(a.itertext()).strip()) for a in el.iter("a"))
    return linked / total


_PUNCT = re.compile(r"[。；，：！？]")
_PROSE_PUNCT = re.compile(r"[。；，]")
_SENTENCE_END = re.compile(r"[。；]")
_WS = re.compile(r"[ \t\r\n\f\v]+")


def _holds_prose(el: etree._Element) -> bool:
    """A login or search form holds a few words; a form wrapping the page holds the
    notice's sentences (上海市教育委员会's pages: the whole article inside ``<form>``).

    >>> _holds_prose(lxml.html.fromstring("<form><input name='q'>搜索</form>"))
    False
    """
    text = "".join(el.itertext())
    return len(_SENTENCE_END.findall(text)) >= 3 and len(text.strip()) >= 200


_HANDLERS = ("onclick", "onmouseover", "onmousedown", "ontouchstart")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WIDGET_TEXT = 20  # characters: a button's or a toggle's label, never a paragraph


def _is_widget(el: etree._Element) -> bool:
    """A control, not text: a short element the page wires to a script (收藏, 订阅,
    字号 大 中 小 buttons) or hides (an empty （） of a missing 题注, a QR-code box).
    A hidden element with prose in it is left for the duplicate check.

    >>> _is_widget(lxml.html.fromstring('<span class="sc" onclick="collect()">收藏</span>'))
    True
    >>> _is_widget(lxml.html.fromstring('<p>各区人民政府：</p>'))
    False
    """
    if not any(el.get(a) for a in _HANDLERS) and not _HIDDEN.search(el.get("style") or ""):
        return False
    text = "".join(el.itertext()).strip()
    return len(text) <= _WIDGET_TEXT and not _SENTENCE_END.search(text)


def _is_link_block(el: etree._Element) -> bool:
    """A menu, breadcrumb or list of related links: mostly anchors, no prose."""
    text = "".join(el.itertext()).strip()
    if not text:
        return False
    if _PUNCT.search(text) and len(text) > 60 and _link_ratio(el) < 0.9:
        return False
    return el.tag in ("ul", "ol", "div", "td", "tr", "table", "p", "span", "li", "dl") and _link_ratio(el) > 0.6


class _Linearizer:
    """Walk the tree and emit lines; table rows keep their cells."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self._buf: list[str] = []
        self._table = -1

    def flush(self) -> None:
        """Emit the buffered text. A line without prose punctuation that ends where a
        block element ends is a paragraph of its own (``wraps=False``): the page drew
        the break, so a toolbar (``欢迎来到…网站！ 无障碍阅读 长者专区``) is never run on
        into the breadcrumb and the title under it. Prose cut by a block boundary
        (``…到2020年，职业社会体`` | ``育指导员人数达到1.1万人。``) and lines broken by
        ``<br>`` keep ``wraps=None``: the normalizer judges them."""
        text = "".join(self._buf)
        self._buf = []
        parts = [part for part in text.split("\n") if part.strip()]
        for k, part in enumerate(parts):
            ends_block = k == len(parts) - 1 and not _PROSE_PUNCT.search(part)
            self.lines.append(Line(part, wraps=False if ends_block else None))

    def text(self, s: Optional[str]) -> None:
        if s:
            # HTML whitespace: runs of spaces, tabs and newlines are one space.
            self._buf.append(_WS.sub(" ", s))

    def walk(self, el: etree._Element, depth: int = 0) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table" and depth < _MAX_DEPTH and self._is_data_table(el):
            self.flush()
            self._emit_table(el)
            return
        if tag in _BLOCK_TAGS:
            self.flush()
        if tag == "br":
            self._buf.append("\n")
        self.text(el.text)
        for child in el:
            if depth >= _MAX_DEPTH:
                self.text("".join(child.itertext()))
            else:
                self.walk(child, depth + 1)
            self.text(child.tail)
        if tag in _BLOCK_TAGS or tag in _CELL_TAGS:
            self.flush()

    @staticmethod
    def _rows(table: etree._Element) -> list[etree._Element]:
        return [tr for tr in table.iter("tr") if _nearest_table(tr) is table]

    def _is_data_table(self, table: etree._Element) -> bool:
        """A table of cells (a 任务分工表, a metadata table), not page layout."""
        rows = self._rows(table)
        if len(rows) < 2:
            return False
        for tr in rows:
            for cell in tr:
                if cell.tag in _CELL_TAGS and cell.find(".//table") is not None:
                    return False  # layout tables nest tables
        widths = [sum(1 for c in tr if c.tag in _CELL_TAGS) for tr in rows]
        return max(widths) >= 2

    def _emit_table(self, table: etree._Element) -> None:
        self._table += 1
        for tr in self._rows(table):
            cells = []
            for cell in tr:
                if cell.tag not in _CELL_TAGS:
                    continue
                parts = []
                for piece in _cell_lines(cell):
                    parts.append(piece)
                cells.append(" ".join(p for p in parts if p).strip())
            if any(cells):
                self.lines.append(Line("\t".join(cells), cells=tuple(cells), table=self._table))


def _nearest_table(el: etree._Element) -> Optional[etree._Element]:
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _cell_lines(cell: etree._Element) -> Iterator[str]:
    sub = _Linearizer()
    sub.walk(cell)
    sub.flush()
    for line in sub.lines:
        yield re.sub(r"\s+", " ", line.text).strip()


def _page_meta(root: etree._Element) -> dict[str, str]:
    meta: dict[str, str] = {}
    for m in root.iter("meta"):
        name = (m.get("name") or m.get("property") or "").strip().lower()
        content = (m.get("content") or "").strip()
        if name in _META_NAMES and content and _META_NAMES[name] not in meta:
            meta[_META_NAMES[name]] = content
    title = root.find(".//title")
    if title is not None and title.text and title.text.strip():
        meta["页面标题"] = re.sub(r"\s+", " ", title.text).strip()
    return meta


_GENERIC_LABELS = frozenset({"日期", "时间", "来源", "名称", "标题", "分类", "版本", "链接", "作者"})


def _take_meta_rows(root: etree._Element, meta: dict[str, str]) -> None:
    """Move the rows of label and value cells (the page's metadata table) into ``meta``.

    A row is metadata when each of its label cells is a label of
    ``data/page_meta_labels.tsv`` followed by its value cell, and one label is
    specific (``发文字号``, not only ``日期``) or printed with its colon. A label
    whose value cell is empty (``主 题 词：`` of gov.cn pages) has no value; the
    paragraph after the table is the notice, not that label's value.
    """
    rows: list[tuple[etree._Element, list[tuple[str, str]], bool]] = []
    for tr in list(root.iter("tr")):
        if tr.getparent() is None or any(True for _ in tr.iter("table")):
            continue
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in _CELL_TAGS]
        if not cells:
            continue
        texts = ["".join(c.itertext()) for c in cells]
        pairs = row_pairs(texts)
        if not pairs:
            continue
        labelled = [t for t in texts if t.strip() and t.strip().rstrip("：:") != t.strip()]
        rows.append((tr, pairs, bool(labelled) or any(label not in _GENERIC_LABELS for label, _ in pairs)))
    # a row of only generic labels (名称 | …) is metadata in a table that has a specific one
    tables = {id(_nearest_table(tr)) for tr, _, specific in rows if specific}
    for tr, pairs, specific in rows:
        if not specific and id(_nearest_table(tr)) not in tables:
            continue
        for label, value in pairs:
            if value:
                meta.setdefault(label, value)
        tr.drop_tree()


_SKIP_RAW = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.S | re.I)
_BLOCK_RAW = re.compile(r"</?(?:%s)\b[^>]*>" % "|".join(sorted(_BLOCK_TAGS | _CELL_TAGS)), re.I)
_ANY_TAG = re.compile(r"<[^>]*>")


def _flat_lines(text: str) -> list[Line]:
    """Lines of a page read without its tree: block tags break lines, other tags go.

    For pages the HTML parser cannot build (nesting deeper than libxml2's limit).
    """
    text = _SKIP_RAW.sub(" ", text)
    text = _BLOCK_RAW.sub("\n", text)
    text = htmllib.unescape(_ANY_TAG.sub("", text))
    return [Line(_WS.sub(" ", part).strip()) for part in text.split("\n") if part.strip()]


class _TooDeep(Exception):
    """The parser stopped building the tree at its depth limit, so text is missing."""


def _too_deep(parser: lxml.html.HTMLParser) -> bool:
    return any(e.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in e.message for e in parser.error_log)


def parse_html(text: str) -> tuple[list[Line], dict[str, str]]:
    """Lines of the page's visible text (chrome blocks removed) and its ``<meta>`` data.

    >>> lines, meta = parse_html("<html><body><div><a href='/'>首页</a></div><p>各区人民政府：</p></body></html>")
    >>> [line.text for line in lines]
    ['各区人民政府：']
    """
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptFile(f"the HTML could not be parsed: {exc}") from exc
    if _too_deep(parser):
        raise _TooDeep()
    meta = _page_meta(root)
    head = root.find("head")
    if head is not None:
        head.drop_tree()
    for el in list(root.iter(*_DROP_TAGS)):
        if el.getparent() is None or (el.tag in _WRAPPER_TAGS and _holds_prose(el)):
            continue
        el.drop_tree()
    _take_meta_rows(root, meta)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and _is_widget(el):
            el.drop_tree()
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if el.getparent() is None:
            continue
        if _is_link_block(el):
            el.drop_tree()
    lin = _Linearizer()
    lin.walk(root)
    lin.flush()
    return lin.lines, meta


def read_html(data: bytes) -> RawDocument:
    """Read an ``.html``/``.htm`` file's bytes."""
    if not data.strip():
        raise EmptyFile("the file is empty")
    text, encoding, warnings = decode(data, declared_charset(data))
    try:
        lines, meta = parse_html(text)
    except _TooDeep:
        lines, meta = _flat_lines(text), {}
        warnings.append("the page nests elements deeper than the HTML parser allows; "
                        "its text was read without the page structure")
    if not lines:
        raise EmptyFile("the page has no visible text")
    lines, doubled = drop_second_rendering(lines)
    warnings += doubled
    return RawDocument(lines=lines, format="html", encoding=encoding, meta=meta, warnings=warnings)
