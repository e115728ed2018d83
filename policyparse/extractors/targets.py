"""Placeholder until the targets issue lands: returns no items."""

from __future__ import annotations

def find_targets(doc, layout, fields):  # noqa: D103
    return []
