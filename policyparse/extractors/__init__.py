"""Field extractors: one module per field family, and the named extractors built from them.

``get_extractor("rules")`` and ``get_extractor("jieba")`` return objects with an
``extract(doc, layout) -> Fields`` method.
"""

from .base import Extractor, Fields, available, get_extractor, register

__all__ = ["Extractor", "Fields", "available", "get_extractor", "register"]
