"""The rule-based extractor: character patterns over the normalized text."""

from __future__ import annotations

from ..document import NormalizedDocument
from ..layout import Layout
from .base import Fields, register
from .common import shared_fields


class RulesExtractor:
    """Targets, deadlines and departments found by character patterns and data tables."""

    name = "rules"

    def extract(self, doc: NormalizedDocument, layout: Layout) -> Fields:
        fields = shared_fields(doc, layout)
        from .deadlines import find_deadlines
        from .departments import find_departments
        from .targets import find_targets

        fields.deadlines = find_deadlines(doc, layout, fields)
        fields.targets = find_targets(doc, layout, fields)
        fields.departments = find_departments(doc, layout, fields)
        return fields


register("rules")(RulesExtractor)
