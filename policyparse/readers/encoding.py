"""Decode the bytes of a text file and say which encoding they were in.

Government sites serve UTF-8, GB2312/GBK/GB18030, UTF-16 (from Windows tools) and
now and then Big5. The order of tries is: byte-order mark, strict UTF-8, UTF-16
without a BOM (many NUL bytes), then the Chinese legacy encodings, scored by
charset-normalizer when more than one decodes cleanly.
"""

from __future__ import annotations

import codecs
import re
from typing import Optional

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels that sites declare and the codec we decode them with (supersets first).
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "unicode": "utf-16",
}


def codec_for(label: str) -> Optional[str]:
    """The Python codec for an encoding label as declared in a page, or None if unknown."""
    name = label.strip().strip("\"'").lower()
    if name in _ALIASES:
        return _ALIASES[name]
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _plausible(text: str) -> float:
    """Share of characters that occur in Chinese notices: CJK, ASCII, punctuation, spaces."""
    if not text:
        return 0.0
    ok = sum(
        1
        for ch in text
        if "\u4e00" <= ch <= "\u9fff" or " " <= ch <= "~" or ch in "\n\r\t" or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef" or "\u2000" <= ch <= "\u206f"
    )
    return ok / len(text)


def _utf16_without_bom(data: bytes) -> Optional[str]:
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:8192]
    best: Optional[tuple[float, str]] = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausible(text)
        if "\x00" not in text and (best is None or score > best[0]):
            best = (score, codec)
    if best and best[0] >= 0.97:
        return best[1]
    return None


_NOISE = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f]")
_LOST = re.compile(r"[\u4e00-\u9fff]\?|\?[\u4e00-\u9fff]")  # a "?" touching Chinese text


def _pick_double_byte(data: bytes, candidates: dict[str, str]) -> str:
    """GB18030 or Big5, for bytes both may decode.

    Big5 bytes read as GB fall in GB's user-defined rows (private-use characters):
    the decoding with clearly less of that noise wins. When both are clean, prefer
    the one whose characters are common (charset-normalizer's language model), then GB.
    """
    if len(candidates) == 1:
        return next(iter(candidates))
    noise = {codec: len(_NOISE.findall(text)) for codec, text in candidates.items()}
    margin = max(2, len(data) // 100)
    if noise["big5hkscs"] + margin < noise["gb18030"]:
        return "big5hkscs"
    if noise["gb18030"] + margin < noise["big5hkscs"]:
        return "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536], cp_isolation=["gb18030", "big5"]).best()
    return "big5hkscs" if best is not None and best.encoding.startswith("big5") else "gb18030"


def _big5_losses(text: str, codec: str) -> list[str]:
    """A warning for the ``?`` a Big5 writer puts where a character has no Big5 code.

    >>> _big5_losses("臺北市?府", "big5hkscs")
    ["decoded as Big5; its 1 '?' likely stand for characters Big5 cannot hold (lost when the file was saved)"]
    """
    if not codec.startswith("big5") or not _LOST.search(text):
        return []
    return [f"decoded as Big5; its {text.count('?')} '?' likely stand for characters Big5 cannot hold "
            f"(lost when the file was saved)"]


def decode(data: bytes, declared: Optional[str] = None) -> tuple[str, str, list[str]]:
    """Decode ``data``; return ``(text, encoding, warnings)``.

    ``declared`` is an encoding named by the file itself (an HTML ``charset``); it is
    tried first after a BOM and dropped with a warning when the bytes contradict it.

    >>> decode("关于实施先进制造业促就业行动的通知".encode("gbk"))[1]
    'gb18030'
    """
    warnings: list[str] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name.replace("-sig", ""), warnings

    if declared:
        codec = codec_for(declared)
        if codec:
            try:
                return data.decode(codec), codec, warnings
            except UnicodeDecodeError:
                warnings.append(f"declared encoding {declared!r} does not match the bytes; detected instead")

    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError as exc:
        utf8_error = exc

    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16, warnings

    candidates: dict[str, str] = {}
    for codec in ("gb18030", "big5hkscs"):
        try:
            candidates[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    if candidates:
        codec = _pick_double_byte(data, candidates)
        return candidates[codec], codec, warnings + _big5_losses(candidates[codec], codec)

    # Mostly UTF-8 with a few broken bytes (a truncated download, a bad copy).
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(3, len(text) // 1000):
        warnings.append(f"{bad} byte(s) are not valid UTF-8 and were replaced (first at byte {utf8_error.start})")
        return text, "utf-8", warnings
    text = data.decode("gb18030", errors="replace")
    warnings.append("encoding not recognized; decoded as GB18030 with replacement characters")
    return text, "gb18030", warnings
