"""File paths in records: a readable form for people, the exact bytes for programs.

A file name is bytes on Linux, and a folder copied from an old GBK or Latin-1 disk
has names that are not UTF-8. JSON holds only text, so a record keeps two forms:
``source.path``, readable (each byte that is not UTF-8 shown as ``\\xNN``), and,
only for such names, ``source.path_bytes``, the exact bytes percent-encoded, from
which :func:`real_path` gives the path back to open or to match (``--resume``).
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Union
from urllib.parse import quote_from_bytes, unquote_to_bytes

PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


def display_path(path: PathLike) -> str:
    """A path as text, whatever bytes its name has (undecodable bytes as \\xNN).

    >>> display_path(b"caf\\xe9.txt")
    'caf\\\\xe9.txt'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def path_fields(path: PathLike) -> dict[str, Optional[str]]:
    """``path`` and ``path_bytes`` for a record's source.

    >>> path_fields("notices/通知.txt")
    {'path': 'notices/通知.txt', 'path_bytes': None}
    >>> path_fields(b"notices/caf\\xe9.txt")
    {'path': 'notices/caf\\\\xe9.txt', 'path_bytes': 'notices/caf%E9.txt'}
    """
    raw = os.fsencode(path)
    try:
        raw.decode("utf-8")
        exact = None
    except UnicodeDecodeError:
        exact = quote_from_bytes(raw, safe="/")
    return {"path": display_path(raw), "path_bytes": exact}


def real_path(source: Mapping[str, Any]) -> bytes:
    """The exact bytes of the path a record's ``source`` (a dict) names.

    >>> real_path({"path": "notices/caf\\\\xe9.txt", "path_bytes": "notices/caf%E9.txt"})
    b'notices/caf\\xe9.txt'
    >>> real_path({"path": "notices/通知.txt"}) == "notices/通知.txt".encode()
    True
    """
    if source.get("path_bytes"):
        return unquote_to_bytes(source["path_bytes"])
    return os.fsencode(source.get("path") or "")
