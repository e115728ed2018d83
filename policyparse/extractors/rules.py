"""The rule-based extractor: targets, deadlines and departments found by character patterns
built from the data tables."""

from __future__ import annotations

from .base import Extractor, Step
from .common import SHARED_STEPS
from .deadlines import find_deadlines
from .departments import find_departments
from .targets import find_targets

RULES = Extractor("rules", SHARED_STEPS + (
    Step("deadlines", find_deadlines),  # before targets: a target's due is a deadline of its clause
    Step("targets", find_targets),
    Step("departments", find_departments),
))
