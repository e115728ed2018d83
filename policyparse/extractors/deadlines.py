"""Placeholder until the deadlines issue lands: returns no items."""

from __future__ import annotations

def find_deadlines(doc, layout, fields):  # noqa: D103
    return []
