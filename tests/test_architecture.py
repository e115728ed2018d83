"""The package's shape: no import cycles, stages that do not reach back up."""

from __future__ import annotations

import ast
from pathlib import Path

import policyparse

PACKAGE = Path(policyparse.__file__).parent


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every policyparse module ``name`` imports, at any depth of the file (function bodies
    included), except under ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test):
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - (node.level - 1)]
                base = ".".join(parent + ([base] if base else []))
            for a in node.names:
                sub = f"{base}.{a.name}"
                found.add(sub if sub in modules else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {m for m in found if m in modules and m != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return out


def test_the_walker_sees_function_level_imports():
    graph = _graph()
    # policyparse.evaluate imports the API at module level; segmented's spaCy pipeline comes
    # through extractors.words
    assert "policyparse.api" in graph["policyparse.evaluate"]
    assert "policyparse.extractors.words" in graph["policyparse.extractors.segmented"]


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    assert _cycles(_graph()) == []


def test_lower_stages_never_import_higher_ones():
    # read → normalize → segment → extract: the language floor and the layout know nothing
    # of extractors, and nothing below the API knows the API or the spaCy component
    graph = _graph()
    for name, deps in graph.items():
        if name.startswith(("policyparse.lang", "policyparse.layout", "policyparse.normalize", "policyparse.readers")):
            assert not {d for d in deps if d.startswith("policyparse.extractors")}, name
        if name.startswith(("policyparse.extractors", "policyparse.layout", "policyparse.lang")):
            assert "policyparse.api" not in deps and "policyparse.spacy_pipeline" not in deps, name
    assert graph["policyparse.spacy_pipeline"] & {"policyparse.api"}


def test_the_language_floor_imports_nothing_above_it():
    graph = _graph()
    allowed = ("policyparse.lang", "policyparse.lexicon", "policyparse.schemas")
    for name, deps in graph.items():
        if name.startswith("policyparse.lang"):
            assert all(d.startswith(allowed) for d in deps), (name, deps)


def test_what_looks_at_records_reads_records_only():
    # the review site, the calendar and citations read records; they never run the extractors
    graph = _graph()
    for name, deps in graph.items():
        if name.startswith(("policyparse.report", "policyparse.calendar", "policyparse.citations")):
            assert not {d for d in deps if d.startswith(("policyparse.extractors", "policyparse.layout",
                                                          "policyparse.normalize"))}, name
