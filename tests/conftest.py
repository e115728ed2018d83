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


@pytest.fixture(scope="session")
def real_fixtures() -> Path:
    return _shared("fixtures/real")


@pytest.fixture
def bulk() -> Path:
    return _shared("bulk")
