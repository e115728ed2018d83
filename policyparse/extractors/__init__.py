"""Field extractors: one module per field family, and the named extractors built from them.

``get_extractor("rules")`` and ``get_extractor("jieba")`` return an
:class:`~policyparse.extractors.base.Extractor`, whose ``extract(doc, layout, record)``
fills the record's fields. Built-in extractors are imported on first use (the jieba
one loads spaCy); :func:`register` adds others.
"""

from __future__ import annotations

import importlib

from .base import Extractor, Step

# name → "module:attribute" of a built-in extractor, imported when first asked for
_BUILTIN = {
    "rules": "policyparse.extractors.rules:RULES",
    "jieba": "policyparse.extractors.segmented:JIEBA",
}
_REGISTERED: dict[str, Extractor] = {}


def register(extractor: Extractor) -> Extractor:
    """Make ``extractor`` available under its name (``parse(..., extractor=name)``)."""
    _REGISTERED[extractor.name] = extractor
    return extractor


def available() -> list[str]:
    """Names of the extractors ``get_extractor`` accepts."""
    return sorted(set(_BUILTIN) | set(_REGISTERED))


def get_extractor(name: str) -> Extractor:
    """The extractor registered as ``name``.

    >>> get_extractor("rules").name
    'rules'
    """
    if name not in _REGISTERED:
        if name not in _BUILTIN:
            raise ValueError(f"unknown extractor {name!r}; available: {', '.join(available())}")
        module, attr = _BUILTIN[name].split(":")
        _REGISTERED[name] = getattr(importlib.import_module(module), attr)
    return _REGISTERED[name]


__all__ = ["Extractor", "Step", "available", "get_extractor", "register"]
