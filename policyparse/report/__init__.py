"""The review site: what a person looks at to check an extraction.

``build_report(records, "report/")`` writes ``report/index.html`` (one row per file,
sortable and filterable, with the citations between notices drawn as a graph) and one
page per notice under ``report/notices/``: its text with every item marked by field,
the measure outline, tables of targets, deadlines (with a timeline), departments by
measure, references and warnings. ``policyparse report`` is the command::

    from policyparse.export import read_jsonl
    from policyparse.report import build_report
    build_report(read_jsonl("corpus.jsonl"), "report/")   # Summary(notices=20, failed=0, ...)
"""

from .marks import FIELDS, items_of, marked_html, marks_of
from .site import Summary, build_report

__all__ = ["FIELDS", "Summary", "build_report", "items_of", "marked_html", "marks_of"]
