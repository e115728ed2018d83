"""The items of a record as marks on its text, and the text as HTML with those marks.

Every list item of a record has a ``span``; the title, the 文号 and the two dates
have none in the record, so they are found in ``text`` here (the title allowing
line breaks inside it, the 文号 in any bracket style, the dates in any printed
form). :func:`items_of` gives each field's items with their spans, and
:func:`marked_html` writes the text with one ``<mark>`` per item.

Spans may overlap without nesting (a target that starts inside one deadline and
ends inside another). The HTML stays well formed by splitting: a mark that must
close early to let another close is closed and reopened, the reopened piece
carrying the class ``cont``. So ``mark[data-f=X]:not(.cont)`` counts the items
of field X exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

import regex as re
from markupsafe import Markup, escape

from ..calendar import as_date
from ..citations import doc_number_key
from ..lang.dates import DATE, parse_date
from ..lang.docnumber import find_doc_numbers

# (field, label) in legend order; measures first among the span fields so that they nest outside
FIELDS = [
    ("title", "标题 title"),
    ("doc_number", "文号 doc number"),
    ("dates", "日期 dates"),
    ("measures", "措施 measures"),
    ("targets", "目标 targets"),
    ("deadlines", "期限 deadlines"),
    ("departments", "部门 departments"),
    ("references", "引用 references"),
]
SPAN_FIELDS = ["measures", "targets", "deadlines", "departments", "references"]
_RANK = {name: k for k, (name, _) in enumerate(FIELDS)}
_SPACE = re.compile(r"\s+")


def locate_title(text: str, title: Optional[str]) -> Optional[tuple[int, int]]:
    """Where the title is printed, line breaks and spaces inside it allowed.

    >>> locate_title("省人力资源社会保障厅 省工业和信息化厅\\n关于实施先进制造业促就业行动的通知\\n各设区市：",
    ...              "省人力资源社会保障厅 省工业和信息化厅 关于实施先进制造业促就业行动的通知")
    (0, 37)
    """
    chars = _SPACE.sub("", title or "")
    if not chars:
        return None
    m = re.search(r"\s*".join(re.escape(c) for c in chars), text)
    return m.span() if m else None


def locate_doc_number(text: str, raw: Optional[str]) -> Optional[tuple[int, int]]:
    """Where the record's own 文号 is printed, in whatever brackets.

    >>> locate_doc_number("苏人社发[2024]45号\\n关于…", "苏人社发〔2024〕45号")
    (0, 13)
    """
    key = doc_number_key(raw)
    if key is None:
        return None
    for dn, start, end in find_doc_numbers(text):
        if doc_number_key(dn.raw) == key:
            return start, end
    return None


def locate_date(text: str, day: Any, last: bool = False) -> Optional[tuple[int, int]]:
    """Where a date is printed (the last time with ``last``: the 成文日期 stands under the signature).

    >>> locate_date("2024年12月1日印发……二〇二四年十二月十八日", "2024-12-18")
    (14, 25)
    """
    want = as_date(day)
    if want is None:
        return None
    found = None
    for m in DATE.finditer(text):
        if parse_date(m.group(0)) == want:
            found = m.span()
            if not last:
                break
    return found


def items_of(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each field's items, every one with a ``span``: the record's lists as they are, and the
    title, 文号 and dates where they are found in ``text`` (absent when not found)."""
    text = record.get("text") or ""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in FIELDS}
    span = locate_title(text, record.get("title"))
    if span:
        out["title"].append({"title": record["title"], "span": list(span)})
    dn = record.get("doc_number") or {}
    span = locate_doc_number(text, dn.get("raw"))
    if span:
        out["doc_number"].append({**dn, "span": list(span)})
    for key, last in (("issue_date", True), ("publish_date", False)):
        span = locate_date(text, record.get(key), last=last)
        if span:
            out["dates"].append({"field": key, "date": record[key], "span": list(span)})
    for name in SPAN_FIELDS:
        out[name] = list(record.get(name) or [])
    return out


@dataclass(frozen=True)
class Mark:
    field: str
    index: int
    start: int
    end: int
    badge: Optional[str] = None  # a measure's id, shown where the measure starts

    def open_tag(self, cont: bool) -> str:
        cls = f"mk f-{self.field}" + (" cont" if cont else "")
        attrs = f' class="{cls}" data-f="{self.field}" data-i="{self.index}"'
        if not cont:
            attrs += f' id="{self.field}-{self.index}"'
            if self.badge is not None:
                attrs += f' data-badge="{escape(self.badge)}"'
        return f"<mark{attrs}>"


def marks_of(items: dict[str, list[dict[str, Any]]], length: int) -> list[Mark]:
    """One mark per item that has a span inside ``[0, length]``."""
    out = []
    for name, _ in FIELDS:
        for k, item in enumerate(items.get(name) or []):
            span = item.get("span")
            if not span:
                continue
            start, end = max(0, min(int(span[0]), length)), max(0, min(int(span[1]), length))
            out.append(Mark(name, k, start, max(start, end), item.get("id") if name == "measures" else None))
    return out


def marked_html(text: str, marks: list[Mark]) -> Markup:
    """``text`` escaped, with every mark as a ``<mark>`` element; overlaps are split, never crossed.

    >>> marked_html("到2025年底前完成", [Mark("deadlines", 0, 0, 8), Mark("targets", 0, 1, 10)])
    Markup('<mark class="mk f-deadlines" data-f="deadlines" data-i="0" id="deadlines-0">到<mark class="mk f-targets" \
data-f="targets" data-i="0" id="targets-0">2025年底前</mark></mark><mark class="mk f-targets cont" data-f="targets" \
data-i="0">完成</mark>')
    """
    starts: dict[int, list[Mark]] = {}
    empties: dict[int, list[Mark]] = {}
    for m in marks:
        (starts if m.end > m.start else empties).setdefault(m.start, []).append(m)
    for ms in starts.values():  # longer first, so that it is the outer one
        ms.sort(key=lambda m: (-m.end, _RANK[m.field], m.index))
    ends = {m.end for ms in starts.values() for m in ms}
    cuts = sorted(set(starts) | set(empties) | ends | {len(text)})
    out: list[str] = []
    stack: list[Mark] = []
    pos = 0
    for cut in cuts:
        if cut > pos:
            out.append(str(escape(text[pos:cut])))
            pos = cut
        closing = [k for k, m in enumerate(stack) if m.end == cut]
        if closing:
            popped = stack[closing[0]:]
            del stack[closing[0]:]
            out.append("</mark>" * len(popped))
            for m in popped:
                if m.end != cut:
                    out.append(m.open_tag(cont=True))
                    stack.append(m)
        for m in empties.get(cut, []):
            out.append(m.open_tag(cont=False) + "</mark>")
        for m in starts.get(cut, []):
            out.append(m.open_tag(cont=False))
            stack.append(m)
    out.append("</mark>" * len(stack))
    return Markup("".join(out))
