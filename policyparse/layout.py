"""Segment a normalized notice into its parts (the "segment structure" stage).

A 公文 has a fixed anatomy: 版头 (``…文件``), 发文字号, title, 主送 (recipients), body,
附件说明, signature (issuers and 成文日期), 公开属性 and 联系单位, then the 附件 and the
版记 (``抄送：…``, ``…印发``). A notice that 印发/转发/公布s another document is a
short wrapper followed by the enclosed document. :func:`segment` finds these
parts by line; the extractors read fields from them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional

import regex as re

from .document import NormalizedDocument
from .lang.dates import YEAR_MONTH_DAY
from .lang.markers import starts_with_marker
from .lang.doctypes import ends_with_doc_type
from .lang.docnumber import ANNOUNCEMENT_NUMBER_LINE, DOC_NUMBER, clean_agency
from .lang.organs import is_organ_name, split_organ_line
from .lexicon import alternation, table, word_list
from .pagemeta import key_of, label_of

_DATE_LINE = re.compile(rf"^(?P<before>.*?)\s*(?P<date>{YEAR_MONTH_DAY})\s*$")
_PRINTED = re.compile(rf"{YEAR_MONTH_DAY}\s*印\s*发\s*$|印发\s*$")
_ATTACHMENT_HEAD = re.compile(r"^附\s*件\s*(?P<num>\d{1,2}|[一二三四五六七八九十]{1,3})?\s*(?:[：:]\s*(?P<rest>.*))?$")
_ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[：:]\s*(?P<rest>.+)$")
_CC = re.compile(r"^(?:抄\s*送|抄\s*报|分\s*送|主\s*送)\s*[：:]")
_CONTACT = re.compile(r"^[（(]?\s*联\s*系\s*(?:单\s*位|人|部\s*门|处\s*室|电\s*话|方\s*式)\s*[：:]")
_TOC_HEAD = re.compile(r"^目\s*录$")
_WRAPPER_VERB = re.compile(r"(?:印发|转发|公布|发布|颁布|下发)")
_ENCLOSE_SENTENCE = re.compile(
    r"(?:现将|将|把)?\s*《(?P<t>[^》]{2,120})》(?:[^。]{0,40}?)(?:印发|转发|公布|发布)(?:给|予|施行|如下|，|。)"
    r"|现予(?:公布|发布|印发)|(?:印发|转发|公布)给你们"
)


@lru_cache(maxsize=1)
def _disclosure_pattern() -> re.Pattern[str]:
    return re.compile(rf"^[（(]?\s*(?P<d>{alternation(word_list('disclosure.txt'))})\s*[）)]?$")


class Zone(str, enum.Enum):
    """The part of a notice a line belongs to. Every line has exactly one zone."""

    HEAD = "head"  # before the title block and none of the parts below (a collector's heading)
    BANNER = "banner"  # 版头: "…文件", organ lines
    DOC_NUMBER = "doc_number"  # 发文字号
    TITLE = "title"
    BYLINE = "byline"  # organs printed under the title
    RECIPIENTS = "recipients"  # 主送
    BODY = "body"  # the notice's own text
    TOC = "toc"  # a table of contents
    ATTACHMENT_NOTE = "attachment_note"  # 附件说明: 附件：1. …
    SIGNATURE = "signature"  # issuer lines and the 成文日期
    NOTE = "note"  # 公开属性, 联系单位
    ENCLOSED_TITLE = "enclosed_title"  # title of the document a notice 印发s
    ENCLOSED = "enclosed"  # that document's text
    ATTACHMENT = "attachment"  # a 附件 at the end, its head line included
    RECORD = "record"  # 版记: 抄送, 印发
    CHROME = "chrome"  # page furniture the reader could not drop


# Zones whose prose may hold targets, deadlines, departments and references.
ITEM_ZONES = frozenset({Zone.BODY, Zone.ENCLOSED})


@dataclass(frozen=True)
class Cell:
    """A table cell: ``text`` is ``doc.text[start:end]``; ``column`` is the header column it sits
    under (rows shortened by merged cells on their left are aligned from the right)."""

    text: str
    start: int
    end: int
    column: int


@dataclass
class Table:
    """A table of the notice: its first row is the header."""

    index: int
    lines: list[int]
    header: list[Cell]
    rows: list[list[Cell]]  # the rows after the header

    @property
    def width(self) -> int:
        return len(self.header)

    def full_rows(self) -> list[list[Cell]]:
        """Rows with a cell for every column (no merged cells)."""
        return [r for r in self.rows if len(r) == self.width]

    def cells(self) -> list[list[str]]:
        """All rows, header first, as stripped strings."""
        return [[c.text.strip() for c in row] for row in [self.header] + self.rows]


@dataclass
class Signature:
    """The signature block: issuer lines and the line with the 成文日期."""

    issuer_lines: list[int]
    date_line: int
    issuers: list[str]


@dataclass
class AttachmentZone:
    title: Optional[str]
    head_line: int
    start: int  # first content line
    end: int  # exclusive


@dataclass
class Layout:
    """Line indices of the parts of a notice (all ``None``/empty when not found)."""

    banner_lines: list[int] = field(default_factory=list)
    byline_lines: list[int] = field(default_factory=list)  # organ lines printed under the title
    order: bool = False  # the document is a 令 (order) promulgating a regulation
    doc_number_line: Optional[int] = None
    title_lines: list[int] = field(default_factory=list)
    recipients_line: Optional[int] = None
    body_start: int = 0
    body_end: int = 0
    signature: Optional[Signature] = None
    enclosed_title_lines: list[int] = field(default_factory=list)
    enclosed_start: Optional[int] = None
    enclosed_end: Optional[int] = None
    attachment_note_lines: list[int] = field(default_factory=list)
    attachment_note_titles: list[str] = field(default_factory=list)
    attachments: list[AttachmentZone] = field(default_factory=list)
    toc_lines: set[int] = field(default_factory=set)
    disclosure_lines: list[int] = field(default_factory=list)
    contact_lines: list[int] = field(default_factory=list)
    cc_lines: list[int] = field(default_factory=list)
    printed_lines: list[int] = field(default_factory=list)
    table_lines: set[int] = field(default_factory=set)
    chrome_lines: list[int] = field(default_factory=list)  # page furniture inside the text
    zones: list[Zone] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def zone(self, line: int) -> Zone:
        """The zone of line ``line``."""
        return self.zones[line]

    def lines(self, *zones: Zone) -> list[int]:
        """The lines of the given zones, in order."""
        wanted = set(zones)
        return [i for i, z in enumerate(self.zones) if z in wanted]

    def item_lines(self, attachments: bool = True) -> list[int]:
        """Prose lines an extracted item may come from: the body and the enclosed document,
        the 附件 when ``attachments``; never table rows (read through :attr:`tables`), the
        head, the signature or the 版记. When the layout found neither a title nor a 主送,
        the head was not recognized and its lines count as body."""
        wanted = set(ITEM_ZONES)
        if attachments:
            wanted.add(Zone.ATTACHMENT)
        if not self.title_lines and self.recipients_line is None:
            wanted.add(Zone.HEAD)
        return [i for i, z in enumerate(self.zones) if z in wanted and i not in self.table_lines]

    def measure_ranges(self) -> list[tuple[int, int]]:
        """Line ranges where the document's own numbered measures are."""
        if self.enclosed_start is not None:
            return [(self.enclosed_start, self.enclosed_end or self.body_end)]
        return [(self.body_start, self.body_end)]

    def in_attachment(self, line: int) -> bool:
        return any(z.head_line <= line < z.end for z in self.attachments)


