"""Metadata of a notice (SPEC section 1): title, 文种, 发文字号, issuers, recipients,
成文日期, 发布日期, 公开属性 and 联系单位.

Each function reads one field from the normalized document and its layout.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional

import regex as re

from ..document import NormalizedDocument
from ..layout import ORDER_NUMBER_LINE, Layout, _disclosure_pattern, is_order_header
from ..lang.doctypes import ends_with_doc_type
from ..lexicon import alternation, mapping, table, word_list
from ..schemas import DocNumber, Issuer, PolicyRecord
from ..lang.dates import find_date, parse_date
from ..lang.docnumber import DOC_NUMBER, parse_announcement_number, parse_doc_number
from ..lang.organs import split_organ_line

_PAGE_TITLE_SPLIT = re.compile(r"\s+[-–—|_]\s+|[_|]|\s*--\s*|-(?=[^-]*(?:网|门户|平台|中心|政府|首页|专栏|汇编)[^-]*$)")
# a portal's tag or status in brackets ([已废止], 【贷款】), a bullet, an 附件 head
_SITE_PREFIX = re.compile(r"^(?:【[^】\d]{1,16}】|\[[^\]\d]{1,8}\]|[■□◆◇●○★☆▲△▶►•·※]+|附\s*件\s*\d{0,2}\s*[：:]?)\s*")
_NUMBER_SUFFIX = re.compile(r"\s*[（(][^（）()]*?\d+\s*号[）)]\s*$")
# a page number or a roman numeral glued before the title: 22中共…, II浙江省…
_PAGE_PREFIX = re.compile(r"^(?:\d{1,3}(?![\d年月日号%.．、，,）)\-—~])|[IVX]{1,4}|[Ⅰ-Ⅻ])(?=\p{Han})")
_DOC_NUMBER_PREFIX = re.compile(rf"^{DOC_NUMBER.pattern}\s*")


def _strip_glued_prefix(t: str) -> str:
    """Drop a page number, roman numeral or 文号 glued before a title that still reads
    as a title without it (an organ, 关于 or 印发 begins it, the 文种 ends it)."""
    for pattern in (_DOC_NUMBER_PREFIX, _PAGE_PREFIX):
        m = pattern.match(t)
        if not m:
            continue
        rest = t[m.end():].strip()
        if rest and (ends_with_doc_type(rest) or "关于" in rest) and (
            rest.startswith(("关于", "印发", "转发")) or split_organ_line(re.split(r"关于|印发|转发", rest)[0])
        ):
            return rest
    return t


def _page_title_part(t: str) -> str:
    """The part of a page's ``<title>`` that is the notice's title: the site's name
    and column (``…的通知_委局文件_政务公开``, ``长沙市政府门户网站-…``) go."""
    parts = [p.strip() for p in _PAGE_TITLE_SPLIT.split(t) if p and p.strip()]
    if len(parts) < 2:
        return t
    titled = [p for p in parts if ends_with_doc_type(_NUMBER_SUFFIX.sub("", p)) and _balanced(p)]
    return titled[0] if len(titled) == 1 else t


def _balanced(s: str) -> bool:
    return all(s.count(a) == s.count(b) for a, b in ("《》", "（）", "“”", "()"))


def clean_title(title: str) -> str:
    """A title without a site prefix, a page's ``<title>`` suffix, a glued page number
    or 文号, a trailing （文号） and wrapping 《》.

    >>> clean_title("【江苏】江苏省人力资源社会保障厅 省工业和信息化厅 关于实施江苏省专精特新企业就业创业扬帆计划的通知（苏人社发〔2023〕63号）")
    '江苏省人力资源社会保障厅 省工业和信息化厅 关于实施江苏省专精特新企业就业创业扬帆计划的通知'
    >>> clean_title("【贷款】武公中规〔2026〕2号武汉住房公积金管理中心关于优化住房公积金使用政策的通知")
    '武汉住房公积金管理中心关于优化住房公积金使用政策的通知'
    """
    t = re.sub(r"\s+", " ", title).strip()
    t = _page_title_part(t)
    t = _SITE_PREFIX.sub("", t)
    t = _strip_glued_prefix(t)
    t = _NUMBER_SUFFIX.sub("", t)
    if t.startswith("《") and t.endswith("》") and t.count("《") == 1:
        t = t[1:-1]
    return t.strip()


def _meta_title(meta: dict[str, str]) -> Optional[str]:
    for label in ("信息名称", "文件名称", "名称", "标题"):
        if meta.get(label):
            return meta[label]
    page = meta.get("页面标题")
    if not page:
        return None
    for part in _PAGE_TITLE_SPLIT.split(page):
        part = part.strip()
        if part and (ends_with_doc_type(part) or "关于" in part):
            return part
    return None


_PROMULGATED = re.compile(r"《(?P<t>[^》\n]{2,80})》[^。\n]{0,60}?现予(?:公布|发布|印发)")


def find_title(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> Optional[str]:
    """The notice's own title, joined across lines; page metadata when the text has none.

    A 令 (order) takes the title of the regulation it promulgates.
    """
    if layout.order:
        for i in range(layout.body_start, min(layout.body_start + 3, len(doc.lines))):
            m = _PROMULGATED.search(doc.line_text(i))
            if m:
                return m.group("t")
    meta_title = _meta_title(doc.meta)
    meta_title = clean_title(meta_title) if meta_title else None
    if layout.title_lines:
        joined = "".join(doc.line_text(i).strip() for i in layout.title_lines)
        title = clean_title(joined) or None
        title = _enclosing_title(title, doc, layout)
        if title and meta_title:
            return _checked_against_page(title, meta_title, doc, layout, record.warnings)
        heading = _page_heading(title, doc, layout)
        if title and heading:
            return _checked_against_page(title, heading, doc, layout, record.warnings)
        return title
    return meta_title


def _page_heading(title: Optional[str], doc: NormalizedDocument, layout: Layout) -> Optional[str]:
    """The page's heading printed above the notice, when it is the organ line above the
    title plus the title: a printout of a page carries no metadata, but its heading is
    the same evidence (the e2_23 printout: ``长沙市人民政府办公厅关于…的通知`` over the
    notice's ``长沙市人民政府办公厅`` | ``关于…的通知``)."""
    above = layout.title_lines[0] - 1 if layout.title_lines else -1
    if not title or above < 1:
        return None
    body = _squeezed(title)
    wanted = _squeezed(doc.line_text(above)) + body
    for i in range(above):
        text = doc.line_text(i)
        if body not in _squeezed(text):
            continue  # cheap test first: clean_title runs several patterns
        line = clean_title(text)
        if line and _squeezed(line) == wanted:
            return line
    return None


_ENCLOSING_VERB = re.compile(r"印发|转发|颁布|发布")


def _enclosing_title(title: Optional[str], doc: NormalizedDocument, layout: Layout) -> Optional[str]:
    """The title of the notice when the title block found is the document it 印发s:
    a page that shows ``关于印发《西宁市关于支持刚性和改善性住房需求的若干措施》的通知``
    as its heading and then only the enclosed 措施 under their own title. SPEC: for a
    notice that 印发/转发 another document, the notice's title."""
    above = layout.title_lines[0] - 1
    if not title or above < 0:
        return title
    line = clean_title(doc.line_text(above))
    at = _squeezed(line).find(_squeezed(title))
    if line != title and at > 0 and _ENCLOSING_VERB.search(_squeezed(line)[:at]) and ends_with_doc_type(line) and _balanced(line):
        return line
    return title


def _squeezed(s: str) -> str:
    return re.sub(r"[\s《》〈〉“”\"'「」]", "", s)


def _checked_against_page(title: str, meta_title: str, doc: NormalizedDocument, layout: Layout,
                          warnings: list[str]) -> str:
    """The text's title, checked against the page's metadata title.

    When the page's title is the text's title with the organ printed on the line
    above it (``海南省住房公积金管理局`` | ``关于进一步优化调整住房公积金贷款政策的通知``),
    that organ line belongs to the title. Where they disagree otherwise the text
    wins and a warning says so.
    """
    body, page = _squeezed(title), _squeezed(meta_title)
    if body == page:
        return title
    above = layout.title_lines[0] - 1
    if page.endswith(body) and above >= 0:
        head = page[: len(page) - len(body)]
        line_above = _squeezed(doc.line_text(above))
        if head == line_above and split_organ_line(doc.line_text(above)) and title.startswith(("关于", "印发", "转发")):
            return doc.line_text(above).strip() + title
    if body not in page and page not in body:
        warnings.append(f"the page's metadata gives the title {meta_title!r}; the text's title {title!r} is used")
    return title


@lru_cache(maxsize=1)
def _doc_types() -> tuple[re.Pattern[str], dict[str, str]]:
    types = mapping("doc_types.tsv", "suffix", "doc_type")
    qualifiers = alternation(word_list("title_qualifiers.txt"))
    tail = rf"(?:[（(](?:{qualifiers}|[^（）()]{{0,16}}\d{{4}}[^（）()]{{0,12}})[）)])*$"
    return re.compile(rf"(?P<t>{alternation(list(types))}){tail}"), types


def doc_type_of(title: Optional[str]) -> Optional[str]:
    """The 文种 that ends ``title`` (data file ``doc_types.tsv``).

    >>> doc_type_of("关于印发助力全市建设长三角先进制造业基地三年行动计划（2021-2023年）实施方案的通知")
    '通知'
    >>> doc_type_of("上海市技术交易场所管理细则（试行）")
    '细则'
    """
    if not title:
        return None
    pattern, types = _doc_types()
    m = pattern.search(title.strip())
    return types[m.group("t")] if m else None


def find_doc_type(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> Optional[str]:
    """The 文种 of the record's title."""
    return doc_type_of(record.title)


def _first_number(texts: list[str]) -> Optional[DocNumber]:
    for text in texts:
        dn = parse_doc_number(text)
        if dn:
            return dn
        m = ORDER_NUMBER_LINE.match(text.strip())
        if m:
            raw = re.sub(r"\s+", "", text.strip())
            return DocNumber(raw=raw, agency=m.group("agency"), year=None, serial=int(m.group("serial")))
        dn = parse_announcement_number(text)
        if dn:
            return dn
    return None


def find_doc_number(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> Optional[DocNumber]:
    """The document's own 文号: a head line, the title, then page metadata.

    Never a number cited in the body. A 文号 with unfilled template fields
    (``东府〔FlFileYear〕FlFileSerial号``) gives None and a warning.
    """
    warnings = record.warnings
    candidates: list[str] = []
    if layout.doc_number_line is not None:
        candidates.append(doc.line_text(layout.doc_number_line))
    candidates += [doc.line_text(i) for i in layout.title_lines]
    candidates.append("".join(doc.line_text(i) for i in layout.title_lines))  # a number cut by a line break
    dn = _first_number(candidates)
    page = _first_number([doc.meta[label] for label in ("发文字号", "文号", "发文编号", "文件编号") if doc.meta.get(label)])
    if dn and page and _squeezed(dn.raw) != _squeezed(page.raw):
        warnings.append(f"the page's metadata gives the 文号 {page.raw!r}; the text's {dn.raw!r} is used")
    if dn or page:
        return dn or page
    head_end = layout.recipients_line if layout.recipients_line is not None else layout.body_start
    for i in range(min(head_end + 1, len(doc.lines))):
        s = doc.line_text(i)
        if re.search(r"[〔\[（(][A-Za-z]{3,}[〕\]）)].*[A-Za-z]{3,}号", s):
            warnings.append(f"the document number is an unfilled template field: {s.strip()!r}")
            break
    return None


def _title_organs(title: Optional[str]) -> list[str]:
    if not title:
        return []
    m = re.match(r"^(.+?)(?:关于|印发|转发)", title)
    if not m:
        return []
    return split_organ_line(m.group(1).strip())


def _meta_organs(meta: dict[str, str]) -> list[str]:
    keys = mapping("page_meta_labels.tsv", "label", "key")
    for label, value in meta.items():
        if keys.get(label) in ("issuer", "source") and value:
            organs = split_organ_line(re.sub(r"[，,;；]", " ", value))
            if organs:
                return organs
    return []


@lru_cache(maxsize=1)
def _agency_issuers() -> dict[str, str]:
    return {row["agency"]: row["issuer"] for row in table("agency_codes.tsv")}


_SERIES = re.compile(r"[发函规字文电令办复通报]+$")


def issuer_for_agency(agency: Optional[str]) -> Optional[str]:
    """The issuer a 机关代字 belongs to, from ``data/agency_codes.tsv``.

    Another document series of the same organ is recognized by its stem
    (``苏人社函`` has the stem of ``苏人社发``).

    >>> issuer_for_agency("苏人社发"), issuer_for_agency("苏人社函")
    ('江苏省人力资源和社会保障厅', '江苏省人力资源和社会保障厅')
    """
    if not agency:
        return None
    codes = _agency_issuers()
    if agency in codes:
        return codes[agency]
    stem = _SERIES.sub("", agency)
    hits = {issuer for code, issuer in codes.items() if _SERIES.sub("", code) == stem}
    return hits.pop() if len(hits) == 1 else None


def find_issuers(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[Issuer]:
    """Issuing organs: the signature, else the 版头, else the title, else page metadata,
    else the agency code of the 文号."""
    title, doc_number = record.title, record.doc_number
    names: list[str] = []
    if layout.signature and layout.signature.issuers:
        names = layout.signature.issuers
    if not names:
        for i in layout.banner_lines:
            s = re.sub(r"\s*文\s*件\s*$", "", doc.line_text(i))
            s = re.sub(r"令$", "", s) if is_order_header(s) else s
            names += split_organ_line(s)
    if not names:
        for i in layout.byline_lines:
            names += split_organ_line(doc.line_text(i))
    if not names:
        names = _title_organs(title)
    if not names:
        names = _meta_organs(doc.meta)
    if not names and doc_number:
        issuer = issuer_for_agency(doc_number.agency)
        if issuer:
            names = [issuer]
    out: list[Issuer] = []
    for name in names:
        name = re.sub(r"[（(](?:代章|盖章|印章|公章|章)[）)]$", "", name)
        if name not in [i.name for i in out]:
            out.append(Issuer(name=name))
    return out


_RECIPIENT_SPLIT = re.compile(r"[、，,；;]")


def split_outside_brackets(s: str) -> list[str]:
    """Split at 、，,；; except inside brackets: ``经信委（工信委、工信厅）`` stays whole.

    >>> split_outside_brackets("各市、县（区）人民政府，省直各单位")
    ['各市', '县（区）人民政府', '省直各单位']
    """
    parts, depth, cur = [], 0, []
    for ch in s:
        if ch in "（(【[《〔":
            depth += 1
        elif ch in "）)】]》〕" and depth:
            depth -= 1
        if depth == 0 and _RECIPIENT_SPLIT.match(ch):
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur).strip())
    return [p for p in parts if p]


def find_recipients(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[str]:
    """The 主送 line, split as written, without the closing colon."""
    if layout.recipients_line is None:
        return []
    s = doc.line_text(layout.recipients_line).strip()
    s = re.sub(r"^主\s*送\s*[：:]", "", s).rstrip("：:").strip()
    out: list[str] = []
    for part in split_outside_brackets(s):
        if part not in out:
            out.append(part)
    return out


def find_issue_date(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> Optional[dt.date]:
    """The 成文日期 under the signature; page metadata 成文日期 when there is none.
    Where the page's 成文日期 differs from the signature's, the signature wins and a
    warning says so."""
    keys = mapping("page_meta_labels.tsv", "label", "key")
    page = next((d for label, value in doc.meta.items() if keys.get(label) == "issue_date"
                 for d in [find_date(value)] if d), None)
    if layout.signature:
        d = find_date(doc.line_text(layout.signature.date_line))
        if d:
            if page and page != d:
                record.warnings.append(f"the page's metadata gives the 成文日期 {page.isoformat()}; "
                                       f"the signature's {d.isoformat()} is used")
            return d
    return page


_PUBLISH_LABELS = ("发布日期", "发布时间", "公开日期", "发布于", "日期", "时间", "生成日期")


def find_publish_date(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> Optional[dt.date]:
    """发布日期 from page metadata, when the page has it."""
    for label in _PUBLISH_LABELS:
        value = doc.meta.get(label)
        if value:
            d = find_date(value)
            if d:
                return d
    return None


def find_disclosure(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> Optional[str]:
    """``此件公开发布`` and the like, without brackets; else the page's 公开方式/公开属性
    when it names a disclosure (``主动公开``, not a channel such as ``政府网站``)."""
    for i in layout.disclosure_lines:
        m = _disclosure_pattern().match(doc.line_text(i))
        if m:
            return m.group("d")
    keys = mapping("page_meta_labels.tsv", "label", "key")
    for label, value in doc.meta.items():
        value = value.strip()
        if keys.get(label) == "disclosure" and value and (
            _disclosure_pattern().match(value) or _disclosure_pattern().match("此件" + value)
        ):
            return value
    return None


def find_contact(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> Optional[str]:
    """The text after 联系单位：/联系人： (brackets and label dropped)."""
    if not layout.contact_lines:
        return None
    parts = []
    for i in layout.contact_lines:
        s = doc.line_text(i).strip()
        if s.startswith(("（", "(")) and s.endswith(("）", ")")):
            s = s[1:-1]
        s = re.sub(r"^\s*联\s*系\s*(?:单\s*位|人|部\s*门|处\s*室)\s*[：:]\s*", "", s)
        parts.append(s.strip())
    return "；".join(p for p in parts if p) or None


_CC_LABEL = re.compile(r"^\s*(?:抄\s*送|抄\s*报|分\s*送)\s*[：:]\s*")
_PRINTED = re.compile(r"^(?P<organ>.*?)\s*(?P<date>(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年.{1,6}?[日号])\s*印\s*发\s*$")


def find_copy_to(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> list[str]:
    """The 抄送 organs of the 版记, split as the recipients are."""
    out: list[str] = []
    for i in layout.cc_lines:
        s = _CC_LABEL.sub("", doc.line_text(i))
        j = i + 1
        # the list may run on over the next lines of the 版记, up to the 印发 line
        while (j < len(doc.lines) and j not in layout.printed_lines and j not in layout.cc_lines
               and not s.endswith("。") and len(doc.line_text(j)) <= 60 and not _PRINTED.match(doc.line_text(j))
               and not _CC_LABEL.match(doc.line_text(j)) and not layout.in_attachment(j)):
            s += doc.line_text(j)
            j += 1
        s = s.rstrip("。.")
        for part in split_outside_brackets(s):
            if part not in out:
                out.append(part)
    return out


def find_printed_by(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> Optional[str]:
    """印发机关 of the 版记."""
    return _printed(doc, layout)[0]


def find_printed_date(doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> Optional[dt.date]:
    """印发日期 of the 版记."""
    return _printed(doc, layout)[1]


def _printed(doc: NormalizedDocument, layout: Layout) -> tuple[Optional[str], Optional[dt.date]]:
    """印发机关 and 印发日期: ``东莞市人民政府办公室 2015年12月18日印发``."""
    for i in layout.printed_lines:
        m = _PRINTED.match(doc.line_text(i).strip())
        if m:
            organ = m.group("organ").strip() or None
            return organ, parse_date(m.group("date"))
    return None, None
