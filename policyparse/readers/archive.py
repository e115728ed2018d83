"""Zip members measured and read by what they really unpack to, never by what their headers say.

A DOCX or OFD is a zip. Its headers declare each member's size, and a hostile
file declares a few bytes for a member that inflates to gigabytes: Python's
``zipfile`` inflates a whole member in one piece on ``read()`` before it cuts it
to the declared size, so a check of the declared sizes alone does not bound
memory. Here each member's deflate stream is inflated in small pieces, counting
the bytes, and stops at a hard cap.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import Iterator

from ..errors import CorruptFile, TooLarge, UnsupportedFormat

CHUNK = 1 << 16  # compressed bytes fed to zlib at a time
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... file name length, extra field length


def _pieces(data: bytes, info: zipfile.ZipInfo, cap: int, what: str, too_large: str = "") -> Iterator[bytes]:
    """The member's bytes in pieces of at most 64 KB; past ``cap`` bytes raises ``TooLarge(too_large)``."""
    too_large = too_large or (f"the {what} member {info.filename!r} unpacks to more than {cap // (1024 * 1024)} MB "
                              f"(its header says {info.file_size:,} bytes)")
    start = info.header_offset
    try:
        sig, name_len, extra_len = _LOCAL_HEADER.unpack_from(data, start)
    except struct.error:
        sig = b""
    if sig != b"PK\x03\x04":
        raise CorruptFile(f"the {what} member {info.filename!r} is not where the archive says it is")
    pos = start + _LOCAL_HEADER.size + name_len + extra_len
    if info.flag_bits & 0x1:
        raise CorruptFile(f"the {what} member {info.filename!r} is encrypted")
    if info.compress_type == zipfile.ZIP_STORED:
        body = data[pos:pos + info.compress_size]
        if len(body) > cap:
            raise TooLarge(too_large)
        yield body
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise UnsupportedFormat(f"the {what} member {info.filename!r} uses compression method {info.compress_type}; "
                                f"only stored and deflated members are read")
    inflater = zlib.decompressobj(-15)
    out = 0
    try:
        while not inflater.eof:
            chunk = inflater.unconsumed_tail or data[pos:pos + CHUNK]
            if not inflater.unconsumed_tail:
                if not chunk:
                    raise CorruptFile(f"the {what} member {info.filename!r} is cut short; the file may be truncated")
                pos += len(chunk)
            piece = inflater.decompress(chunk, CHUNK)
            out += len(piece)
            if out > cap:
                raise TooLarge(too_large)
            yield piece
    except zlib.error as exc:
        raise CorruptFile(f"the {what} member {info.filename!r} is not valid compressed data ({exc})") from exc


def read_member(data: bytes, info: zipfile.ZipInfo, cap: int, what: str) -> bytes:
    """The bytes of one member of the zip ``data``, read with a hard cap.

    Raises ``TooLarge`` past ``cap`` bytes and ``CorruptFile`` when the member
    unpacks to another size than its header declares.

    >>> import io
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
    ...     zf.writestr("OFD.xml", "<ofd:OFD/>")
    >>> zf = zipfile.ZipFile(buf)
    >>> read_member(buf.getvalue(), zf.getinfo("OFD.xml"), cap=1024, what="OFD")
    b'<ofd:OFD/>'
    """
    body = b"".join(_pieces(data, info, cap, what))
    if len(body) != info.file_size:
        raise CorruptFile(f"the {what} member {info.filename!r} unpacks to {len(body):,} bytes but its header "
                          f"says {info.file_size:,}")
    return body


def check_members(data: bytes, zf: zipfile.ZipFile, member_cap: int, total_cap: int, what: str) -> None:
    """Inflate every member in pieces, without keeping it, and refuse the archive past a cap.

    Each member may unpack to ``member_cap`` bytes and all of them to ``total_cap``,
    counted on the real bytes; a member whose real size is not the declared one is
    ``CorruptFile``; one compressed more than 1000:1 beyond 10 MB is a zip bomb.
    """
    total = 0
    for info in zf.infolist():
        size = 0
        if total_cap - total < member_cap:
            cap, message = total_cap - total, (f"the {what} unpacks to more than {total_cap // (1024 * 1024)} MB "
                                               f"(member {info.filename!r}, whose header says {info.file_size:,} bytes)")
        else:
            cap, message = member_cap, ""
        for piece in _pieces(data, info, cap, what, message):
            size += len(piece)
        total += size
        if size != info.file_size:
            raise CorruptFile(f"the {what} member {info.filename!r} unpacks to {size:,} bytes but its header "
                              f"says {info.file_size:,}")
        if info.compress_size and size / info.compress_size > 1000 and size > 10 * 1024 * 1024:
            raise TooLarge(f"the {what} member {info.filename!r} is compressed {size // info.compress_size}:1 "
                           f"(a zip bomb)")
