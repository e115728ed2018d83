"""Normalization, in one place: a reader's lines in, the ``text`` every span points into out.

The steps, in order (each a small function below):

1. ``clean_chars``: conversion artifacts (``[bookmark: …]``, Markdown ``**``/``#``/links),
   full-width digits and letters to ASCII, ``㈠`` to ``（一）``, ASCII brackets and
   punctuation between Chinese characters to their full-width forms, odd spaces.
2. ``squeeze_spaces``: spaces inside dates, numbers and 文号 (``2016 年 4 月 26 日``,
   ``57 号``, ``〔 2021〕``) and, in prose, stray spaces between characters.
3. drop page furniture: page-number lines (``— 2 —``, ``- 1 -``), web-page chrome
   lines (data files ``chrome_words.txt``, ``chrome_prefixes.txt``), and page
   metadata lines (``发布日期：…``), which are moved into ``meta``.
4. ``join_broken_lines``: lines broken inside a sentence or word are re-joined
   (seed 000 breaks ``工业和信息|化部门`` across a page).

The text is rebuilt from the kept lines, one line per paragraph, joined by ``\\n``;
each :class:`~policyparse.document.TextLine` keeps its page.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Optional

import regex as re

from .document import Line, NormalizedDocument, RawDocument, TextLine
from .lang.dates import DATE_LINE
from .lang.markers import ANY_MARKER
from .lexicon import alternation, mapping, word_list

# --- 1. characters -------------------------------------------------------------------

_CIRCLED_PAREN_HAN = {chr(0x3220 + i): f"（{n}）" for i, n in enumerate("一二三四五六七八九十")}
_FULLWIDTH_TO_ASCII = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # digits
_FULLWIDTH_TO_ASCII.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # A-Z
_FULLWIDTH_TO_ASCII.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # a-z
_FULLWIDTH_TO_ASCII.update({"％": "%", "＋": "+", "．": ".", "／": "/", "＝": "=", "＜": "<", "＞": ">", "～": "~"})
_SPACES = {"\u3000": " ", "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200a": " ", "\u202f": " "}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CHAR_TABLE = str.maketrans({**_FULLWIDTH_TO_ASCII, **_SPACES, **_CIRCLED_PAREN_HAN})

_HAN = r"\p{Han}"
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_BOLD = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+(?=\S)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")

# ASCII punctuation next to a Chinese character → full-width form. Not between digits
# ("1,000", "14:37") and not inside runs of ASCII text (URLs).
_PUNCT_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_ASCII_PUNCT_NEAR_HAN = re.compile(rf"(?<={_HAN}|[）》”]|\d)\s*([,:;?!])(?!//)|([,:;?!])\s*(?={_HAN}|[（《“])")
_PAREN_OPEN = re.compile(r"\((?!\s*[A-Za-z]+\s*\))")
_PAREN_CLOSE = re.compile(r"(?<!\(\s*[A-Za-z]+\s*)\)")



# patterns used in hot functions, compiled once
_NUMBERED_BULLET = re.compile(r"^\s*[-*+]\s*\d")
_SPACE_RUN = re.compile(r"[ ]{2,}")
_SENTENCE_END_INSIDE = re.compile(r"[。；？！]")


def _fullwidth_punct(s: str) -> str:
    def sub(m: re.Match[str]) -> str:
        ch = m.group(1) or m.group(2)
        start = m.start(1) if m.group(1) else m.start(2)
        before = s[start - 1] if start > 0 else ""
        after = s[start + 1] if start + 1 < len(s) else ""
        if ch == ":" and before.isdigit() and after.isdigit():
            return m.group(0)  # a time of day, 14:37
        if ch == "," and before.isdigit() and after.isdigit():
            return m.group(0)  # a thousands separator
        return _PUNCT_TO_FULL[ch]

    s = _ASCII_PUNCT_NEAR_HAN.sub(sub, s)
    if re.search(_HAN, s):
        s = _PAREN_OPEN.sub("（", s)
        s = _PAREN_CLOSE.sub("）", s)
        s = _straight_quotes(s)
    return s


def _straight_quotes(s: str) -> str:
    if '"' not in s:
        return s
    out, opening = [], True
    for ch in s:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def clean_chars(s: str) -> str:
    """One line's characters made uniform for matching.

    >>> clean_chars("(二)实施重点企业用工保障,依托“就在江苏”平台")
    '（二）实施重点企业用工保障，依托“就在江苏”平台'
    >>> clean_chars("㈠取消成年子女投靠父母落户政策。")
    '（一）取消成年子女投靠父母落户政策。'
    """
    s = unicodedata.normalize("NFC", s)
    s = s.translate(_INVISIBLE).translate(_CHAR_TABLE)
    s = _CONTROL.sub("", s)
    s = PRIVATE_USE.sub("", s)
    s = _BOOKMARK.sub("", s)
    s = _MD_LINK.sub(lambda m: m.group(1), s)
    s = _MD_BOLD.sub("", s)
    s = _MD_HEADING.sub("", s)
    s = _MD_BULLET.sub("", s) if not _NUMBERED_BULLET.match(s) else s
    return _fullwidth_punct(s)


# --- 2. spaces ----------------------------------------------------------------------

_SPACE_RULES = [
    # 2016 年 4 月 26 日, 57 号, 〔 2021〕, 第 3 条
    re.compile(r"(?<=\d)[ \t]+(?=[年月日号%〕\]】）]|个(?:工作日|月)|周岁)"),
    re.compile(r"(?<=[年月〔\[【第（])[ \t]+(?=\d)"),
    re.compile(r"(?<=\d)[ \t]+(?=\d*[年月日])(?<=\d{2,4}[ \t]+)(?=\d)"),
    re.compile(r"(?<=[〔\[【][ \t]*\d{4})[ \t]+(?=[〕\]】])"),
]
_PROSE = re.compile(r"[。；，]")
_HAN_SPACE_HAN = re.compile(rf"(?<={_HAN}|[，。；、：“”（）《》]) (?={_HAN}|[，。；、：“”（）《》])")
# a short number and its Chinese context: 第 45 号, 98 天 (not a long identifier)
_HAN_SPACE_DIGIT = re.compile(rf"(?<={_HAN}) (?=\d{{1,6}}(?:\.\d+)?(?![\d.]))|(?<=(?<![\d.])\d{{1,6}}(?:\.\d+)?) (?={_HAN})")
# a letter-spaced word: a lone character between spaces ("通 知", "总 则")
_LONE_HAN_SPACE = re.compile(rf"(?:(?<=(?:^|\s){_HAN}) (?={_HAN}))|(?:(?<={_HAN}) (?={_HAN}(?:\s|$)))")
_PUNCT_SPACE = re.compile(r"\s+(?=[，。；：、！？）》”])|(?<=[（《“])\s+")


def squeeze_spaces(s: str) -> str:
    """Remove spaces inside dates, numbers and 文号, and stray single spaces in prose.

    >>> squeeze_spaces("2016 年 4 月 26 日")
    '2016年4月26日'
    >>> squeeze_spaces("惠府〔2016〕57 号")
    '惠府〔2016〕57号'
    """
    for rule in _SPACE_RULES:
        s = rule.sub("", s)
    s = s.strip()
    s = _PUNCT_SPACE.sub("", s)
    if "  " not in s:
        s = _LONE_HAN_SPACE.sub("", s)
        s = _HAN_SPACE_DIGIT.sub("", s)
    if len(s) > 30 and _PROSE.search(s) and "\t" not in s:
        # PDF-to-text leaves single spaces inside words ("中国人民 银行"); prose
        # lines have no meaningful single space between Chinese characters.
        s = _HAN_SPACE_HAN.sub("", s)
        s = _HAN_SPACE_DIGIT.sub("", s)
    return _SPACE_RUN.sub("  ", s)


# --- 3. page furniture ----------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:[-—－–~·•]+\s*\d{1,4}\s*[-—－–~·•]+|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|\[\s*\d{1,4}\s*\]|第\[\d+\]页|—\s*\d+\s*—)$"
)
_SEPARATORS = re.compile(r"[\s|｜/·>»<«【】\[\]（）()：:，,、\-—_]+")


@lru_cache(maxsize=1)
def _chrome_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = word_list("chrome_words.txt")
    only_words = re.compile(rf"^(?:{alternation(words)}|\d+(?:\.\d+)?[KkMm万]?)+$")
    prefixes = re.compile(rf"^[\s【\[（(]*(?:{alternation(word_list('chrome_prefixes.txt'))})")
    return only_words, prefixes


def is_chrome_line(s: str) -> bool:
    """True for a line of web-page furniture (menus, share buttons, footers).

    >>> is_chrome_line("【打印本页】 【关闭窗口】")
    True
    >>> is_chrome_line("各设区市人力资源社会保障局、工业和信息化局：")
    False
    """
    only_words, prefixes = _chrome_patterns()
    if prefixes.match(s):
        return True
    if ("|" in s or "｜" in s) and not re.search(r"[。，；]", s):
        return True  # a menu: items separated by bars
    squeezed = _SEPARATORS.sub("", s)
    return bool(squeezed) and len(squeezed) <= 80 and bool(only_words.match(squeezed))


def is_page_number_line(s: str) -> bool:
    """``— 2 —``, ``- 1 -``, ``第 3 页``: page numbers left by PDF/Word conversion."""
    return bool(_PAGE_NUMBER.match(s.strip()))


@lru_cache(maxsize=1)
def _meta_label_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    labels = mapping("page_meta_labels.tsv", "label", "key")
    # Labels are printed with spaces inside to align them ("文　　号", "索 引 号").
    spaced = "|".join(
        r"\s*".join(re.escape(ch) for ch in label) for label in sorted(labels, key=len, reverse=True)
    )
    return re.compile(rf"(?:^|(?<=\s|\t|】|\]))(?P<label>{spaced})\s*[：:]\s*"), labels


_GENERIC_LABELS = frozenset({"日期", "时间", "来源", "名称", "标题", "分类", "版本", "链接", "作者"})


def _meta_pairs(s: str) -> Optional[list[tuple[str, str]]]:
    """``[(label, value), …]`` when the whole line is page metadata, else None."""
    pattern, labels = _meta_label_pattern()
    matches = list(pattern.finditer(s))
    if not matches or matches[0].start() > 0 and s[: matches[0].start()].strip() and not re.fullmatch(
        r"[\s\d【】\[\]]*", s[: matches[0].start()]
    ):
        return None
    pairs = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(s)
        label = re.sub(r"\s", "", m.group("label"))
        value = s[m.end() : end].strip().strip("\t").strip()
        value = re.sub(r"【[^】\d]*】|\[[^\]\d]*\]", "", value).strip()
        pairs.append((label, value))
    if len(pairs) == 1 and len(pairs[0][1]) > 80 and re.search(r"[\p{Han}]", pairs[0][1]) and (
        labels.get(pairs[0][0]) != "summary"
    ):
        return None  # a sentence that happens to start with a label (a page's 内容概述 runs long)
    return pairs


def _is_body_start(s: str) -> bool:
    return "。" in s or (s.endswith("：") and len(s) > 8 and ("、" in s or "，" in s))


# --- 4. broken lines -------------------------------------------------------------------

# A line that starts one of these never continues the line before it: an item marker,
# a run-in 一是, a 版记 or contact label, a dash, a responsibility note.
_MARKER = re.compile(
    rf"^(?:{ANY_MARKER}|[一二三四五六七八九十]是|"
    r"附件|附表|抄送|主送|联系人|联系单位|联系电话|——|—(?!\d)|"
    r"(?:责任|牵头|配合|协办|主办|参与)单位[：:]|(?:责任|牵头|配合)部门[：:])"
)
_LABEL_LINE = re.compile(r"^[\p{Han}]{2,6}[：:]")
_TERMINAL = ("。", "；", "！", "？", "：", "”", "）", "】", "》", "…")
_CONTINUES = ("，", "、", "“", "《", "（", "—", "-", "和", "及", "与")
_STARTS_CONTINUED = ("，", "。", "、", "；", "：", "）", "》", "”", "！", "？")


_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def _display_width(s: str) -> int:
    """Columns a line takes: wide (CJK) characters count two."""
    return len(s) + len(_WIDE.findall(s))


def _unbalanced(s: str) -> bool:
    return s.count("《") > s.count("》") or s.count("（") > s.count("）") or s.count("“") > s.count("”")


def _wrap_width_of(line_widths: list[int]) -> Optional[int]:
    """The width at which a hard-wrapped text was broken, if it was.

    In a hard-wrapped text most lines of a paragraph end within a few columns of
    one width and almost no line is longer; paragraphs kept on one line vary
    freely in length. Widths include the indentation the source printed.
    """
    widths = sorted(line_widths)
    if len(widths) < 8:
        return None
    p90 = widths[int(0.9 * (len(widths) - 1))]
    if p90 < 40:
        return None
    near = sum(1 for w in widths if p90 - 4 <= w <= p90 + 2)
    longer = sum(1 for w in widths if w > p90 + 4)
    if near >= 0.4 * len(widths) and longer <= 0.05 * len(widths):
        return p90
    return None


def _should_join(cur: str, nxt: str, wrap_width: Optional[int], hint: Optional[bool], cur_width: int = 0) -> bool:
    if not nxt or _MARKER.match(nxt) or DATE_LINE.match(nxt) or "\t" in cur or "\t" in nxt:
        return False
    if nxt.startswith(_STARTS_CONTINUED) or cur.endswith(("，", "、")):
        return True  # a comma never ends a paragraph, whatever the layout says
    if hint is not None:
        return hint and not cur.endswith(("。", "：", "！", "？"))
    if cur.endswith(_TERMINAL) and not _unbalanced(cur):
        return False
    if cur.endswith(_CONTINUES) or _unbalanced(cur):
        return len(cur) >= 6
    if _LABEL_LINE.match(cur):
        return False
    if _SENTENCE_END_INSIDE.search(cur[:-1]) and len(cur) >= 15:
        return True  # prose that stops mid-sentence
    if wrap_width and cur_width >= wrap_width - 4:
        return True
    return False


def _joiner(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return " "
    return ""


@dataclass
class _Kept:
    text: str
    line: Line
    width: int = 0  # display width of the last source line, indentation included


def join_broken_lines(kept: list[_Kept]) -> list[_Kept]:
    """Re-join lines broken inside a sentence or a word.

    A line runs on when it ends without closing punctuation and the next line does
    not start a new item, date or block; the evidence is an open bracket or quote,
    a comma at the end, punctuation at the start of the next line, a sentence that
    began on the line, or a text hard-wrapped at a fixed width.
    """
    widths = _wrap_width_of([k.width for k in kept if len(k.text) >= 10])
    out: list[_Kept] = []
    for k in kept:
        if out:
            prev = out[-1]
            same_table = prev.line.table is not None and prev.line.table == k.line.table
            both_headings = prev.line.heading and k.line.heading
            if not same_table and prev.line.table is None and k.line.table is None and not both_headings and _should_join(
                prev.text, k.text, widths, prev.line.wraps, prev.width
            ):
                prev.text = prev.text + _joiner(prev.text, k.text) + k.text
                prev.line = replace(prev.line, wraps=k.line.wraps)
                prev.width = k.width
                continue
        out.append(_Kept(k.text, k.line, k.width))
    return out


# --- the stage ---------------------------------------------------------------------------


def _prepare(lines: Iterable[Line]) -> list[_Kept]:
    kept = []
    for line in lines:
        if line.cells is not None:
            cells = tuple(squeeze_spaces(clean_chars(c)).replace("\t", " ") for c in line.cells)
            text = "\t".join(cells).strip(" ")  # an empty first cell keeps its tab
            if text:
                kept.append(_Kept(text, replace(line, cells=cells)))
            continue
        raw = line.text
        if _MD_RULE.match(raw):
            continue
        text = squeeze_spaces(clean_chars(raw).replace("\t", " "))
        if text.strip():
            kept.append(_Kept(text, line, _display_width(raw.rstrip().replace("\t", "    "))))
    return kept


def _drop_furniture(kept: list[_Kept], meta: dict[str, str]) -> tuple[list[_Kept], dict[str, str]]:
    out: list[_Kept] = []
    in_header = True
    pending_label: Optional[str] = None
    for k in kept:
        s = k.text.strip()
        if k.line.table is None and is_page_number_line(s):
            continue
        pairs = _meta_pairs(s.replace("\t", " ")) if k.line.table is None or len(s) < 200 else None
        if pairs is not None:
            specific = any(label not in _GENERIC_LABELS for label, _ in pairs)
            if specific or in_header:
                for label, value in pairs:
                    if value:
                        meta.setdefault(label, value)
                    elif len(pairs) == 1:
                        pending_label = label
                continue
        if pending_label is not None:
            # a label left without its value (浏览次数：) never takes the 主送 line
            # (…企事业单位：) or a sentence that follows it
            if len(s) <= 60 and "。" not in s and not s.endswith(("：", ":")):
                meta.setdefault(pending_label, s)
                pending_label = None
                continue
            pending_label = None
        if k.line.table is None and is_chrome_line(s):
            continue
        if in_header and _is_body_start(s):
            in_header = False
        out.append(k)
    return out, meta


def _cell_per_line_tables(lines: list[Line], first_table: int) -> list[Line]:
    """Rebuild tables printed one cell per line.

    Word-to-text converters print a table as one cell per line, each cell line
    starting with a tab, rows separated by blank lines, and a cell that wrapped
    continuing on a line without the tab (seed 003's 重点任务清单).
    """
    out: list[Line] = []
    i, n, table_id = 0, len(lines), first_table
    while i < n:
        if not lines[i].text.startswith("\t") or lines[i].cells is not None:
            out.append(lines[i])
            i += 1
            continue
        rows: list[list[str]] = []
        row: list[str] = []
        j = i
        while j < n:
            t = lines[j].text
            if t.startswith("\t") and t.strip():
                row.append(t.strip())
            elif not t.strip():
                if row:
                    rows.append(row)
                    row = []
                if j + 1 < n and not lines[j + 1].text.startswith("\t") and lines[j + 1].text.strip():
                    break
            elif row and len(t.strip()) <= 12 and "。" not in t:
                row[-1] += t.strip()  # a cell that wrapped onto the next line
            else:
                break
            j += 1
        if row:
            rows.append(row)
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            for r in rows:
                out.append(Line("\t".join(r), page=lines[i].page, cells=tuple(r), table=table_id))
            table_id += 1
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _tab_separated_tables(lines: list[Line], first_table: int) -> list[Line]:
    """Consecutive lines with the same number (≥ 2) of tab-separated cells are a table."""
    out: list[Line] = []
    table_id = first_table
    i, n = 0, len(lines)
    while i < n:
        cells = lines[i].text.strip().split("\t") if lines[i].cells is None else []
        width = len(cells)
        j = i + 1
        if width >= 2:
            while j < n and lines[j].cells is None and len(lines[j].text.strip().split("\t")) == width:
                j += 1
        if width >= 2 and j - i >= 2:
            for k in range(i, j):
                row = tuple(c.strip() for c in lines[k].text.strip().split("\t"))
                out.append(Line("\t".join(row), page=lines[k].page, cells=row, table=table_id))
            table_id += 1
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def recover_text_tables(lines: list[Line]) -> list[Line]:
    """Give table rows printed as plain text their cells (see the two helpers above)."""
    if not any("\t" in line.text for line in lines if line.cells is None):
        return lines
    first = 1 + max((line.table for line in lines if line.table is not None), default=-1)
    lines = _cell_per_line_tables(lines, first)
    first = 1 + max((line.table for line in lines if line.table is not None), default=-1)
    return _tab_separated_tables(lines, first)


def normalize(raw: RawDocument) -> NormalizedDocument:
    """Turn a reader's lines into the normalized text and its line table.

    >>> from policyparse.document import Line, RawDocument
    >>> doc = normalize(RawDocument([Line("（一）加强信息衔接。各级人力资源社会保障、工业和信息"), Line(""),
    ...                              Line("化部门要加强信息衔接。")], "txt"))
    >>> doc.text
    '（一）加强信息衔接。各级人力资源社会保障、工业和信息化部门要加强信息衔接。'
    """
    warnings = list(raw.warnings)
    pua = sum(len(PRIVATE_USE.findall(line.text)) for line in raw.lines)
    if pua:
        warnings.append(f"{pua} private-use character(s) (font-specific glyphs) removed from the text")
    kept = _prepare(recover_text_tables(raw.lines))
    kept, meta = _drop_furniture(kept, dict(raw.meta))
    kept = join_broken_lines(kept)
    parts: list[str] = []
    lines: list[TextLine] = []
    pos = 0
    for k in kept:
        text = k.text.rstrip() if k.line.table is None else k.text.rstrip(" ")
        if not text.strip():
            continue
        lines.append(TextLine(pos, pos + len(text), k.line.page, k.line.table, k.line.heading))
        parts.append(text)
        pos += len(text) + 1
    return NormalizedDocument(
        text="\n".join(parts),
        lines=lines,
        format=raw.format,
        meta=meta,
        pages=raw.pages,
        encoding=raw.encoding,
        warnings=warnings,
    )
