"""Write the review site: ``index.html``, one page per notice under ``notices/``, and the
CSS and JavaScript under ``assets/``. Nothing is fetched: the pages open from disk.

Templates are Jinja2 with autoescape on: every value from a record is escaped. The one
piece of HTML built outside a template, the marked text, escapes every stretch of text
itself (:func:`policyparse.report.marks.marked_html`).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional, Union

import regex as re
from jinja2 import Environment, PackageLoader

from ..citations import CitationIndex
from ..schemas import PolicyRecord
from .marks import FIELDS, items_of, marked_html, marks_of
from .svg import citation_graph, timeline

ASSETS = ("report.css", "report.js")
ROLES = [("lead", "牵头 lead"), ("responsible", "负责 responsible"), ("cooperate", "配合 cooperate"),
         ("contact", "联系 contact")]


@dataclass
class Summary:
    """What :func:`build_report` wrote."""

    notices: int  # pages written
    failed: int  # records with an error (a row in the index, no page)
    links: int  # pairs of notices where the first cites the second
    index: Path


def _env() -> Environment:
    env = Environment(loader=PackageLoader("policyparse.report", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      finalize=lambda v: "" if v is None else v)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}  # tojson still escapes < > & '
    return env


def _page_name(k: int, path: Optional[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(path or "").stem)[:40].strip("_")
    return f"{k + 1:04d}{'-' + stem if stem else ''}.html"


def _short(rec: dict[str, Any], k: int) -> str:
    dn = (rec.get("doc_number") or {}).get("raw")
    return dn or (rec.get("title") or f"#{k + 1}")[:12]


def _outline(measures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The measures as a tree: ``{"m": measure, "i": index, "children": [...]}``."""
    nodes = {m.get("id"): {"m": m, "i": k, "children": []} for k, m in enumerate(measures)}
    roots = []
    for m in measures:
        parent = nodes.get(m.get("parent")) if m.get("parent") else None
        (parent["children"] if parent else roots).append(nodes[m.get("id")])
    return roots


def _departments_by_measure(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per measure that names departments (and one for those outside any measure),
    with the departments of each role."""
    headings = {m.get("id"): (k, m.get("heading")) for k, m in enumerate(rec.get("measures") or [])}
    rows: dict[Optional[str], dict[str, Any]] = {}
    for k, d in enumerate(rec.get("departments") or []):
        mid = d.get("measure_id")
        if mid not in rows:
            at, heading = headings.get(mid, (None, None))
            rows[mid] = {"measure_id": mid, "measure_index": at, "heading": heading,
                         "roles": {role: [] for role, _ in ROLES}}
        rows[mid]["roles"].setdefault(d.get("role") or "responsible", []).append((k, d))
    return list(rows.values())


def _index_row(k: int, rec: dict[str, Any], page: Optional[str]) -> dict[str, Any]:
    err = rec.get("error") or {}
    return {
        "n": k + 1, "page": page, "path": (rec.get("source") or {}).get("path") or "",
        "title": rec.get("title") or "", "doc_type": rec.get("doc_type") or "",
        "doc_number": (rec.get("doc_number") or {}).get("raw") or "",
        "issuers": "、".join(i.get("name") or "" for i in rec.get("issuers") or []),
        "date": rec.get("issue_date") or rec.get("publish_date") or "",
        "counts": {f: len(rec.get(f) or []) for f in ("measures", "targets", "deadlines", "departments")},
        "warnings": len(rec.get("warnings") or []),
        "error": f"{err.get('type')}: {err.get('message')}" if err else "",
        "cites": [], "cited_by": [],
    }


def build_report(records: Iterable[Union[PolicyRecord, dict[str, Any]]], out: Union[str, Path]) -> Summary:
    """Write the site for ``records`` into the folder ``out``; returns what was written.

    Records are held in memory (the 1,485 notices of a bulk run are about 35 MB of JSON).
    """
    recs = [r if isinstance(r, dict) else json.loads(r.model_dump_json()) for r in records]
    out = Path(out)
    (out / "notices").mkdir(parents=True, exist_ok=True)
    (out / "assets").mkdir(exist_ok=True)
    for name in ASSETS:
        with resources.as_file(resources.files("policyparse.report").joinpath("static", name)) as src:
            shutil.copyfile(src, out / "assets" / name)

    pages = [None if r.get("error") else _page_name(k, (r.get("source") or {}).get("path")) for k, r in enumerate(recs)]
    rows = [_index_row(k, r, pages[k]) for k, r in enumerate(recs)]
    cites = CitationIndex()
    for k, r in enumerate(recs):
        cites.add(str(k), r)
    resolved: dict[tuple[int, int], list[int]] = {}
    links: list[tuple[str, str]] = []
    for c in cites.rows():
        if c["to_document_id"] is None:
            continue
        a, b = int(c["document_id"]), int(c["to_document_id"])
        resolved.setdefault((a, c["item"]), []).append(b)
        links.append((str(a), str(b)))
    seen: set[tuple[int, int]] = set()
    for a_s, b_s in links:
        a, b = int(a_s), int(b_s)
        if (a, b) not in seen:
            seen.add((a, b))
            rows[a]["cites"].append(b)
            rows[b]["cited_by"].append(a)

    env = _env()
    notice = env.get_template("notice.html.j2")
    generated = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    for k, r in enumerate(recs):
        if pages[k] is None:
            continue
        text = r.get("text") or ""
        items = items_of(r)
        marks = marks_of(items, len(text))
        refs = [(j, ref, [(pages[t], rows[t]) for t in resolved.get((k, j), [])])
                for j, ref in enumerate(r.get("references") or [])]
        html = notice.render(
            r=r, row=rows[k], fields=FIELDS, items=items,
            counts={f: len(items[f]) for f, _ in FIELDS}, text=marked_html(text, marks),
            outline=_outline(r.get("measures") or []),
            measure_index={m.get("id"): j for j, m in enumerate(r.get("measures") or [])},
            timeline=timeline(r.get("deadlines") or [], r.get("issue_date") or r.get("publish_date")),
            departments=_departments_by_measure(r), roles=ROLES, refs=refs,
            cites=[(pages[t], rows[t]) for t in rows[k]["cites"]],
            cited_by=[(pages[t], rows[t]) for t in rows[k]["cited_by"]],
            generated=generated,
        )
        (out / "notices" / pages[k]).write_text(html, encoding="utf-8")

    graph = citation_graph({str(k): (_short(r, k), r.get("title") or rows[k]["path"]) for k, r in enumerate(recs)
                            if pages[k]}, links)
    index = env.get_template("index.html.j2").render(rows=rows, graph=graph, generated=generated,
                                                     pages={str(k): p for k, p in enumerate(pages)},
                                                     failed=sum(1 for p in pages if p is None))
    (out / "index.html").write_text(index, encoding="utf-8")
    return Summary(sum(1 for p in pages if p), sum(1 for p in pages if p is None), len(seen), out / "index.html")
