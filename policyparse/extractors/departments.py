"""Placeholder until the departments issue lands: returns no items."""

from __future__ import annotations

def find_departments(doc, layout, fields):  # noqa: D103
    return []
