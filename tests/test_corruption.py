"""Broken and hostile files: each gives one record with a clear error type, or is read.

Every case is built here, in a temporary folder, from the corpus or the shared
real fixtures, so the suite shows exactly what each kind of bad input becomes.
"""

import io
import json
import os
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

import policyparse
from policyparse.cli import main
from policyparse.readers import docx as docx_reader
from policyparse.readers.legacy import is_encrypted_office
from tests.conftest import CORPUS, SEED_000

NOTICE_DOCX = CORPUS / "generated" / "docx_numbered" / "000_db58ebbd9e288b9a.docx"
SEED_TEXT = SEED_000.read_text(encoding="utf-8")


def _parse(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return policyparse.parse(path)


def _error(rec) -> str | None:
    return rec.error.type if rec.error else None


def _rezip(src: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The zip ``src`` with some members replaced and others added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = (replace or {}).get(info.filename, zin.read(info.filename))
            zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return out.getvalue()


# --- empty, truncated, random ----------------------------------------------------------------

@pytest.mark.parametrize("ext", [".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc", ".wps", ".ofd"])
def test_a_zero_byte_file_is_empty(tmp_path, ext):
    rec = _parse(tmp_path, f"empty{ext}", b"")
    assert _error(rec) == "EmptyFile"
    assert rec.source.size == 0 and rec.source.path.endswith(f"empty{ext}")


def test_whitespace_only_text_is_empty(tmp_path):
    assert _error(_parse(tmp_path, "blank.txt", "  \r\n\u3000\n".encode("utf-8"))) == "EmptyFile"


@pytest.mark.parametrize("name", ["notice_gov_01.pdf", "notice_gov_01.ofd"])
def test_a_truncated_file_is_corrupt(tmp_path, real_fixtures, name):
    data = (real_fixtures / name).read_bytes()
    rec = _parse(tmp_path, name, data[: len(data) // 3])
    assert _error(rec) == "CorruptFile"


def test_a_truncated_docx_is_corrupt(tmp_path):
    data = NOTICE_DOCX.read_bytes()
    rec = _parse(tmp_path, "cut.docx", data[: len(data) // 2])
    assert _error(rec) == "CorruptFile"
    assert "truncated" in rec.error.message


@pytest.mark.parametrize("ext", [".pdf", ".docx", ".ofd", ".txt"])
def test_random_bytes_are_corrupt(tmp_path, ext):
    data = bytes((i * 7919 + 13) % 256 for i in range(64 * 1024))  # fixed "random" bytes
    assert _error(_parse(tmp_path, f"random{ext}", data)) == "CorruptFile"


def test_a_zip_that_is_neither_docx_nor_ofd_is_corrupt(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert _error(_parse(tmp_path, "archive.docx", out.getvalue())) == "CorruptFile"


# --- misnamed files are read by what they are --------------------------------------------------

APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(4064)  # macOS's ._name


def test_an_apple_double_file_says_what_it_is(tmp_path, bulk):
    # issue 18.9: was CorruptFile (read as the PDF its name says), or garbage text as .html
    rec = _parse(tmp_path, "._notice.pdf", APPLE_DOUBLE)
    assert _error(rec) == "UnsupportedFormat"
    assert rec.error.message == ("an AppleDouble file: the Finder data and resource fork macOS keeps beside a "
                                 "document, not a document (the document is 'notice.pdf')")
    for name in ("mcn_01f87aacb6b07db9.html", "mcn_a322a672c1658e23.txt"):  # real ones, renamed
        rec = policyparse.parse(bulk / name)
        assert _error(rec) == "UnsupportedFormat" and rec.error.message.startswith("an AppleDouble file")


def test_an_html_error_page_saved_as_pdf_is_read_as_html(tmp_path):
    page = f"<html><body><p>{SEED_TEXT[:400]}</p></body></html>".encode("utf-8")
    rec = _parse(tmp_path, "download.pdf", page)
    assert rec.error is None and rec.source.format == "html"
    assert any("named .pdf but its content is html" in w for w in rec.warnings)


def test_a_docx_named_doc_is_read_as_docx(tmp_path):
    rec = _parse(tmp_path, "notice.doc", NOTICE_DOCX.read_bytes())
    assert rec.error is None and rec.source.format == "docx"
    assert rec.doc_number.raw == "苏人社发〔2024〕45号"


# --- passwords -------------------------------------------------------------------------------

def test_a_pdf_with_a_user_password_is_encrypted(tmp_path, real_fixtures):
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(real_fixtures / "notice_gov_01.pdf") as pdf:
        pdf.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(user="secret", owner="owner", R=6))
        pdf.save(tmp_path / "owner_only.pdf", encryption=pikepdf.Encryption(user="", owner="owner", R=4))
    locked = policyparse.parse(tmp_path / "locked.pdf")
    assert _error(locked) == "Encrypted" and "password" in locked.error.message
    # a PDF that only restricts printing or copying opens without a password: read it
    plain = policyparse.parse(real_fixtures / "notice_gov_01.pdf")
    owner_only = policyparse.parse(tmp_path / "owner_only.pdf")
    assert owner_only.error is None
    assert owner_only.doc_number == plain.doc_number and owner_only.title == plain.title


def test_a_zero_page_pdf_is_empty_whatever_came_before_it(tmp_path, real_fixtures):
    # issue 18.1: PDFium's last error outlives the file that set it; after a password
    # PDF in the same worker a zero-page PDF used to be "Encrypted"
    pikepdf = pytest.importorskip("pikepdf")
    from policyparse import batch

    pikepdf.new().save(tmp_path / "zero.pdf")
    with pikepdf.open(real_fixtures / "notice_gov_01.pdf") as pdf:
        pdf.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(user="secret", owner="owner", R=6))
    order = [tmp_path / "zero.pdf", tmp_path / "locked.pdf", tmp_path / "zero.pdf"]  # both orders, one worker
    got = []
    with batch.Pool(workers=1) as pool:
        for path, line in pool.imap(order):
            got.append((path.name, json.loads(line)["error"]))
    assert [(name, err["type"]) for name, err in got] == [
        ("zero.pdf", "EmptyFile"), ("locked.pdf", "Encrypted"), ("zero.pdf", "EmptyFile")]
    assert got[0][1]["message"] == "the PDF has no pages" == got[2][1]["message"]


def test_a_password_protected_word_file_is_encrypted(tmp_path):
    # Office writes such a file as an OLE container with these two streams
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    ole += "EncryptionInfo".encode("utf-16-le") + bytes(50) + "EncryptedPackage".encode("utf-16-le") + bytes(4000)
    assert is_encrypted_office(ole)
    assert _error(_parse(tmp_path, "locked.docx", ole)) == "Encrypted"


# --- hostile archives and XML ----------------------------------------------------------------

def test_a_zip_bomb_docx_is_refused_before_unpacking(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 2 * 1024 * 1024)
    bomb = _rezip(NOTICE_DOCX.read_bytes(), add={"word/media/pad.bin": bytes(8 * 1024 * 1024)})
    assert len(bomb) < 200 * 1024  # 8 MB of zeros compress to almost nothing
    rec = _parse(tmp_path, "bomb.docx", bomb)
    assert _error(rec) == "TooLarge" and "pad.bin" in rec.error.message


def test_a_highly_compressed_member_is_a_zip_bomb(tmp_path):
    bomb = _rezip(NOTICE_DOCX.read_bytes(), add={"word/media/pad.bin": bytes(40 * 1024 * 1024)})
    rec = _parse(tmp_path, "bomb.docx", bomb)
    assert _error(rec) == "TooLarge" and "zip bomb" in rec.error.message


def _lie_about(src: bytes, member: str, payload: bytes, declared: int) -> bytes:
    """The zip ``src`` with ``member`` holding ``payload`` while its headers declare ``declared`` bytes.

    The CRC is that of the first ``declared`` bytes, so a reader that trusts the
    headers reads a clean, cut member and never notices.
    """
    data = bytearray(_rezip(src, replace={member: payload}))
    crc = zlib.crc32(payload[:declared])
    name = member.encode()
    for sig, crc_at, size_at, name_at in ((b"PK\x01\x02", 16, 24, 46), (b"PK\x03\x04", 14, 22, 30)):
        pos = data.find(sig)
        while pos != -1:  # central directory entries, then local headers
            if data[pos + name_at: pos + name_at + len(name)] == name:
                struct.pack_into("<II", data, pos + crc_at, crc, len(data))  # CRC, compressed size: whatever
                struct.pack_into("<I", data, pos + size_at, declared)
            pos = data.find(sig, pos + 4)
    return bytes(data)


def test_a_zip_whose_header_lies_about_a_member_size_is_capped(tmp_path, monkeypatch):
    # issue 18.7: the limits trusted the declared sizes; python-docx then inflated the whole member
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 2 * 1024 * 1024)
    src = NOTICE_DOCX.read_bytes()
    with zipfile.ZipFile(io.BytesIO(src)) as zf:
        xml = zf.read("word/document.xml")
    lying = _lie_about(src, "word/document.xml", xml + b" " * (8 * 1024 * 1024), declared=len(xml))
    tracemalloc.start()
    try:
        rec = _parse(tmp_path, "lying.docx", lying)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert _error(rec) == "TooLarge" and rec.error.message == (
        f"the DOCX unpacks to more than 2 MB (member 'word/document.xml', whose header says {len(xml):,} bytes)")
    assert peak < 2 * 1024 * 1024  # streamed: the 8 MB were never held


def test_an_ofd_member_bigger_than_its_header_says_is_corrupt(tmp_path, real_fixtures):
    src = (real_fixtures / "notice_gov_01.ofd").read_bytes()
    with zipfile.ZipFile(io.BytesIO(src)) as zf:
        xml = zf.read("OFD.xml")
    rec = _parse(tmp_path, "lying.ofd", _lie_about(src, "OFD.xml", xml + b"<!-- pad -->" * 1000, declared=len(xml)))
    assert _error(rec) == "CorruptFile" and "its header says" in rec.error.message


def test_billion_laughs_in_an_ofd_is_refused(tmp_path, real_fixtures):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + ']><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody>&lol9;</ofd:DocBody></ofd:OFD>'
    ).encode("utf-8")
    data = _rezip((real_fixtures / "notice_gov_01.ofd").read_bytes(), replace={"OFD.xml": laughs})
    rec = _parse(tmp_path, "laughs.ofd", data)
    assert _error(rec) == "CorruptFile" and "safe XML parser" in rec.error.message


def test_an_external_entity_in_a_docx_is_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE", encoding="utf-8")
    src = NOTICE_DOCX.read_bytes()
    with zipfile.ZipFile(io.BytesIO(src)) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    head, body = xml.split("?>", 1)
    xml = (f'{head}?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
           + body.replace("<w:body>", "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", 1))
    rec = _parse(tmp_path, "xxe.docx", _rezip(src, replace={"word/document.xml": xml.encode("utf-8")}))
    assert "TOP-SECRET-LINE" not in rec.model_dump_json()


def test_a_member_named_with_dot_dot_writes_nothing(tmp_path):
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    data = _rezip(NOTICE_DOCX.read_bytes(), add={"../../evil.txt": b"owned"})
    rec = _parse(work, "slip.docx", data)
    assert rec.error is None and rec.doc_number.raw == "苏人社发〔2024〕45号"
    assert not list(tmp_path.rglob("evil.txt")) and not Path("evil.txt").exists()


def test_html_nested_beyond_the_parser_limit_keeps_its_text(tmp_path):
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "关于做好安全生产工作的通知" + "</div>" * depth + "</body></html>"
    rec = _parse(tmp_path, "deep.html", page.encode("utf-8"))
    assert rec.error is None and rec.text == "关于做好安全生产工作的通知"
    assert any("deeper than the HTML parser allows" in w for w in rec.warnings)


# --- size limits -----------------------------------------------------------------------------

def test_text_beyond_the_limit_is_too_large(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYPARSE_MAX_TEXT_MB", "1")
    rec = _parse(tmp_path, "huge.txt", (SEED_TEXT * 200).encode("utf-8"))  # more than 1 MB
    assert _error(rec) == "TooLarge" and "POLICYPARSE_MAX_TEXT_MB" in rec.error.message


@pytest.mark.slow
def test_fifty_megabytes_of_text_is_too_large_by_default(tmp_path):
    data = SEED_TEXT.encode("utf-8")
    blob = data * (50 * 1024 * 1024 // len(data) + 1)
    rec = _parse(tmp_path, "huge.txt", blob)
    assert _error(rec) == "TooLarge" and rec.source.size == len(blob)


# --- encodings -------------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["gb18030", "utf-16-le", "utf-16-be"])
def test_notices_in_other_encodings_are_read(tmp_path, codec):
    rec = _parse(tmp_path, f"{codec}.txt", SEED_TEXT.encode(codec))  # UTF-16 without a BOM
    assert rec.error is None and rec.text == policyparse.parse(SEED_000).text
    assert rec.doc_number.raw == "苏人社发〔2024〕45号"
    assert rec.recipients == ["各设区市人力资源社会保障局", "工业和信息化局"]


def test_a_traditional_chinese_big5_notice_is_read(tmp_path):
    text = "臺北市政府 函\n受文者：各區公所\n主旨：請各區公所加強防範颱風災害，並於本年10月31日前回報辦理情形，請查照。\n"
    rec = _parse(tmp_path, "big5.txt", (text * 3).encode("big5"))
    assert rec.error is None and rec.source.encoding.startswith("big5")
    assert "加強防範颱風災害" in rec.text


def test_big5_with_question_marks_is_text_not_binary(tmp_path):
    # issue 18.2: was CorruptFile "binary data, not text" (decoded as GB18030)
    from tests.readers.test_encoding import TAIPEI_LOSSY

    rec = _parse(tmp_path, "big5.txt", TAIPEI_LOSSY.encode("big5"))
    assert rec.error is None and rec.source.encoding == "big5hkscs"
    assert any("'?' likely stand for characters Big5 cannot hold" in w for w in rec.warnings)
    assert "主旨：請各區？所加強？範颱風？害" in rec.text  # normalized to full-width "？"


def test_mixed_line_endings_and_nul_bytes_are_read(tmp_path):
    lines = SEED_TEXT.split("\n")
    mixed = "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(lines))
    data = mixed.encode("utf-8").replace("；".encode("utf-8"), "；".encode("utf-8") + b"\x00", 5)
    rec = _parse(tmp_path, "mixed.txt", data)
    plain = policyparse.parse(SEED_000)
    assert rec.error is None and "\x00" not in rec.text
    assert any("NUL" in w for w in rec.warnings)
    assert [m.id for m in rec.measures] == [m.id for m in plain.measures]


# --- paths -----------------------------------------------------------------------------------

def test_an_unreadable_file_is_not_readable(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_bytes(SEED_000.read_bytes())

    def deny(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    rec = policyparse.parse(path)
    assert _error(rec) == "FileNotReadable" and "permission denied" in rec.error.message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission_is_not_readable(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_bytes(SEED_000.read_bytes())
    path.chmod(0)
    assert _error(policyparse.parse(path)) == "FileNotReadable"


def test_odd_file_names_are_kept_in_the_record(tmp_path):
    names = ["name with spaces 🙂.txt"]
    for name in names:
        (tmp_path / name).write_bytes(SEED_000.read_bytes())
    raw_name = os.fsdecode(b"caf\xe9.txt")  # not UTF-8: a file copied from an old GBK/Latin-1 disk
    try:
        (tmp_path / raw_name).write_bytes(SEED_000.read_bytes())
    except (UnicodeEncodeError, OSError):
        raw_name = None
    rec = policyparse.parse(tmp_path / names[0])
    assert rec.error is None and rec.source.path.endswith("name with spaces 🙂.txt")
    if raw_name:
        rec = policyparse.parse(tmp_path / raw_name)
        assert rec.error is None and rec.source.path.endswith("caf\\xe9.txt")
        rec.model_dump_json()  # the record serializes


# --- a folder of all of it through the CLI ----------------------------------------------------

def test_cli_over_a_folder_of_broken_files(tmp_path, capsys, real_fixtures):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_bytes(SEED_000.read_bytes())
    (src / "empty.pdf").write_bytes(b"")
    (src / "cut.docx").write_bytes(NOTICE_DOCX.read_bytes()[:3000])
    (src / "random.ofd").write_bytes(bytes(range(256)) * 40)
    (src / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (src / "loop").symlink_to(src, target_is_directory=True)  # a folder that contains itself
    out = tmp_path / "out.jsonl"
    code = main(["parse", str(src), "-o", str(out), "--no-progress"])
    _, err = capsys.readouterr()
    assert code == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_name = {Path(r["source"]["path"]).name: r for r in records}
    assert sorted(by_name) == ["cut.docx", "dangling.txt", "empty.pdf", "good.txt", "random.ofd"]
    assert len(records) == 5  # the loop is not walked twice
    assert {n: (r["error"] or {}).get("type") for n, r in by_name.items()} == {
        "good.txt": None, "empty.pdf": "EmptyFile", "cut.docx": "CorruptFile",
        "random.ofd": "CorruptFile", "dangling.txt": "FileNotReadable",
    }
    failure_lines = [line for line in err.splitlines() if str(src) in line]
    assert len(failure_lines) == 4 and all(str(src / "good.txt") not in line for line in failure_lines)
    assert "5 file(s), 1 parsed, 4 failed" in err
