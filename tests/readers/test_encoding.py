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


# A Taipei notice as a tool saves it in Big5 when a quarter of its characters have no Big5
# code: each becomes "?" (issue 18.2: the detector used to call this GB18030, then binary).
TAIPEI = (
    "臺北市政府 函\n受文者：各區公所\n主旨：請各區公所加強防範颱風災害，並於本年10月31日前回報辦理情形，請查照。\n"
    "說明：\n一、依據行政院災害防救辦公室函辦理。\n二、各區公所應即檢查轄內排水設施，清理側溝及雨水下水道，確保汛期排水暢通。\n"
    "三、請於颱風警報發布後，立即成立災害應變中心，並通報本府消防局。\n正本：各區公所\n副本：本府消防局、工務局\n"
)
TAIPEI_LOSSY = "".join("?" if "\u4e00" <= ch <= "\u9fff" and k % 4 == 3 else ch for k, ch in enumerate(TAIPEI))


def test_big5_with_question_marks_for_what_it_cannot_hold_is_big5():
    text, encoding, warnings = decode(TAIPEI_LOSSY.encode("big5"))
    assert encoding == "big5hkscs" and text == TAIPEI_LOSSY
    assert warnings == [f"decoded as Big5; its {TAIPEI_LOSSY.count('?')} '?' likely stand for characters Big5 "
                        "cannot hold (lost when the file was saved)"]


def test_declared_charset_that_lies_is_overridden():
    data = "各设区市人力资源社会保障局：".encode("utf-8")
    text, encoding, warnings = decode(data, declared="gb2312")
    assert text == "各设区市人力资源社会保障局：" and encoding == "utf-8"
    assert warnings and "does not match" in warnings[0]


def test_read_text_reports_encoding_and_lines():
    raw = read_text(TEXT.encode("gbk"))
    assert raw.encoding == "gb18030"
    assert any(line.text == "苏人社发〔2024〕45号" for line in raw.lines)
