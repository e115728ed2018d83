"""Shared fixtures: paths to the corpus and to the shared real documents.

``../shared`` (beside the checkout) holds the devset and the real PDF/Word/OFD
fixtures; tests read them from there. In CI it must exist: a missing folder
fails there instead of skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SEED_000 = CORPUS / "000_db58ebbd9e288b9a.txt"
SEED_001 = CORPUS / "001_c470d0a0220e5ccb.txt"
SEED_002 = CORPUS / "002_04df30d3aa101f75.txt"
SEED_003 = CORPUS / "003_40cebaec2b9d80e5.txt"
SEED_004 = CORPUS / "004_f750de1b91a1a462.txt"
SEEDS = [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004]


def _shared(sub: str) -> Path:
    p = SHARED / sub
    if not p.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{p} is missing: CI must have ../shared beside the checkout")
        pytest.skip(f"{p} not available")
    return p


@pytest.fixture
def devset() -> Path:
    return _shared("devset")


@pytest.fixture
def devset2() -> Path:
    return _shared("devset2")


@pytest.fixture(scope="session")
def real_fixtures() -> Path:
    return _shared("fixtures/real")


@pytest.fixture
def bulk() -> Path:
    return _shared("bulk")


def scan_pages(real_fixtures: Path, out: Path, pages: int, images: bool = True) -> Path:
    """The first pages of scan_gov_03.pdf (a CamScanner scan: "扫描全能王 创建" as text over each
    page's image), cut out with pikepdf into ``out``; without their images if ``images`` is False."""
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(real_fixtures / "scan_gov_03.pdf") as src, pikepdf.new() as pdf:
        pdf.pages.extend(src.pages[:pages])
        for page in pdf.pages if not images else []:
            ops = [op for op in pikepdf.parse_content_stream(page) if str(op.operator) != "Do"]
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
            del page.Resources["/XObject"]
        pdf.save(out)
    return out


@pytest.fixture(scope="session")
def scan_page(real_fixtures, tmp_path_factory) -> Path:
    """The first page of scan_gov_03.pdf: one page to OCR, with its title and the watermark."""
    return scan_pages(real_fixtures, tmp_path_factory.mktemp("scan") / "page1.pdf", pages=1)
