"""Read legacy Word (.doc) and WPS files by converting them with LibreOffice.

The conversion runs ``soffice --headless --convert-to docx`` in a fresh temporary
profile and folder (so no user settings or macros are involved and nothing is
left behind), with a time limit; the result is read as DOCX. Without LibreOffice
the record says what to install.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from ..document import RawDocument
from ..errors import CorruptFile, Encrypted, MissingDependency
from .docx import read_docx

CONVERT_TIMEOUT = 120  # seconds
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Office saves a password-protected DOCX as an OLE file holding these streams.
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


def is_encrypted_office(data: bytes) -> bool:
    """True for an Office file saved with a password (an OLE ``EncryptedPackage``).

    >>> is_encrypted_office(b"PK\\x03\\x04")
    False
    """
    return data.startswith(_OLE_MAGIC) and all(name in data for name in _ENCRYPTED_STREAMS)


def soffice() -> Optional[str]:
    """The LibreOffice executable, if installed (``POLICYPARSE_SOFFICE`` overrides)."""
    return os.environ.get("POLICYPARSE_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, suffix: str, timeout: int = CONVERT_TIMEOUT) -> bytes:
    """The DOCX LibreOffice makes of a .doc/.wps file's bytes."""
    exe = soffice()
    if not exe:
        raise MissingDependency(
            f"reading .{suffix} files needs LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"
        )
    with tempfile.TemporaryDirectory(prefix="policyparse-soffice-") as tmp:
        src = Path(tmp) / f"input.{suffix}"
        src.write_bytes(data)
        out = Path(tmp) / "out"
        profile = Path(tmp) / "profile"
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
               "--convert-to", "docx", "--outdir", str(out), str(src)]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # soffice forks: kill the whole group
            proc.communicate()
            raise CorruptFile(f"LibreOffice did not convert the file within {timeout} s") from None
        result = out / "input.docx"
        if proc.returncode != 0 or not result.exists():
            msg = (err or b"").decode("utf-8", "replace").strip().splitlines()
            raise CorruptFile(f"LibreOffice could not convert the .{suffix} file" + (f": {msg[-1]}" if msg else ""))
        return result.read_bytes()


def read_legacy_word(data: bytes, fmt: str = "doc") -> RawDocument:
    """Convert a .doc/.wps file with LibreOffice and read the result as DOCX."""
    if is_encrypted_office(data):
        raise Encrypted("the Word file is protected by a password; remove the password and try again")
    doc = read_docx(convert_to_docx(data, fmt))
    doc.format = fmt
    doc.warnings.insert(0, f"converted from .{fmt} with LibreOffice")
    return doc
