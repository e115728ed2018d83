"""What an extractor is: a name and the steps that fill the fields of a record, in order.

A step fills one field of :class:`~policyparse.schemas.PolicyRecord` from the
normalized document, its layout and the fields filled before it (targets read the
deadlines, references read the title). The record is the only draft: there is no
second copy of its shape. Adding a field means its schema entry, the module that
finds it and one :class:`Step` in the step list of ``common.py`` (or of an extractor).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..document import NormalizedDocument
from ..layout import Layout
from ..schemas import PolicyRecord

Finder = Callable[[NormalizedDocument, Layout, PolicyRecord], Any]


@dataclass(frozen=True)
class Step:
    """Fill ``record.<field>`` with ``find(doc, layout, record)``."""

    field: str
    find: Finder


@dataclass(frozen=True)
class Extractor:
    """A named sequence of steps. Both built-in extractors share the metadata steps and differ
    in the steps for targets, deadlines and departments."""

    name: str
    steps: tuple[Step, ...]

    def __post_init__(self) -> None:
        known = set(PolicyRecord.model_fields)
        filled: set[str] = set()
        for step in self.steps:
            if step.field not in known:
                raise ValueError(f"extractor {self.name!r}: {step.field!r} is not a field of the record")
            if step.field in filled:
                raise ValueError(f"extractor {self.name!r}: {step.field!r} is filled twice")
            filled.add(step.field)

    def extract(self, doc: NormalizedDocument, layout: Layout, record: PolicyRecord) -> PolicyRecord:
        """Run every step on ``record`` (which holds source, text and pages) and return it."""
        validate = PolicyRecord.__pydantic_validator__.validate_assignment
        for step in self.steps:
            # validated as it is set: a step of another extractor cannot write a record that does not load
            validate(record, step.field, step.find(doc, layout, record))
        return record

    def replace(self, name: str, *steps: Step) -> "Extractor":
        """This extractor with the given steps in place of those that fill the same fields;
        a step for a field this extractor does not fill is added at the end."""
        by_field = {s.field: s for s in steps}
        kept = tuple(by_field.pop(s.field, s) for s in self.steps)
        return Extractor(name, kept + tuple(s for s in steps if s.field in by_field))