# --- line predicates ----------------------------------------------------------------------


def is_date_line(s: str) -> bool:
    m = _DATE_LINE.match(s)
    return bool(m) and (not m.group("before").strip() or bool(split_organ_line(m.group("before"))))


def _is_recipients(s: str) -> bool:
    if not s.endswith(("：", ":")) or "。" in s or len(s) > 500 or starts_with_marker(s):
        return False
    body = s[:-1].strip()
    if not body or re.search(r"如下|通知|意见|报告|申请|说明|[要请]求|情况", body[-6:]):
        return False
    if re.match(r"^[\p{Han}]{1,6}$", body) and not is_organ_name(body) and not body.startswith("各"):
        return False  # a label such as 附件：, 指导思想：
    items = [i for i in re.split(r"[、，,；;]", body) if i.strip()]
    if not items:
        return False
    organ_like = sum(
        1 for i in items if i.strip().startswith(("各", "有关", "市", "省", "区", "县")) or is_organ_name(i.strip())
        or re.search(r"(?:单位|部门|机构|学校|企业|院校|委|办|局|厅|政府|会|所|中心|公司)(?:（[^）]*）)?$", i.strip())
    )
    return organ_like >= max(1, len(items) // 2)


def _is_title_fragment(s: str) -> bool:
    return (
        len(s) <= 80
        and not re.search(r"[。；：:！？]", s)
        and not is_date_line(s)
        and not DOC_NUMBER.fullmatch(s.strip())
        and not s.endswith("文件")
        and "\t" not in s
        and not is_order_header(s)
    )


_BANNER = re.compile(r"文\s*件$")
# A 令 (order) is headed "环境保护部令" and numbered "第35号" / "部令 第35号".
ORDER_HEADER = re.compile(r"^(?P<organ>[\p{Han}]{2,30}?)令$")
ORDER_NUMBER_LINE = re.compile(r"^(?P<agency>[\p{Han}]{0,16}令)?\s*第\s*(?P<serial>\d{1,5})\s*号$")


def is_order_header(s: str) -> bool:
    m = ORDER_HEADER.match(s.strip())
    return bool(m) and is_organ_name(m.group("organ"))


def _labelled_doc_number(before: str) -> bool:
    """The text before a 文号 is its metadata label (``发文字号 自然资发〔2023〕29号 发布机构 …``):
    a page's metadata panel printed as lines, where other labelled values share the line."""
    label = label_of(before)
    return label is not None and key_of(label) == "doc_number"


def _is_doc_number_line(s: str) -> bool:
    if ORDER_NUMBER_LINE.match(s.strip()) or ANNOUNCEMENT_NUMBER_LINE.match(s.strip()):
        return True
    m = DOC_NUMBER.search(s)
    if not m:
        return False
    rest = (s[: m.start()] + s[m.end() :]).strip()
    agency = m.group("agency").replace(" ", "")
    glued = agency[: len(agency) - len(clean_agency(agency))]  # "发文字号" of "发文字号 自然资发"
    if _labelled_doc_number(s[: m.start()] + glued):
        return True
    return len(rest) <= 4 or bool(re.fullmatch(r"[（(]?\s*(?:发文字号|文号)?\s*[：:]?\s*[）)]?", rest))


# --- the stage ----------------------------------------------------------------------------


def _lead_in_sentence(s: str) -> bool:
    """A sentence that introduces what follows: ``根据《…》文件精神，…通告如下：``."""
    return len(s) > 30 and "，" in s and s.endswith(("：", ":"))


def _find_head(lines: list[str]) -> tuple[int, Optional[int]]:
    """(index of the first body line, index of the recipients line)."""
    limit = min(len(lines), 40)
    for i in range(limit):
        s = lines[i]
        if _is_recipients(s):
            return i + 1, i
        if starts_with_marker(s) or ("。" in s and len(s) > 20) or (len(s) > 120 and "，" in s) or _lead_in_sentence(s):
            return i, None
    return 0, None


def _title_block(lines: list[str], end: int, headings: Optional[list[bool]] = None) -> list[int]:
    """The lines of the title just above ``end`` (the recipients or the body).

    When the reader knows the print size (PDF), consecutive large-print lines that
    end with the 文种 are the title, whatever their words.
    """
    if headings:
        i = end - 1
        while i >= 0 and (_is_doc_number_line(lines[i]) or not lines[i].strip()):
            i -= 1
        block = []
        size = 0
        # at most four lines, or more short ones (a narrow print column): a title's length
        while i >= 0 and headings[i] and _is_title_fragment(lines[i]) and not lines[i].endswith("文件") and (
            len(block) < 4 or (len(block) < 12 and size + len(lines[i]) <= _TITLE_MAX)
        ):
            if block and lines[i] == lines[block[0]]:
                break  # the same title printed twice (a page header above the notice)
            block.insert(0, i)
            size += len(lines[i])
            i -= 1
        block = _one_title(lines, block)
        joined = "".join(lines[k] for k in block)
        half = len(joined) // 2
        if len(block) >= 2 and len(joined) % 2 == 0 and joined[:half] == joined[half:]:
            # the same title printed twice (a page header above the notice): keep the second
            acc = ""
            while block and acc != joined[:half]:
                acc += lines[block.pop(0)]
        if block and ends_with_doc_type(_strip_number_suffix("".join(lines[k] for k in block))):
            return block
    i = end - 1
    for _ in range(4):  # skip a few lines that are not a title (a collector's heading)
        while i >= 0 and (_is_doc_number_line(lines[i]) or is_date_line(lines[i]) or not lines[i].strip()):
            i -= 1
        if i < 0:
            return []
        block = _title_lines_ending_at(lines, i)
        text = "".join(lines[k] for k in block)
        if block and (ends_with_doc_type(_strip_number_suffix(text)) or "关于" in text):
            return block
        i = (block[0] if block else i) - 1
    return []


_TITLE_MAX = 100


def _one_title(lines: list[str], block: list[int]) -> list[int]:
    """Of two titles stacked in one large-print block, the notice's.

    A page prints its heading above the notice's own title: the same title behind a
    tag (``【稳经济大盘一揽子政策】关于印发…的通知`` over ``关于印发…的通知``): the lower
    one is kept; or a 印发 notice's title over the title of what it encloses
    (``关于印发《…若干措施》的通知`` over ``…若干措施``): the upper one is kept.
    """
    for k in range(1, len(block)):
        upper = "".join(lines[i] for i in block[:k])
        lower = "".join(lines[i] for i in block[k:])
        if not (ends_with_doc_type(_strip_number_suffix(upper)) and ends_with_doc_type(_strip_number_suffix(lower))):
            continue
        if upper.endswith(lower):
            return block[k:]
        if lower in upper:
            return block[:k]
    return block


def _strip_number_suffix(s: str) -> str:
    return re.sub(r"[（(][^（）()]*\d+\s*号[）)]$", "", s.strip())


def _title_lines_ending_at(lines: list[str], i: int) -> list[int]:
    if is_order_header(lines[i]):
        return []
    if not _is_title_fragment(lines[i]) and not ends_with_doc_type(_strip_number_suffix(lines[i])):
        return []
    block = [i]
    text = lines[i]
    j = i - 1
    while j >= 0 and len(block) < 4:
        prev = lines[j]
        if not _is_title_fragment(prev) or _is_doc_number_line(prev):
            break
        glued = prev.endswith(("关于", "的", "《", "“", "和", "及", "与", "、")) or _unbalanced_open(prev) or text.startswith("的")
        if not glued:
            if "关于" in text or text.startswith(("印发", "转发")) or ends_with_doc_type(prev):
                break
            if split_organ_line(prev) and not ends_with_doc_type(text):
                break
        block.insert(0, j)
        text = prev + text
        if "关于" in prev:
            break
        j -= 1
    return block


def _unbalanced_open(s: str) -> bool:
    return s.count("《") > s.count("》") or s.count("“") > s.count("”") or s.count("（") > s.count("）")


def _find_signature(lines: list[str], start: int, stop: int) -> Optional[Signature]:
    """The first date line after the body starts, with the organ lines above it."""
    for i in range(start, stop):
        m = _DATE_LINE.match(lines[i])
        if not m:
            continue
        before = m.group("before").strip()
        issuers = split_organ_line(before) if before else []
        if before and not issuers:
            continue
        issuer_lines: list[int] = []
        names: list[str] = []
        j = i - 1
        while j >= start and len(issuer_lines) < 12:
            parts = split_organ_line(lines[j])
            if not parts:
                # a signature with a person's title: 住房城乡建设部部长 陈政高
                m2 = re.match(r"^([\p{Han}]{2,30}?)(?:部长|主任|局长|厅长|市长|省长|区长|县长|署长|行长|委员长)\s*[\p{Han}·]{2,4}$", lines[j])
                if m2 and is_organ_name(m2.group(1)):
                    parts = [m2.group(1)]
                elif re.match(r"^(?:部长|主任|局长|厅长|市长|省长|署长|行长)\s*[\p{Han}]{2,4}$", lines[j]):
                    j -= 1
                    continue
                else:
                    break
            issuer_lines.insert(0, j)
            names = parts + names
            j -= 1
        names += issuers
        if issuers:
            issuer_lines.append(i)
        return Signature(issuer_lines=issuer_lines, date_line=i, issuers=names)
    return None


def _enclosed_title(lines: list[str], start: int, stop: int, wrapper_text: str) -> list[int]:
    """Title lines of an enclosed document starting at or after ``start``."""
    i = start
    while i < stop and (
        _disclosure_pattern().match(lines[i]) or _CONTACT.match(lines[i]) or not lines[i].strip()
    ):
        i += 1
    if i < stop and _ATTACHMENT_HEAD.match(lines[i]) and not _ATTACHMENT_HEAD.match(lines[i]).group("rest"):
        i += 1
    block: list[int] = []
    text = ""
    while i < stop and len(block) < 4 and _is_title_fragment(lines[i]) and not starts_with_marker(lines[i]):
        block.append(i)
        text += lines[i]
        if ends_with_doc_type(text):
            break
        if text and text in wrapper_text:
            # a title broken over lines: its first line alone may also be words of the wrapper
            nxt = lines[i + 1] if i + 1 < stop else ""
            if not (nxt and len(block) < 4 and _is_title_fragment(nxt) and not starts_with_marker(nxt)
                    and (ends_with_doc_type(text + nxt) or text + nxt in wrapper_text)):
                break
        i += 1
    if not block:
        return []
    if ends_with_doc_type(text) or text in wrapper_text or re.sub(r"[（(].*?[）)]", "", text) in wrapper_text:
        return block
    return []


def _untitled_enclosure(lines: list[str], start: int, stop: int) -> Optional[int]:
    """Where the document a 印发 notice encloses starts when no title line was found for it
    (none printed, or glued to its first paragraph): the first line after the signature and
    its notes, when a numbered structure (three markers or more) follows before any 附件."""
    i = start
    while i < stop and (_disclosure_pattern().match(lines[i]) or _CONTACT.match(lines[i]) or not lines[i].strip()):
        i += 1
    markers = 0
    for j in range(i, stop):
        if _ATTACHMENT_HEAD.match(lines[j]) or _CC.match(lines[j]):
            break
        if starts_with_marker(lines[j]):
            markers += 1
            if markers >= 3:
                return i
    return None


def _attachment_note(lines: list[str], i: int, stop: int) -> tuple[list[int], list[str]]:
    m = _ATTACHMENT_NOTE.match(lines[i])
    if not m:
        return [], []
    used = [i]
    titles = [m.group("rest")]
    j = i + 1
    while j < stop and re.match(r"^\d{1,2}[.、．]\s*\S", lines[j]) and not is_date_line(lines[j]):
        titles.append(lines[j])
        used.append(j)
        j += 1
    out: list[str] = []
    for t in titles:
        for part in re.split(r"(?:^|\s+)(?=\d{1,2}[.、．])", t):
            part = re.sub(r"^\d{1,2}[.、．]\s*", "", part).strip()
            part = part.strip("《》").strip()
            if part:
                out.append(part)
    return used, out


def segment(doc: NormalizedDocument) -> Layout:
    """Find the parts of the notice in ``doc``.

    >>> from policyparse.document import Line, RawDocument
    >>> from policyparse.normalize import normalize
    >>> raw = RawDocument([Line(s) for s in ["苏人社发〔2024〕45号", "关于实施先进制造业促就业行动的通知",
    ...     "各设区市人力资源社会保障局：", "一、全力做好用工服务保障", "（一）加强信息衔接。各级部门要加强信息衔接。",
    ...     "江苏省人力资源和社会保障厅", "2024年12月18日"]], "txt")
    >>> layout = segment(normalize(raw))
    >>> layout.doc_number_line, layout.title_lines, layout.recipients_line, layout.signature.issuers
    (0, [1], 2, ['江苏省人力资源和社会保障厅'])
    """
    n = len(doc.lines)
    lines = [doc.line_text(i) for i in range(n)]
    layout = Layout(body_end=n)
    layout.table_lines = {i for i, ln in enumerate(doc.lines) if ln.table is not None}

    body_start, recipients = _find_head(lines)
    layout.recipients_line = recipients
    layout.body_start = body_start
    head_end = recipients if recipients is not None else body_start
    headings = [ln.heading for ln in doc.lines]
    layout.title_lines = _title_block(lines, head_end, headings if any(headings[:head_end]) else None)
    for i in range(head_end):
        if i not in layout.title_lines and _is_doc_number_line(lines[i]) and layout.doc_number_line is None:
            layout.doc_number_line = i
    # 版头: organ or "…文件" lines right above the title (the 文号 may sit between).
    anchor = layout.title_lines[0] if layout.title_lines else head_end
    j = anchor - 1
    while j >= 0:
        s = lines[j]
        if j == layout.doc_number_line or not s.strip():
            j -= 1
            continue
        if _BANNER.search(s) or split_organ_line(s) or is_order_header(s):
            layout.banner_lines.insert(0, j)
            layout.order = layout.order or is_order_header(s)
            j -= 1
            continue
        break
    if not layout.banner_lines:  # a "…文件" line anywhere in the head is the 版头
        layout.banner_lines = [i for i in range(head_end) if _BANNER.search(lines[i]) and split_organ_line(
            re.sub(r"\s*文\s*件$", "", lines[i]))]
    # Organs printed under the title, before the recipients or the body (a byline).
    if layout.title_lines:
        for i in range(layout.title_lines[-1] + 1, head_end):
            if split_organ_line(lines[i]):
                layout.byline_lines.append(i)

    # Table of contents: "目录" then short heading lines.
    for i in range(body_start, n):
        if _TOC_HEAD.match(lines[i].replace(" ", "")):
            j = i + 1
            while j < n and len(lines[j]) <= 50 and "。" not in lines[j]:
                layout.toc_lines.add(j)
                j += 1
            layout.toc_lines.add(i)
            break

    sig = _find_signature(lines, body_start, n)
    layout.signature = sig
    sig_start = (sig.issuer_lines[0] if sig and sig.issuer_lines else sig.date_line) if sig else None

    # Notes before the signature: 附件说明.
    note_stop = sig_start if sig_start is not None else n
    for i in range(body_start, note_stop):
        used, titles = _attachment_note(lines, i, note_stop)
        if used:
            layout.attachment_note_lines = used
            layout.attachment_note_titles = titles
            break

    # After the signature: enclosed document, then attachments and 版记.
    after = (sig.date_line + 1) if sig else body_start
    wrapper_text = "".join(lines[: sig_start or 0])
    is_wrapper = bool(
        sig
        and (
            _ENCLOSE_SENTENCE.search(wrapper_text)
            or any(_WRAPPER_VERB.search(lines[t]) for t in layout.title_lines)
        )
    )
    if sig and is_wrapper:
        # the numbered lines of a 附件说明 (附件：1.… 2.…) list attachments, not measures of the wrapper
        wrapper_measures = sum(1 for i in range(body_start, sig_start or body_start)
                               if starts_with_marker(lines[i]) and i not in layout.attachment_note_lines)
        if wrapper_measures <= 1:
            enclosed = _enclosed_title(lines, after, n, wrapper_text)
            if enclosed:
                layout.enclosed_title_lines = enclosed
                layout.enclosed_start = enclosed[-1] + 1
            else:
                layout.enclosed_start = _untitled_enclosure(lines, after, n)
    tail_start = layout.enclosed_start if layout.enclosed_start is not None else after

    for i in range(body_start, n):
        s = lines[i]
        if _disclosure_pattern().match(s):
            layout.disclosure_lines.append(i)
        elif _CONTACT.match(s):
            layout.contact_lines.append(i)
        elif _CC.match(s) and i > body_start:
            layout.cc_lines.append(i)
        elif i >= tail_start and _PRINTED.search(s) and len(s) < 60:
            layout.printed_lines.append(i)

    # Attachment bodies: "附件" / "附件2" / "附件：标题" heads after the signature.
    heads = []
    for i in range(tail_start, n):
        m = _ATTACHMENT_HEAD.match(lines[i])
        if m and i not in layout.attachment_note_lines and len(lines[i]) <= 60:
            heads.append(i)
    if layout.enclosed_start is None and sig is None:
        # no signature: a 附件 head after the note, if any, still starts an attachment
        heads = [h for h in heads if h > (layout.attachment_note_lines[-1] if layout.attachment_note_lines else body_start)]
    block_end = min([i for i in layout.cc_lines + layout.printed_lines if i >= tail_start] or [n])
    for k, h in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else n
        end = min(end, max(block_end, h + 1)) if block_end > h else end
        m = _ATTACHMENT_HEAD.match(lines[h])
        rest = (m.group("rest") or "").strip() if m else ""
        start = h + 1
        title = rest or None
        if not title:
            tlines = []
            while start < end and _is_title_fragment(lines[start]) and start not in layout.table_lines and len(tlines) < 3:
                tlines.append(lines[start])
                start += 1
                if ends_with_doc_type("".join(tlines)) or len("".join(tlines)) > 12 and start < end and (
                    start in layout.table_lines or starts_with_marker(lines[start])
                ):
                    break
            title = "".join(tlines) or None
        layout.attachments.append(AttachmentZone(title=title, head_line=h, start=start, end=end))

    # Where the body (or the enclosed document) ends.
    enders = [i for i in layout.disclosure_lines + layout.contact_lines + layout.cc_lines + layout.printed_lines]
    if layout.enclosed_start is not None:
        stops = [z.head_line for z in layout.attachments if z.head_line >= layout.enclosed_start]
        stops += [i for i in enders if i >= layout.enclosed_start]
        layout.enclosed_end = min(stops or [n])
        layout.body_end = sig_start if sig_start is not None else n
    else:
        stops = [sig_start] if sig_start is not None else []
        stops += [z.head_line for z in layout.attachments]
        stops += layout.attachment_note_lines[:1]
        stops += [i for i in enders if i >= body_start]
        layout.body_end = min(stops or [n])
    layout.chrome_lines = _chrome_lines(lines, layout.body_start)
    layout.zones = _zones(layout, n)
    _mark_tail_chrome(lines, layout)
    layout.tables = _tables(doc, layout.table_lines)
    return layout


_SENTENCE = re.compile(r"[。；;！!]")
_CLOSING = re.compile(r"^(?:特此|此页无正文|以上)")
_TAIL_ZONES = (Zone.BODY, Zone.ENCLOSED)


def _is_anatomy(s: str) -> bool:
    """A line a notice is made of: a sentence, an item, a date, a closing formula."""
    s = s.strip()
    return bool(_SENTENCE.search(s)) or starts_with_marker(s) or is_date_line(s) or bool(_CLOSING.match(s))


def _mark_tail_chrome(lines: list[str], layout: Layout) -> None:
    """Lines of the body or the enclosed document after the notice's last sentence,
    item, date or part (signature, note, 附件, 版记, table) are the page's footer
    (友情链接, 网站地图, 扫一扫…, 主办单位：…): zone CHROME.

    The notice ends where its anatomy ends; by text density, what follows holds
    no sentence.
    """
    zones = layout.zones
    last = -1
    for i, s in enumerate(lines):
        if zones[i] not in _TAIL_ZONES and zones[i] is not Zone.HEAD or i in layout.table_lines or (
            zones[i] in _TAIL_ZONES and _is_anatomy(s)
        ):
            last = i
    for j in range(last + 1, len(lines)):
        if zones[j] in _TAIL_ZONES:
            zones[j] = Zone.CHROME


# A page's metadata printed as a numbered list of bracketed labels: "5. [成文日期] 2025-06-11".
_LABEL_ITEM = re.compile(r"^\d{1,2}\s*[.、．]\s*[\[［【]\s*[\p{Han}]{2,8}\s*[\]］】]\s*[^。；;，,]{0,60}$")
# A breadcrumb: "政务公开 > 政策服务 > 政策文件汇编 > 市级政策".
_BREADCRUMB = re.compile(r"^(?:首页|[\p{Han}\w]{1,16})(?:\s*[>＞»]\s*[\p{Han}\w]{1,16}){2,}\s*[>＞»]?$")


def _chrome_lines(lines: list[str], start: int) -> list[int]:
    """Page furniture a printout leaves inside the text: breadcrumbs, and runs of three or
    more label items (a page's metadata panel printed beside, or into, the body)."""
    out: list[int] = []
    i = start
    while i < len(lines):
        j = i
        while j < len(lines) and _LABEL_ITEM.match(lines[j].strip()):
            j += 1
        if j - i >= 3:
            out += range(i, j)
            i = j
            continue
        if _BREADCRUMB.match(lines[i].strip()):
            out.append(i)
        i += 1
    return out


def _zones(layout: Layout, n: int) -> list[Zone]:
    """One zone per line, from the parts :func:`segment` found (later parts win)."""
    zones = [Zone.HEAD if i < layout.body_start else Zone.BODY for i in range(n)]

    def put(lines: Iterator[int] | list[int] | set[int], zone: Zone) -> None:
        for i in lines:
            if 0 <= i < n:
                zones[i] = zone

    if layout.enclosed_start is not None:
        put(range(layout.enclosed_start, layout.enclosed_end or n), Zone.ENCLOSED)
    for z in layout.attachments:
        put(range(z.head_line, z.end), Zone.ATTACHMENT)
    put(layout.banner_lines, Zone.BANNER)
    put([layout.doc_number_line] if layout.doc_number_line is not None else [], Zone.DOC_NUMBER)
    put(layout.title_lines, Zone.TITLE)
    put(layout.byline_lines, Zone.BYLINE)
    put([layout.recipients_line] if layout.recipients_line is not None else [], Zone.RECIPIENTS)
    put(layout.toc_lines, Zone.TOC)
    put(layout.attachment_note_lines, Zone.ATTACHMENT_NOTE)
    if layout.signature:
        put(layout.signature.issuer_lines + [layout.signature.date_line], Zone.SIGNATURE)
    put(layout.enclosed_title_lines, Zone.ENCLOSED_TITLE)
    put(layout.disclosure_lines + layout.contact_lines, Zone.NOTE)
    put(layout.cc_lines + layout.printed_lines, Zone.RECORD)
    put(layout.chrome_lines, Zone.CHROME)
    return zones


def _tables(doc: NormalizedDocument, table_lines: set[int]) -> list[Table]:
    """The tables of ``doc`` with each cell's offsets and column, computed once for every extractor."""
    tables: dict[int, Table] = {}
    for i in sorted(table_lines):
        line = doc.lines[i]
        texts = doc.line_text(i).split("\t")
        pos = line.start
        cells = []
        for k, t in enumerate(texts):
            cells.append(Cell(t, pos, pos + len(t), k))
            pos += len(t) + 1
        tid = line.table if line.table is not None else -1
        table = tables.get(tid)
        if table is None:
            tables[tid] = Table(index=tid, lines=[i], header=cells, rows=[])
            continue
        shift = len(cells) - table.width
        if len(cells) == 1 and table.width > 1:
            pass  # one cell across the table: a section row, under the first column
        elif shift:
            cells = [Cell(c.text, c.start, c.end, c.column - shift) for c in cells]
        table.lines.append(i)
        table.rows.append(cells)
    return list(tables.values())
