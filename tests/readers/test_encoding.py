"""Text files in the encodings government sites use decode to the same text."""

import pytest

from policyparse.readers.encoding import decode
from policyparse.readers.text import read_text
from tests.conftest import SEED_000

TEXT = SEED_000.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "codec, reported",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8"),
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16-le"),  # Python writes a little-endian BOM
        ("utf-16-le", "utf-16-le"),  # no BOM
    ],
)
def test_seed_decodes_in_each_encoding(codec, reported):
    text, encoding, warnings = decode(TEXT.encode(codec))
    assert text.lstrip("\ufeff") == TEXT
    assert encoding == reported
    assert warnings == []


def test_big5_is_told_from_gb():
    sample = "臺灣省政府關於加強環境保護工作的通知，各縣市政府應切實執行。" * 5
    text, encoding, _ = decode(sample.encode("big5"))
    assert encoding == "big5hkscs"
    assert text == sample


def test_declared_charset_that_lies_is_overridden():
    data = "各设区市人力资源社会保障局：".encode("utf-8")
    text, encoding, warnings = decode(data, declared="gb2312")
    assert text == "各设区市人力资源社会保障局：" and encoding == "utf-8"
    assert warnings and "does not match" in warnings[0]


def test_read_text_reports_encoding_and_lines():
    raw = read_text(TEXT.encode("gbk"))
    assert raw.encoding == "gb18030"
    assert any(line.text == "苏人社发〔2024〕45号" for line in raw.lines)
