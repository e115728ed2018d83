"""Geometry of the two drawings, for the templates to write as SVG: a deadline timeline
and a citation graph. Deterministic: the same records give the same picture."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Optional

from ..calendar import as_date

TIMELINE_WIDTH = 760
LABEL_WIDTH = 300
ROW = 22


@dataclass
class TimelineRow:
    index: int  # the deadline's index in the record
    kind: str
    y: int
    x1: float
    x2: float
    text: str
    when: str


@dataclass
class Timeline:
    width: int
    height: int
    axis_y: int
    rows: list[TimelineRow]
    ticks: list[tuple[float, str]]  # (x, year)
    issue_x: Optional[float] = None
    issue_label: str = ""


def timeline(deadlines: list[dict[str, Any]], issue_date: Any = None) -> Optional[Timeline]:
    """One row per deadline that has a date or a start, on a shared time axis, with a line at
    the issue date; None when no deadline has a day.

    >>> t = timeline([{"kind": "by", "date": "2025-12-31", "text": "到2025年底"},
    ...               {"kind": "period", "start": "2021-01-01", "date": "2023-12-31", "text": "2021-2023年"}],
    ...              "2021-04-26")
    >>> [(r.kind, r.x1 < r.x2) for r in t.rows], [y for _, y in t.ticks]
    ([('period', True), ('by', False)], ['2021', '2022', '2023', '2024', '2025', '2026'])
    """
    dated = []
    for k, d in enumerate(deadlines):
        start, end = as_date(d.get("start")), as_date(d.get("date"))
        if start or end:
            first, last = min(start or end, end or start), max(start or end, end or start)  # type: ignore[type-var]
            dated.append((first, last, k, d))
    if not dated:
        return None
    dated.sort(key=lambda t: (t[0], t[1], t[2]))
    issue = as_date(issue_date)
    lo = min([t[0] for t in dated] + ([issue] if issue else []))
    hi = max([t[1] for t in dated] + ([issue] if issue else []))
    lo, hi = dt.date(lo.year, 1, 1), dt.date(hi.year + 1, 1, 1)
    span = (hi - lo).days
    left, right = 10, TIMELINE_WIDTH - LABEL_WIDTH - 10

    def x(day: dt.date) -> float:
        return round(left + (right - left) * (day - lo).days / span, 1)

    rows = []
    for n, (first, last, k, d) in enumerate(dated):
        when = first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
        rows.append(TimelineRow(k, d.get("kind") or "", 30 + n * ROW, x(first), x(last), d.get("text") or "", when))
    ticks = [(x(dt.date(y, 1, 1)), str(y)) for y in range(lo.year, hi.year + 1)]
    return Timeline(TIMELINE_WIDTH, 40 + len(rows) * ROW, 16, rows, ticks,
                    x(issue) if issue else None, f"印发 {issue.isoformat()}" if issue else "")


@dataclass
class Node:
    key: str  # the page (notice) it links to
    label: str
    title: str
    x: float
    y: float


@dataclass
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    title: str


@dataclass
class Graph:
    width: int
    height: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    labels: bool = True


def citation_graph(docs: dict[str, tuple[str, str]], links: list[tuple[str, str]]) -> Optional[Graph]:
    """Notices that cite or are cited, one radial drawing per connected component: the most
    cited notice in the middle, the others in rings by their distance from it. Components are
    placed in rows, largest first; an arrow goes from the citing notice to the cited one.
    None without links.

    ``docs`` maps a key to (short label, full title), in page order; ``links`` are (from, to) keys.

    >>> g = citation_graph({"a": ("A", "甲"), "b": ("B", "乙"), "c": ("C", "丙")}, [("b", "a"), ("b", "a")])
    >>> [n.key for n in g.nodes], len(g.edges)
    (['a', 'b'], 1)
    """
    order = {k: n for n, k in enumerate(docs)}
    pairs = sorted({(a, b) for a, b in links if a != b and a in docs and b in docs},
                   key=lambda p: (order[p[0]], order[p[1]]))
    if not pairs:
        return None
    adj: dict[str, set[str]] = {}
    for a, b in pairs:
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    components = _components(adj, order)
    labels = len(adj) <= 80
    pad = 110 if labels else 16
    width = max(900, max(2 * (_radial(c, adj, order)[1] + pad) for c in components[:1]))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for comp in components:
        rel, radius = _radial(comp, adj, order)
        box = 2 * (radius + pad)
        if x and x + box > width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for k, (dx, dy) in rel.items():
            pos[k] = (round(x + box / 2 + dx, 1), round(y + box / 2 + dy, 1))
        x, row_height = x + box, max(row_height, box)
    nodes = [Node(k, docs[k][0], docs[k][1], *pos[k]) for comp in components for k in comp]
    edges = []
    for a, b in pairs:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        d = math.hypot(x2 - x1, y2 - y1) or 1.0
        shrink = 8 / d  # stop at the target's circle, where the arrow head is
        edges.append(Edge(x1, y1, round(x2 - (x2 - x1) * shrink, 1), round(y2 - (y2 - y1) * shrink, 1),
                          f"{docs[a][1]} → {docs[b][1]}"))
    return Graph(int(width), int(y + row_height), nodes, edges, labels)


def _components(adj: dict[str, set[str]], order: dict[str, int]) -> list[list[str]]:
    """Connected components, largest first, then by their first notice."""
    seen: set[str] = set()
    out = []
    for start in sorted(adj, key=order.__getitem__):
        if start in seen:
            continue
        comp, todo = [], [start]
        seen.add(start)
        while todo:
            k = todo.pop()
            comp.append(k)
            for n in adj[k] - seen:
                seen.add(n)
                todo.append(n)
        out.append(sorted(comp, key=order.__getitem__))
    return sorted(out, key=lambda c: (-len(c), order[c[0]]))


def _radial(comp: list[str], adj: dict[str, set[str]], order: dict[str, int]) -> tuple[dict[str, tuple[float, float]], float]:
    """Positions around (0, 0): the best-connected notice at the centre, rings by distance."""
    hub = min(comp, key=lambda k: (-len(adj[k]), order[k]))
    rings, seen = [[hub]], {hub}
    while True:
        nxt: list[str] = []
        for k in rings[-1]:
            for n in sorted(adj[k] - seen, key=order.__getitem__):
                seen.add(n)
                nxt.append(n)
        if not nxt:
            break
        rings.append(nxt)
    rel = {hub: (0.0, 0.0)}
    radius = 0.0
    for ring in rings[1:]:
        radius = max(radius + 55, len(ring) * 18 / (2 * math.pi))
        for i, k in enumerate(ring):
            a = 2 * math.pi * i / len(ring) - math.pi / 2
            rel[k] = (radius * math.cos(a), radius * math.sin(a))
    return rel, radius
